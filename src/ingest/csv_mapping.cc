#include "jejak/ingest/csv_mapping.h"

#include <capnp/compat/json.h>
#include <capnp/message.h>
#include <kj/exception.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "ingest/csv_values.h"
#include "ingest/schema_paths.h"
#include "jejak/ingest/input_file.h"

namespace jejak::ingest {

namespace {

using capnp::JsonValue;

constexpr std::string_view kFormat = "jejak-csv-mapping/1";
constexpr double kMaxExactInteger = 9007199254740991.0;  // 2^53 - 1
// A mapping is a page of JSON; anything near this is not one.
constexpr size_t kMaxMappingBytes = 1u << 20;

// Envelope values a kind's section may set for itself.
constexpr std::string_view kEnvelopeKeys[] = {"effectiveDate", "decreeNumber", "signer",
                                              "signingDate"};

Status Error(const std::string& key, const std::string& why) {
  return Status::InvalidArgument((key.empty() ? "mapping" : "mapping " + key) + ": " + why);
}

std::string Join(const std::string& a, std::string_view b) {
  return a.empty() ? std::string(b) : a + "." + std::string(b);
}

// Documentation keys ("_comment", "_note") are ignored everywhere.
bool Ignored(std::string_view key) { return !key.empty() && key[0] == '_'; }

Result<std::string> ScalarText(JsonValue::Reader v, const std::string& key) {
  switch (v.which()) {
    case JsonValue::STRING: return std::string(v.getString().cStr());
    case JsonValue::NUMBER: {
      // Written back as the shortest text that reads as the same double:
      // exact for every integer up to 2^53 - 1. Past it the digits may have
      // been rounded already (9007199254740993 reads as ...992).
      const double d = v.getNumber();
      if (std::fabs(d) > kMaxExactInteger) {
        return Error(key, "a number beyond 2^53 - 1 is not exact in JSON: write it as a string");
      }
      char text[32];
      const auto end = std::to_chars(text, text + sizeof text, d).ptr;
      return std::string(text, end);
    }
    case JsonValue::BOOLEAN: return std::string(v.getBoolean() ? "true" : "false");
    default: return Error(key, "must be a string, number or boolean");
  }
}

Result<std::string> String(JsonValue::Reader v, const std::string& key) {
  if (v.which() != JsonValue::STRING) return Error(key, "must be a string");
  return std::string(v.getString().cStr());
}

// capnp-json keeps every member of an object, a key given twice included,
// and the mapping would silently take one of them.
Status CheckNoDuplicateKeys(JsonValue::Reader v, const std::string& key) {
  if (v.which() == JsonValue::OBJECT) {
    std::set<std::string> seen;
    for (auto f : v.getObject()) {
      const std::string name = f.getName().cStr();
      const std::string k = Join(key, name);
      if (!seen.insert(name).second) return Error(k, "appears twice");
      JEJAK_RETURN_IF_ERROR(CheckNoDuplicateKeys(f.getValue(), k));
    }
  } else if (v.which() == JsonValue::ARRAY) {
    unsigned i = 0;
    for (auto e : v.getArray()) {
      JEJAK_RETURN_IF_ERROR(CheckNoDuplicateKeys(e, key + "[" + std::to_string(i++) + "]"));
    }
  }
  return Status::Ok();
}

// Cell texts and type codes are compared trimmed and without case, so two
// keys that differ only in case or spaces are the same key.
Status InsertFolded(std::map<std::string, std::string>* out, const std::string& key,
                    const std::string& name, std::string value) {
  auto [it, added] = out->emplace(internal::Upper(internal::Trim(name)), std::move(value));
  if (!added) {
    return Error(Join(key, name), "the same as another key (keys are compared trimmed and "
                                  "without case)");
  }
  return Status::Ok();
}

Status ParseValueMap(JsonValue::Reader v, const std::string& key,
                     std::map<std::string, std::string>* out) {
  if (v.which() != JsonValue::OBJECT) return Error(key, "must be an object of cell text to value");
  for (auto f : v.getObject()) {
    const std::string name = f.getName().cStr();
    if (Ignored(name)) continue;
    auto text = ScalarText(f.getValue(), Join(key, name));
    if (!text.ok()) return text.status();
    JEJAK_RETURN_IF_ERROR(InsertFolded(out, key, name, std::move(*text)));
  }
  return Status::Ok();
}

Result<CsvSource> ParseSource(JsonValue::Reader v, const std::string& key) {
  CsvSource s;
  if (v.which() == JsonValue::STRING) {
    s.kind = CsvSource::Kind::kColumn;
    s.column = v.getString().cStr();
    if (s.column.empty()) return Error(key, "empty column name");
    return s;
  }
  if (v.which() != JsonValue::OBJECT) {
    return Error(key, "must be a column name or an object with column, const or template");
  }
  int kinds = 0;
  for (auto f : v.getObject()) {
    const std::string name = f.getName().cStr();
    const std::string k = Join(key, name);
    if (Ignored(name)) continue;
    if (name == "column") {
      auto c = String(f.getValue(), k);
      if (!c.ok()) return c.status();
      s.kind = CsvSource::Kind::kColumn;
      s.column = *c;
      ++kinds;
    } else if (name == "const") {
      auto c = ScalarText(f.getValue(), k);
      if (!c.ok()) return c.status();
      s.kind = CsvSource::Kind::kConst;
      s.text = *c;
      ++kinds;
    } else if (name == "template") {
      auto c = String(f.getValue(), k);
      if (!c.ok()) return c.status();
      s.kind = CsvSource::Kind::kTemplate;
      s.text = *c;
      if (s.Columns().empty()) return Error(k, "names no {COLUMN}");
      ++kinds;
    } else if (name == "default") {
      auto c = ScalarText(f.getValue(), k);
      if (!c.ok()) return c.status();
      s.fallback = *c;
    } else if (name == "required") {
      if (f.getValue().which() != JsonValue::BOOLEAN) return Error(k, "must be true or false");
      s.required = f.getValue().getBoolean();
    } else if (name == "values") {
      JEJAK_RETURN_IF_ERROR(ParseValueMap(f.getValue(), k, &s.values));
    } else {
      return Error(k, "unknown key (column, const, template, default, required, values)");
    }
  }
  if (kinds != 1) return Error(key, "needs exactly one of column, const, template");
  return s;
}

Status ParseColumns(JsonValue::Reader v, CsvMapping* m) {
  if (v.which() != JsonValue::OBJECT) return Error("columns", "must be an object");
  bool nip = false, type = false;
  for (auto f : v.getObject()) {
    const std::string name = f.getName().cStr();
    const std::string key = "columns." + name;
    if (Ignored(name)) continue;
    auto src = ParseSource(f.getValue(), key);
    if (!src.ok()) return src.status();
    if (name == "nip") {
      m->nip = *src;
      nip = true;
    } else if (name == "type") {
      m->type = *src;
      type = true;
    } else if (name == "effectiveDate") {
      m->effective_date = *src;
    } else if (name == "decreeNumber") {
      m->decree_number = *src;
    } else if (name == "signer") {
      m->signer = *src;
    } else if (name == "signingDate") {
      m->signing_date = *src;
    } else {
      return Error(key, "unknown key (nip, type, effectiveDate, decreeNumber, signer, signingDate)");
    }
  }
  if (!nip) return Error("columns.nip", "required: the column that holds the NIP");
  if (!type) return Error("columns.type", "required: the column that holds the event type code");
  return Status::Ok();
}

Status CheckEnumValue(capnp::Type type, const std::string& value, const std::string& key) {
  if (type.isEnum()) {
    if (internal::EnumByName(type.asEnum(), value) < 0) {
      return Error(key, "\"" + value + "\" is not a " + internal::TypeName(type));
    }
  }
  return Status::Ok();
}

Status ParseEvent(JsonValue::Reader v, const std::string& kind, CsvMapping* m) {
  const std::string key = "events." + kind;
  auto root = internal::EmployeeKind(kind);
  if (!root.ok()) return Error(key, root.status().message());
  if (v.which() != JsonValue::OBJECT) return Error(key, "must be an object of field to source");
  CsvEventMapping e;
  e.kind = kind;
  for (auto f : v.getObject()) {
    const std::string name = f.getName().cStr();
    const std::string k = Join(key, name);
    if (Ignored(name)) continue;
    auto src = ParseSource(f.getValue(), k);
    if (!src.ok()) return src.status();
    if (name == kEnvelopeKeys[0]) {
      e.effective_date = *src;
    } else if (name == kEnvelopeKeys[1]) {
      e.decree_number = *src;
    } else if (name == kEnvelopeKeys[2]) {
      e.signer = *src;
    } else if (name == kEnvelopeKeys[3]) {
      e.signing_date = *src;
    } else {
      std::vector<internal::PathStep> steps;
      auto type = internal::ResolvePath(*root, name, &steps);
      if (!type.ok()) return Error(key, type.status().message());
      for (const auto& [cell, value] : src->values) {
        JEJAK_RETURN_IF_ERROR(CheckEnumValue(*type, value, k + ".values." + cell));
      }
      if (src->kind == CsvSource::Kind::kConst) {
        JEJAK_RETURN_IF_ERROR(CheckEnumValue(*type, src->text, k + ".const"));
      }
      e.fields.push_back({name, *src});
    }
  }
  m->events[kind] = std::move(e);
  return Status::Ok();
}

Status ParseRoot(JsonValue::Reader root, CsvMapping* m) {
  if (root.which() != JsonValue::OBJECT) return Error("", "the mapping must be a JSON object");
  bool columns = false;
  for (auto f : root.getObject()) {
    const std::string name = f.getName().cStr();
    const auto v = f.getValue();
    if (Ignored(name)) continue;
    if (name == "format") {
      auto s = String(v, name);
      if (!s.ok()) return s.status();
      if (*s != kFormat) return Error(name, "must be \"" + std::string(kFormat) + "\"");
    } else if (name == "delimiter") {
      auto s = String(v, name);
      if (!s.ok()) return s.status();
      if (s->size() != 1 || (*s)[0] == '"' || (*s)[0] == '\n' || (*s)[0] == '\r') {
        return Error(name, "must be one character other than a quote or a line break");
      }
      m->delimiter = (*s)[0];
    } else if (name == "agency" || name == "idPrefix" || name == "migration") {
      auto s = String(v, name);
      if (!s.ok()) return s.status();
      (name == "agency" ? m->agency : name == "idPrefix" ? m->id_prefix : m->migration) = *s;
    } else if (name == "actor") {
      if (v.which() != JsonValue::OBJECT) return Error(name, "must be an object with user and role");
      for (auto a : v.getObject()) {
        const std::string an = a.getName().cStr();
        if (Ignored(an)) continue;
        auto s = String(a.getValue(), "actor." + an);
        if (!s.ok()) return s.status();
        if (an == "user") {
          m->actor_user = *s;
        } else if (an == "role") {
          m->actor_role = *s;
        } else {
          return Error("actor." + an, "unknown key (user, role)");
        }
      }
    } else if (name == "dateFormats") {
      if (v.which() != JsonValue::ARRAY || v.getArray().size() == 0) {
        return Error(name, "must be a non-empty array of formats");
      }
      m->date_formats.clear();
      for (auto d : v.getArray()) {
        auto s = String(d, name);
        if (!s.ok()) return s.status();
        Status ok = internal::CheckDateFormat(*s);
        if (!ok.ok()) return Error(name, ok.message());
        m->date_formats.push_back(*s);
      }
    } else if (name == "eventIds") {
      auto s = String(v, name);
      if (!s.ok()) return s.status();
      if (*s == "key") {
        m->ids = CsvMapping::Ids::kKey;
      } else if (*s == "row") {
        m->ids = CsvMapping::Ids::kRow;
      } else if (*s == "hash") {
        m->ids = CsvMapping::Ids::kHash;
      } else {
        return Error(name, "must be \"key\", \"row\" or \"hash\"");
      }
    } else if (name == "key") {
      if (v.which() != JsonValue::ARRAY || v.getArray().size() == 0) {
        return Error(name, "must be a non-empty array of column names");
      }
      for (auto c : v.getArray()) {
        auto column = String(c, name);
        if (!column.ok()) return column.status();
        if (column->empty()) return Error(name, "empty column name");
        if (std::find(m->key.begin(), m->key.end(), *column) != m->key.end()) {
          return Error(name, "names column " + *column + " twice");
        }
        m->key.push_back(*column);
      }
    } else if (name == "columns") {
      JEJAK_RETURN_IF_ERROR(ParseColumns(v, m));
      columns = true;
    } else if (name == "types") {
      if (v.which() != JsonValue::OBJECT) return Error(name, "must be an object of code to kind");
      for (auto t : v.getObject()) {
        const std::string code = t.getName().cStr();
        if (Ignored(code)) continue;
        auto kind = String(t.getValue(), "types." + code);
        if (!kind.ok()) return kind.status();
        auto schema = internal::EmployeeKind(*kind);
        if (!schema.ok()) return Error("types." + code, schema.status().message());
        JEJAK_RETURN_IF_ERROR(InsertFolded(&m->types, "types", code, *kind));
      }
    } else if (name == "values") {
      if (v.which() != JsonValue::OBJECT) return Error(name, "must be an object by enum type");
      for (auto t : v.getObject()) {
        const std::string type = t.getName().cStr();
        if (Ignored(type)) continue;
        auto e = internal::EnumNamed(type);
        if (!e.ok()) return Error("values." + type, e.status().message());
        auto& map = m->values[type];
        JEJAK_RETURN_IF_ERROR(ParseValueMap(t.getValue(), "values." + type, &map));
        for (const auto& [cell, value] : map) {
          JEJAK_RETURN_IF_ERROR(CheckEnumValue(*e, value, "values." + type + "." + cell));
        }
      }
    } else if (name == "events") {
      if (v.which() != JsonValue::OBJECT) return Error(name, "must be an object by event kind");
      for (auto e : v.getObject()) {
        const std::string kind = e.getName().cStr();
        if (Ignored(kind)) continue;
        JEJAK_RETURN_IF_ERROR(ParseEvent(e.getValue(), kind, m));
      }
    } else {
      return Error(name, "unknown key (format, delimiter, agency, actor, dateFormats, eventIds, "
                         "key, idPrefix, migration, columns, types, values, events)");
    }
  }
  if (!columns) return Error("columns", "required");
  if (!m->key.empty() && m->ids != CsvMapping::Ids::kKey) {
    return Error("key", "only for \"eventIds\": \"key\"");
  }
  if (m->types.empty()) return Error("types", "required: at least one type code");
  if (m->date_formats.empty()) m->date_formats = {"dd-mm-yyyy", "dd/mm/yyyy", "yyyy-mm-dd"};
  return Status::Ok();
}

}  // namespace

std::vector<std::string> CsvSource::Columns() const {
  if (kind == Kind::kColumn) return {column};
  if (kind == Kind::kConst) return {};
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    const size_t end = text.find('}', pos);
    if (end == std::string::npos) break;
    out.push_back(text.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return out;
}

Result<CsvMapping> ParseCsvMapping(std::string_view json) {
  if (json.starts_with("\xEF\xBB\xBF")) json.remove_prefix(3);  // a byte order mark
  if (json.size() > kMaxMappingBytes) {
    return Error("", "over " + std::to_string(kMaxMappingBytes) + " bytes");
  }
  // capnp-json's parser takes a NUL byte for the end of its input.
  if (const size_t nul = json.find('\0'); nul != std::string_view::npos) {
    return Error("", "a NUL byte at offset " + std::to_string(nul) +
                         " (save the file as UTF-8 text, not UTF-16)");
  }
  if (json.find("\\u") != std::string_view::npos) {
    return Error("", "\\u escapes are not supported: write the characters as UTF-8");
  }
  capnp::MallocMessageBuilder message;
  auto root = message.initRoot<JsonValue>();
  capnp::JsonCodec codec;
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 codec.decodeRaw(kj::ArrayPtr<const char>(json.data(), json.size()), root);
               })) {
    return Status::InvalidArgument(std::string("mapping: invalid JSON: ") +
                                   e->getDescription().cStr());
  }
  CsvMapping m;
  JEJAK_RETURN_IF_ERROR(CheckNoDuplicateKeys(root.asReader(), ""));
  JEJAK_RETURN_IF_ERROR(ParseRoot(root.asReader(), &m));
  return m;
}

Result<CsvMapping> LoadCsvMapping(const std::string& path) {
  auto in = OpenInputFile(path);
  if (!in.ok()) return in.status().WithContext("mapping file");
  // One byte past the limit tells an oversized file (refused by the parser).
  std::string text(kMaxMappingBytes + 1, '\0');
  (*in)->read(text.data(), static_cast<std::streamsize>(text.size()));
  if ((*in)->bad()) return Status::IOError("reading mapping file " + path + " failed");
  text.resize(static_cast<size_t>((*in)->gcount()));
  auto m = ParseCsvMapping(text);
  if (!m.ok()) return m.status().WithContext(path);
  return m;
}

}  // namespace jejak::ingest
