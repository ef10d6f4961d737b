// JsonLineWriter: the NDJSON line of an EventInput, written straight from
// the Cap'n Proto reader.
//
// It produces the same text as codec::EventJson::InputToJson (tests/gen
// compares the two byte for byte on every kind of generated event), about
// fifteen times faster: capnp-json builds a JSON tree through the dynamic
// API (~18 us per event), which alone would take minutes for a region of
// 100,000 careers. Conventions, as the codec's: fields in schema order,
// null pointers omitted, primitives always written, enums by name (their
// $Json.name if any), dates "YYYY-MM-DD", 64-bit integers as strings,
// unions as {"member": value}.
//
// Thread-compatible: const methods may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "jejak/schema/envelope.capnp.h"

namespace jejak::gen {

class JsonLineWriter {
 public:
  JsonLineWriter();

  // Appends the JSON object of `in` (no newline) to `out`.
  void Append(schema::EventInput::Reader in, std::string* out) const;

 private:
  friend class JsonOut;
  // JSON names of an enum's enumerants, by value; built from the schema.
  const std::vector<std::string>* EnumNames(uint64_t type_id) const;
  std::unordered_map<uint64_t, std::vector<std::string>> enum_names_;
};

}  // namespace jejak::gen
