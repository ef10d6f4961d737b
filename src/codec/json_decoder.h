// Decoding of a parsed JSON tree (capnp::JsonValue, from
// capnp::JsonCodec::decodeRaw) into a Cap'n Proto struct, checking every
// value against the schema on the way (internal).
//
// Why not capnp::JsonCodec::decode: its errors do not say where they
// happened ("Unknown field; name = gendr"); it silently accepts a second
// member of a union (the last wins), duplicate keys, enum numbers, any value
// for a Void member, unpaired garbage in 64-bit strings; and it costs about
// as much as the parse itself (reflection and an orphan per struct), which
// kept ParseInput near 55k lines/s. This pass does the same mapping in one
// walk over tables compiled from the schema once, and reports the field
// path: "payload.recruited.gendr: unknown field". The mapping is the one
// capnp::JsonCodec (configured by ConfigureCodec in json_handlers.h)
// encodes and decodes; tests and the fuzz target check that both decoders
// agree on every input this one accepts.
//
// Accepted JSON per field type:
//   Void                 null
//   Bool                 true / false
//   8..32-bit integers   an integral number in range
//   64-bit integers      an integral number up to 2^53 - 1 in magnitude
//                        (larger ones may have been rounded already), or
//                        a string of decimal digits in range
//   Float32/64           a finite number
//   Text                 a string of valid UTF-8 without control characters
//                        other than tab, newline and carriage return
//   enums                a string naming an enumerant (its $Json.name if any)
//   schema::Date         "YYYY-MM-DD" (a real date), or null for absent (0)
//   schema::Timestamp    RFC 3339, or null for 0
//   other structs        an object: known fields, no key twice, at most one
//                        member of the struct's union
//   lists                an array of the element type
// and a nesting limit.
#pragma once

#include <capnp/compat/json.h>
#include <capnp/dynamic.h>
#include <capnp/schema.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "jejak/status.h"

namespace jejak::codec::internal {

class JsonDecoder {
 public:
  // Compiles the schema of every type reachable from `roots` into lookup
  // tables. `max_depth` bounds the nesting of objects and arrays.
  JsonDecoder(std::initializer_list<capnp::StructSchema> roots, int max_depth);
  ~JsonDecoder();
  JsonDecoder(const JsonDecoder&) = delete;
  JsonDecoder& operator=(const JsonDecoder&) = delete;

  // Fills `out` (a fresh struct of one of the roots' types) from `value`.
  // OK, or InvalidArgument "<field path>: <what is wrong>", after which
  // `out` is partly filled and must be discarded. May throw kj::Exception
  // only on a bug (a value the checks let through that capnp refuses).
  // Thread-safe (const).
  [[nodiscard]] Status Decode(capnp::JsonValue::Reader value,
                              capnp::DynamicStruct::Builder out) const;

 private:
  struct TypeInfo;
  struct FieldInfo;
  struct StructInfo;
  struct EnumInfo;

  const TypeInfo* Compile(capnp::Type type);
  Status DecodeStruct(capnp::JsonValue::Reader v, const StructInfo& s,
                      capnp::DynamicStruct::Builder out, std::string* path, int depth) const;
  Status DecodeField(capnp::JsonValue::Reader v, const FieldInfo& f,
                     capnp::DynamicStruct::Builder out, std::string* path, int depth) const;
  Status DecodeList(capnp::JsonValue::Reader v, const TypeInfo& element,
                    capnp::DynamicList::Builder out, std::string* path, int depth) const;
  // Checks a scalar (non-pointer) or text value and converts it.
  Status Scalar(capnp::JsonValue::Reader v, const TypeInfo& t, const std::string& path,
                capnp::DynamicValue::Reader* result) const;

  int max_depth_;
  std::vector<std::unique_ptr<TypeInfo>> types_;
  std::unordered_map<uint64_t, std::unique_ptr<StructInfo>> structs_;  // by type id
  std::unordered_map<uint64_t, std::unique_ptr<EnumInfo>> enums_;      // by type id
};

}  // namespace jejak::codec::internal
