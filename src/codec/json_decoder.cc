#include "codec/json_decoder.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>

#include "jejak/domain/date.h"
#include "jejak/schema/common.capnp.h"
#include "jejak/text_view.h"

namespace jejak::codec::internal {

namespace {

using capnp::JsonValue;
namespace cs = capnp::schema;

constexpr uint64_t kJsonNameAnnotation = 0xfa5b1fd61c2e7c3dull;  // json.capnp $name
// Every integer up to 2^53 - 1 has a double of its own; from 2^53 on, a JSON
// number's digits may already have been rounded by the time it is a double
// (9007199254740993 reads as 9007199254740992), so it is refused.
constexpr double kMaxExactInteger = 9007199254740991.0;  // 2^53 - 1

const char* JsonTypeName(JsonValue::Which w) {
  switch (w) {
    case JsonValue::NULL_: return "null";
    case JsonValue::BOOLEAN: return "a boolean";
    case JsonValue::NUMBER: return "a number";
    case JsonValue::STRING: return "a string";
    case JsonValue::ARRAY: return "an array";
    case JsonValue::OBJECT: return "an object";
    case JsonValue::CALL: return "a call";
  }
  return "an unknown value";
}

Status Error(const std::string& path, std::string_view message) {
  std::string m = path.empty() ? std::string("event") : path;
  m += ": ";
  m += message;
  return Status::InvalidArgument(std::move(m));
}

Status Expected(const std::string& path, const char* what, JsonValue::Reader v) {
  return Error(path, std::string("expected ") + what + ", got " + JsonTypeName(v.which()));
}

// The value, shortened, for messages.
std::string Echo(capnp::Text::Reader t) {
  constexpr size_t kMax = 40;
  std::string s(t.cStr(), t.size() < kMax ? t.size() : kMax);
  if (t.size() > kMax) s += "...";
  return "\"" + s + "\"";
}

// Valid UTF-8 (no overlongs, no surrogates) without control characters
// other than \t \n \r. Returns the offending byte offset or -1.
long BadTextOffset(capnp::Text::Reader t) {
  const auto* s = reinterpret_cast<const unsigned char*>(t.cStr());
  const size_t n = t.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return static_cast<long>(i);
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return static_cast<long>(i);
    }
    if (i + len > n) return static_cast<long>(i);
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return static_cast<long>(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return static_cast<long>(i);
    }
    i += len;
  }
  return -1;
}

Status CheckInteger(JsonValue::Reader v, double lo, double hi, const std::string& path) {
  if (!v.isNumber()) return Expected(path, "an integer", v);
  const double d = v.getNumber();
  if (d != std::floor(d) || d < lo || d > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.17g is not an integer in %.17g..%.17g", d, lo, hi);
    return Error(path, buf);
  }
  return Status::Ok();
}

// 64-bit integers: a number that a double holds exactly, or a string of
// digits (capnp-json writes them as strings).
Status CheckInteger64(JsonValue::Reader v, bool is_signed, const std::string& path,
                      capnp::DynamicValue::Reader* result) {
  if (v.isNumber()) {
    if (std::fabs(v.getNumber()) > kMaxExactInteger) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "a number beyond 2^53 - 1 is not exact in JSON (it reads as %.17g): "
                    "write it as a string of digits",
                    v.getNumber());
      return Error(path, buf);
    }
    JEJAK_RETURN_IF_ERROR(
        CheckInteger(v, is_signed ? -kMaxExactInteger : 0, kMaxExactInteger, path));
    if (is_signed) {
      *result = static_cast<int64_t>(v.getNumber());
    } else {
      *result = static_cast<uint64_t>(v.getNumber());
    }
    return Status::Ok();
  }
  if (!v.isString()) return Expected(path, "an integer (number or string)", v);
  auto s = v.getString();
  size_t i = is_signed && s.size() > 0 && s[0] == '-' ? 1 : 0;
  const bool negative = i == 1;
  if (i == s.size() || s.size() - i > 20) {
    return Error(path, Echo(s) + " is not a 64-bit integer");
  }
  const uint64_t limit = !is_signed ? std::numeric_limits<uint64_t>::max()
                                     : static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) +
                                           (negative ? 1 : 0);
  uint64_t value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return Error(path, Echo(s) + " is not a 64-bit integer");
    const auto digit = static_cast<uint64_t>(s[i] - '0');
    if (value > (limit - digit) / 10) return Error(path, Echo(s) + " is out of range");
    value = value * 10 + digit;
  }
  if (!is_signed) {
    *result = value;
  } else if (negative) {
    *result = static_cast<int64_t>(~(value - 1));  // -value without overflow at INT64_MIN
  } else {
    *result = static_cast<int64_t>(value);
  }
  return Status::Ok();
}

