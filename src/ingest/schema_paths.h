// Field paths of event payloads in the schema (internal to ingest).
//
// A path names a value inside an event kind's struct: "to",
// "birthDate", "levels[2].level". Lists must be indexed; a path ends on a
// value one CSV cell can hold: text, number, bool, enum, a Date or a Rank.
#pragma once

#include <capnp/schema.h>

#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::ingest::internal {

// One step of a path: a field name and, for a list, an index.
struct PathStep {
  std::string field;
  int index = -1;  // -1: not a list element
};

// The struct of an employee event kind ("rankPromoted" -> RankPromoted).
// InvalidArgument when there is no such kind or it does not belong on
// employee streams.
[[nodiscard]] Result<capnp::StructSchema> EmployeeKind(std::string_view kind);

// Parses and resolves `path` in `root`; returns the type of its last step
// (for a list element, the element type). InvalidArgument says why not.
[[nodiscard]] Result<capnp::Type> ResolvePath(capnp::StructSchema root, std::string_view path,
                                              std::vector<PathStep>* steps);

// True when a cell can feed a value of this type directly.
bool IsLeaf(capnp::Type type);

// "Date", "Rank", or the enum's / struct's name ("Gender").
std::string TypeName(capnp::Type type);

}  // namespace jejak::ingest::internal
