// Valid sample events of every kind, for validation and codec tests.
#pragma once

#include <vector>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/store/new_event.h"

namespace jejak::testing {

// A male PNS born 1985-03-12, CPNS TMT March 2010, and his NIK.
inline constexpr const char* kNip = "198503122010031001";
inline constexpr const char* kNik = "1373011203850001";
// A female PNS born 1990-07-25, CPNS TMT January 2015, and her NIK.
inline constexpr const char* kNipFemale = "199007252015012002";
inline constexpr const char* kNikFemale = "1373026507900002";

// Every event kind, in union order (recruited .. retracted).
std::vector<schema::Payload::Which> AllKinds();

// A complete valid event of `kind` on a stream of the right kind
// (emp/kNip, sel/..., org/...), with envelope and every field filled.
store::NewEvent SampleEvent(schema::Payload::Which kind);

}  // namespace jejak::testing