void PushField(std::string* path, std::string_view name) {
  if (!path->empty()) path->push_back('.');
  path->append(name);
}

}  // namespace

struct JsonDecoder::TypeInfo {
  cs::Type::Which which = cs::Type::VOID;
  const StructInfo* struct_info = nullptr;  // STRUCT
  const EnumInfo* enum_info = nullptr;      // ENUM
  const TypeInfo* element = nullptr;        // LIST
};

struct JsonDecoder::FieldInfo {
  std::string name;
  capnp::StructSchema::Field field;
  bool in_union = false;
  const TypeInfo* type = nullptr;
};

struct JsonDecoder::StructInfo {
  enum class Special { kNone, kDate, kTimestamp };
  Special special = Special::kNone;
  std::vector<FieldInfo> fields;
};

struct JsonDecoder::EnumInfo {
  capnp::EnumSchema schema;
  std::string type_name;
  std::vector<std::string> names;  // JSON names in ordinal order
};

JsonDecoder::JsonDecoder(std::initializer_list<capnp::StructSchema> roots, int max_depth)
    : max_depth_(max_depth) {
  for (auto root : roots) Compile(root);
}

JsonDecoder::~JsonDecoder() = default;

const JsonDecoder::TypeInfo* JsonDecoder::Compile(capnp::Type type) {
  auto info = std::make_unique<TypeInfo>();
  info->which = type.which();
  if (type.isList()) {
    info->element = Compile(type.asList().getElementType());
  } else if (type.isEnum()) {
    auto e = type.asEnum();
    auto& slot = enums_[e.getProto().getId()];
    if (!slot) {
      slot = std::make_unique<EnumInfo>();
      slot->schema = e;
      slot->type_name = e.getUnqualifiedName().cStr();
      for (auto en : e.getEnumerants()) {
        std::string name = en.getProto().getName().cStr();
        for (auto a : en.getProto().getAnnotations()) {
          if (a.getId() == kJsonNameAnnotation) name = a.getValue().getText().cStr();
        }
        slot->names.push_back(std::move(name));
      }
    }
    info->enum_info = slot.get();
  } else if (type.isStruct()) {
    auto s = type.asStruct();
    const uint64_t id = s.getProto().getId();
    auto it = structs_.find(id);
    if (it == structs_.end()) {
      // Registered before its fields are compiled, so recursive types end.
      StructInfo* si = (structs_[id] = std::make_unique<StructInfo>()).get();
      if (id == capnp::typeId<schema::Date>()) si->special = StructInfo::Special::kDate;
      if (id == capnp::typeId<schema::Timestamp>()) si->special = StructInfo::Special::kTimestamp;
      assert(s.getFields().size() <= 64 && "DecodeStruct tracks fields in a 64-bit mask");
      for (auto f : s.getFields()) {
        FieldInfo fi;
        fi.name = f.getProto().getName().cStr();
        fi.field = f;
        fi.in_union = f.getProto().getDiscriminantValue() != cs::Field::NO_DISCRIMINANT;
        fi.type = Compile(f.getType());
        si->fields.push_back(std::move(fi));
      }
      info->struct_info = si;
    } else {
      info->struct_info = it->second.get();
    }
  }
  types_.push_back(std::move(info));
  return types_.back().get();
}

Status JsonDecoder::Decode(JsonValue::Reader value, capnp::DynamicStruct::Builder out) const {
  auto it = structs_.find(out.getSchema().getProto().getId());
  if (it == structs_.end()) return Status::InvalidArgument("type not known to the decoder");
  std::string path;
  path.reserve(96);
  return DecodeStruct(value, *it->second, out, &path, 1);
}

Status JsonDecoder::DecodeStruct(JsonValue::Reader v, const StructInfo& s,
                                 capnp::DynamicStruct::Builder out, std::string* path,
                                 int depth) const {
  if (s.special != StructInfo::Special::kNone) {
    if (v.isNull()) return Status::Ok();  // absent: stays 0
    const bool date = s.special == StructInfo::Special::kDate;
    if (!v.isString()) return Expected(*path, date ? "a date string" : "a timestamp string", v);
    auto t = v.getString();
    const std::string_view text = View(t);
    if (date) {
      Result<uint32_t> d = domain::ParseDate(text);
      if (!d.ok()) return Error(*path, d.status().message());
      out.as<schema::Date>().setYyyymmdd(*d);
    } else {
      Result<int64_t> ts = domain::ParseTimestamp(text);
      if (!ts.ok()) return Error(*path, ts.status().message());
      out.as<schema::Timestamp>().setUnixMicros(*ts);
    }
    return Status::Ok();
  }
  if (!v.isObject()) return Expected(*path, "an object", v);
  if (depth > max_depth_) return Error(*path, "nested too deeply");

  uint64_t seen = 0;                  // bit i: field i set
  const FieldInfo* member = nullptr;  // the union member set so far
  for (auto entry : v.getObject()) {
    const size_t mark = path->size();
    const auto key = entry.getName();
    const std::string_view name = View(key);
    PushField(path, name);
    size_t index = 0;
    while (index < s.fields.size() && s.fields[index].name != name) ++index;
    if (index == s.fields.size()) return Error(*path, "unknown field");
    const FieldInfo& f = s.fields[index];
    const uint64_t bit = uint64_t{1} << index;
    if (seen & bit) return Error(*path, "appears twice");
    seen |= bit;
    if (f.in_union) {
      if (member != nullptr) {
        path->resize(mark);
        return Error(*path, "only one of a union's members may be set, got \"" + member->name +
                                "\" and \"" + f.name + "\"");
      }
      member = &f;
    }
    JEJAK_RETURN_IF_ERROR(DecodeField(entry.getValue(), f, out, path, depth + 1));
    path->resize(mark);
  }
  return Status::Ok();
}

Status JsonDecoder::DecodeField(JsonValue::Reader v, const FieldInfo& f,
                                capnp::DynamicStruct::Builder out, std::string* path,
                                int depth) const {
  const TypeInfo& t = *f.type;
  if (t.which == cs::Type::STRUCT) {
    // Check the JSON kind before init(), so a rejected value leaves no
    // half-built member behind in the error message's wake.
    if (t.struct_info->special == StructInfo::Special::kNone && !v.isObject()) {
      return Expected(*path, "an object", v);
    }
    return DecodeStruct(v, *t.struct_info, out.init(f.field).as<capnp::DynamicStruct>(), path,
                        depth);
  }
  if (t.which == cs::Type::LIST) {
    if (!v.isArray()) return Expected(*path, "an array", v);
    if (depth > max_depth_) return Error(*path, "nested too deeply");
    auto items = v.getArray();
    return DecodeList(v, *t.element,
                      out.init(f.field, items.size()).as<capnp::DynamicList>(), path, depth);
  }
  capnp::DynamicValue::Reader value;
  JEJAK_RETURN_IF_ERROR(Scalar(v, t, *path, &value));
  if (t.which != cs::Type::VOID || f.in_union) out.set(f.field, value);
  return Status::Ok();
}

Status JsonDecoder::DecodeList(JsonValue::Reader v, const TypeInfo& element,
                               capnp::DynamicList::Builder out, std::string* path,
                               int depth) const {
  auto items = v.getArray();
  for (uint32_t i = 0; i < items.size(); ++i) {
    const size_t mark = path->size();
    path->push_back('[');
    *path += std::to_string(i);
    path->push_back(']');
    auto item = items[i];
    if (element.which == cs::Type::STRUCT) {
      if (element.struct_info->special == StructInfo::Special::kNone && !item.isObject()) {
        return Expected(*path, "an object", item);
      }
      JEJAK_RETURN_IF_ERROR(DecodeStruct(item, *element.struct_info,
                                         out[i].as<capnp::DynamicStruct>(), path, depth + 1));
    } else if (element.which == cs::Type::LIST) {
      if (!item.isArray()) return Expected(*path, "an array", item);
      if (depth + 1 > max_depth_) return Error(*path, "nested too deeply");
      JEJAK_RETURN_IF_ERROR(
          DecodeList(item, *element.element,
                     out.init(i, item.getArray().size()).as<capnp::DynamicList>(), path,
                     depth + 1));
    } else {
      capnp::DynamicValue::Reader value;
      JEJAK_RETURN_IF_ERROR(Scalar(item, element, *path, &value));
      out.set(i, value);
    }
    path->resize(mark);
  }
  return Status::Ok();
}

Status JsonDecoder::Scalar(JsonValue::Reader v, const TypeInfo& t, const std::string& path,
                           capnp::DynamicValue::Reader* result) const {
  auto integer = [&](double lo, double hi) {
    Status st = CheckInteger(v, lo, hi, path);
    if (st.ok()) *result = static_cast<int64_t>(v.getNumber());
    return st;
  };
  switch (t.which) {
    case cs::Type::VOID:
      if (!v.isNull()) return Expected(path, "null", v);
      *result = capnp::VOID;
      return Status::Ok();
    case cs::Type::BOOL:
      if (!v.isBoolean()) return Expected(path, "true or false", v);
      *result = v.getBoolean();
      return Status::Ok();
    case cs::Type::INT8: return integer(-128, 127);
    case cs::Type::INT16: return integer(-32768, 32767);
    case cs::Type::INT32: return integer(-2147483648.0, 2147483647.0);
    case cs::Type::UINT8: return integer(0, 255);
    case cs::Type::UINT16: return integer(0, 65535);
    case cs::Type::UINT32: return integer(0, 4294967295.0);
    case cs::Type::INT64: return CheckInteger64(v, true, path, result);
    case cs::Type::UINT64: return CheckInteger64(v, false, path, result);
    case cs::Type::FLOAT32:
    case cs::Type::FLOAT64:
      if (!v.isNumber()) return Expected(path, "a number", v);
      // JSON has no infinities; "1e999" parses to one and could not be
      // written back.
      if (!std::isfinite(v.getNumber())) return Error(path, "number out of range");
      *result = v.getNumber();
      return Status::Ok();
    case cs::Type::TEXT: {
      if (!v.isString()) return Expected(path, "a string", v);
      const long bad = BadTextOffset(v.getString());
      if (bad >= 0) {
        return Error(path, "byte " + std::to_string(bad) +
                               " is not valid UTF-8 text (or is a control character)");
      }
      *result = v.getString();
      return Status::Ok();
    }
    case cs::Type::ENUM: {
      const EnumInfo& e = *t.enum_info;
      if (!v.isString()) return Expected(path, "a name (string)", v);
      const auto s = v.getString();
      const std::string_view name = View(s);
      for (size_t i = 0; i < e.names.size(); ++i) {
        if (e.names[i] == name) {
          *result = capnp::DynamicEnum(e.schema, static_cast<uint16_t>(i));
          return Status::Ok();
        }
      }
      std::string msg = "unknown " + e.type_name + " " + Echo(s) + " (one of:";
      for (const std::string& known : e.names) {
        msg += ' ';
        msg += known;
      }
      return Error(path, msg + ")");
    }
    default: break;
  }
  return Error(path, "field type not supported in JSON");
}

}  // namespace jejak::codec::internal
