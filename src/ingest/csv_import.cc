#include "jejak/ingest/csv_import.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "ingest/csv_values.h"
#include "ingest/schema_paths.h"
#include "jejak/domain/date.h"
#include "jejak/domain/validate.h"
#include "jejak/ingest/nip_text.h"
#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/sha256.h"

namespace jejak::ingest {

namespace {

using internal::JsonString;
using internal::PathStep;
using internal::Trim;

// A JSON value under construction, filled by field paths. (Members are
// Nodes with a name, not pairs: a std::pair holding the type being
// defined is ill-formed, and Clang refuses it.)
struct Node {
  std::string name;            // as a member of an object
  std::vector<Node> members;   // object
  std::vector<Node> elements;  // array
  bool array = false;
  std::string leaf;  // a finished JSON value

  Node& Member(const std::string& member) {
    for (Node& m : members) {
      if (m.name == member) return m;
    }
    members.emplace_back();
    members.back().name = member;
    return members.back();
  }

  void Set(const std::vector<PathStep>& steps, std::string value) {
    Node* n = this;
    for (const PathStep& s : steps) {
      n = &n->Member(s.field);
      if (s.index >= 0) {
        n->array = true;
        if (n->elements.size() <= static_cast<size_t>(s.index)) n->elements.resize(s.index + 1);
        n = &n->elements[static_cast<size_t>(s.index)];
      }
    }
    n->leaf = std::move(value);
  }

  void Write(std::string* out) const {
    if (!leaf.empty()) {
      *out += leaf;
    } else if (array) {
      out->push_back('[');
      for (size_t i = 0; i < elements.size(); ++i) {
        if (i) out->push_back(',');
        elements[i].Write(out);
      }
      out->push_back(']');
    } else {
      out->push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i) out->push_back(',');
        *out += JsonString(members[i].name);
        out->push_back(':');
        members[i].Write(out);
      }
      out->push_back('}');
    }
  }
};

std::string PathText(const std::vector<PathStep>& steps) {
  std::string p;
  for (const PathStep& s : steps) {
    if (!p.empty()) p += '.';
    p += s.field;
    if (s.index >= 0) {
      p += '[';
      p += std::to_string(s.index);
      p += ']';
    }
  }
  return p;
}

std::string ErrorColumn(const CsvSource& s) {
  const auto cols = s.Columns();
  return cols.empty() ? std::string() : cols.front();
}

std::string IdPrefix(const CsvMapping& m, std::string_view source_name) {
  std::string base(m.id_prefix);
  // Key ids do not depend on where the rows came from: the same record
  // exported twice, or the file renamed, keeps its ids.
  if (base.empty() && m.ids == CsvMapping::Ids::kKey) base = "csv";
  if (base.empty()) {
    const size_t slash = source_name.find_last_of("/\\");
    base = std::string(slash == std::string_view::npos ? source_name : source_name.substr(slash + 1));
  }
  std::string out;
  for (char c : base) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    out.push_back(ok ? c : '_');
  }
  if (out.size() > 100) out.resize(100);
  return out.empty() ? "csv" : out;
}

// Text of a key cell compared without case or runs of spaces.
std::string Folded(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  }
  return out;
}

uint64_t Fnv1a(const std::vector<std::string>& cells) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const std::string& c : cells) {
    for (unsigned char b : c) h = (h ^ b) * 0x100000001b3ull;
    h = (h ^ 0x1f) * 0x100000001b3ull;
  }
  return h;
}

// One mapped payload field, resolved against the schema once.
struct Prepared {
  const CsvField* field;
  std::vector<PathStep> steps;
  capnp::Type type;
  std::string json_path;  // "payload.rankPromoted.to"
};

// Whether the field at `json_path` holds a NIP ("nip", "evaluatorNip",
// "members.nip", ...): its cells are cleaned as the NIP column's are.
bool IsNipField(std::string_view json_path) {
  const size_t dot = json_path.rfind('.');
  const std::string_view name = dot == std::string_view::npos ? json_path : json_path.substr(dot + 1);
  return name == "nip" || name.ends_with("Nip");
}

}  // namespace

std::string CsvRowError::ToString() const {
  std::string s = "row " + std::to_string(row) + " (line " + std::to_string(line) + ")";
  if (!column.empty()) s += ", column " + column;
  return s + ": " + message;
}

// How a column's cell is normalised in a natural key: as what it feeds.
enum class KeyRole { kText, kNip, kType, kDate };

struct CsvImporter::Tables {
  std::map<std::string, size_t> column_index;
  std::map<std::string, std::vector<std::string>> key_columns;  // by kind
  std::map<std::string, KeyRole> key_roles;                     // by column
  std::map<std::string, std::vector<Prepared>> fields;  // by kind
  std::map<std::string, bool> has_agency;               // kind has an `agency` field
  std::map<std::string, bool> maps_nip;                 // kind maps `nip` itself
  std::map<std::string, bool> maps_mentee;
};

CsvImporter::CsvImporter(CsvMapping mapping, std::istream* in, std::string prefix,
                         const codec::EventJson* json)
    : mapping_(std::move(mapping)),
      reader_(in, mapping_.delimiter),
      prefix_(std::move(prefix)),
      json_(json),
      tables_(std::make_unique<Tables>()) {}

CsvImporter::~CsvImporter() = default;

Result<std::unique_ptr<CsvImporter>> CsvImporter::Open(CsvMapping mapping, std::istream* in,
                                                       std::string_view source_name,
                                                       const codec::EventJson* json) {
  std::string prefix = IdPrefix(mapping, source_name);
  std::unique_ptr<CsvImporter> imp(
      new CsvImporter(std::move(mapping), in, std::move(prefix), json));
  Tables& t = *imp->tables_;
  auto header = imp->reader_.Next(&imp->header_);
  if (!header.ok()) return header.status().WithContext("CSV header");
  if (!*header) return Status::InvalidArgument("CSV file is empty: no header row");
  std::set<std::string> duplicates;
  for (size_t i = 0; i < imp->header_.size(); ++i) {
    imp->header_[i] = Trim(imp->header_[i]);
    if (!t.column_index.emplace(imp->header_[i], i).second) duplicates.insert(imp->header_[i]);
  }
  const CsvMapping& m = imp->mapping_;
  auto need = [&](const CsvSource& s, const std::string& key) -> Status {
    for (const std::string& c : s.Columns()) {
      if (duplicates.count(c)) return Status::InvalidArgument("CSV header: column " + c + " appears twice");
      if (!t.column_index.count(c)) {
        std::string have;
        for (const auto& h : imp->header_) have += (have.empty() ? "" : ", ") + h;
        return Status::InvalidArgument("mapping " + key + " names column \"" + c +
                                       "\", which the CSV header does not have (it has: " +
                                       have + ")");
      }
    }
    return Status::Ok();
  };
  JEJAK_RETURN_IF_ERROR(need(m.nip, "columns.nip"));
  JEJAK_RETURN_IF_ERROR(need(m.type, "columns.type"));
  for (const auto* o : {&m.effective_date, &m.decree_number, &m.signer, &m.signing_date}) {
    if (*o) JEJAK_RETURN_IF_ERROR(need(**o, "columns"));
  }
  for (const auto& [kind, ev] : m.events) {
    auto root = internal::EmployeeKind(kind);
    if (!root.ok()) return root.status();
    for (const auto* o : {&ev.effective_date, &ev.decree_number, &ev.signer, &ev.signing_date}) {
      if (*o) JEJAK_RETURN_IF_ERROR(need(**o, "events." + kind));
    }
    for (const CsvField& f : ev.fields) {
      JEJAK_RETURN_IF_ERROR(need(f.source, "events." + kind + "." + f.path));
      Prepared p{&f, {}, capnp::Type(), ""};
      auto type = internal::ResolvePath(*root, f.path, &p.steps);
      if (!type.ok()) return type.status().WithContext("mapping events." + kind);
      p.type = *type;
      p.json_path = std::string("payload.").append(kind).append(".").append(PathText(p.steps));
      if (p.steps.size() == 1 && p.steps[0].field == "nip") t.maps_nip[kind] = true;
      if (p.steps.size() == 1 && p.steps[0].field == "menteeNip") t.maps_mentee[kind] = true;
      if (p.steps.size() == 1 && p.steps[0].field == "agency") t.has_agency[kind] = false;
      t.fields[kind].push_back(std::move(p));
    }
  }
  if (m.ids == CsvMapping::Ids::kKey) JEJAK_RETURN_IF_ERROR(imp->PrepareKeys(need));
  // Kinds whose struct has an `agency` field the mapping leaves unmapped
  // get the mapping's agency.
  for (const auto& [code, kind] : m.types) {
    auto root = internal::EmployeeKind(kind);
    if (!root.ok()) return root.status();
    if (!t.has_agency.count(kind)) {
      KJ_IF_MAYBE (f, root->findFieldByName("agency")) {
        (void)f;
        t.has_agency[kind] = !m.agency.empty();
      }
    }
  }
  return imp;
}

Status CsvImporter::PrepareKeys(
    const std::function<Status(const CsvSource&, const std::string&)>& need) {
  const CsvMapping& m = mapping_;
  Tables& t = *tables_;
  for (const std::string& column : m.key) {
    CsvSource s;
    s.column = column;
    JEJAK_RETURN_IF_ERROR(need(s, "key"));
  }
  auto role = [&](const std::optional<CsvSource>& s, KeyRole r) {
    if (s && s->kind == CsvSource::Kind::kColumn) t.key_roles.try_emplace(s->column, r);
  };
  role(m.nip, KeyRole::kNip);
  role(m.type, KeyRole::kType);
  role(m.effective_date, KeyRole::kDate);
  role(m.signing_date, KeyRole::kDate);
  for (const auto& [kind, ev] : m.events) {
    role(ev.effective_date, KeyRole::kDate);
    role(ev.signing_date, KeyRole::kDate);
  }
  for (const auto& [kind, fields] : t.fields) {
    for (const Prepared& p : fields) {
      if (p.type.isStruct() && p.type.asStruct() == capnp::Schema::from<schema::Date>()) {
        role(p.field->source, KeyRole::kDate);
      }
    }
  }
  // Without a key of the mapping's own: the columns of the NIP, the type
  // code, the TMT and the decree number, each as the kind takes it.
  for (const auto& [code, kind] : m.types) {
    std::vector<std::string>& columns = t.key_columns[kind];
    if (!columns.empty()) continue;
    if (!m.key.empty()) {
      columns = m.key;
      continue;
    }
    const CsvEventMapping* ev = nullptr;
    if (auto it = m.events.find(kind); it != m.events.end()) ev = &it->second;
    auto add = [&](const std::optional<CsvSource>& own, const std::optional<CsvSource>& wide) {
      const std::optional<CsvSource>& s = (ev != nullptr && own) ? own : wide;
      if (!s) return;
      for (const std::string& c : s->Columns()) {
        if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
      }
    };
    add(std::nullopt, m.nip);
    add(std::nullopt, m.type);
    add(ev ? ev->effective_date : std::nullopt, m.effective_date);
    add(ev ? ev->decree_number : std::nullopt, m.decree_number);
  }
  return Status::Ok();
}

CsvImporter::NaturalKey CsvImporter::KeyOf(const std::vector<std::string>& cells,
                                           const std::string& kind) const {
  const Tables& t = *tables_;
  NaturalKey key;
  integrity::Sha256Hasher hash;
  hash.Update("jejak-csv-key/1\n").Update(kind).Update("\n");
  for (const std::string& column : t.key_columns.at(kind)) {
    const std::string cell = CellOf(cells, column);
    std::string value = Folded(cell);
    auto role = t.key_roles.find(column);
    switch (role == t.key_roles.end() ? KeyRole::kText : role->second) {
      case KeyRole::kNip: value = CleanNip(cell); break;
      case KeyRole::kType:
        if (auto k = mapping_.types.find(internal::Upper(cell)); k != mapping_.types.end()) {
          value = k->second;
        }
        break;
      case KeyRole::kDate:
        if (auto d = internal::ParseDateIn(cell, mapping_.date_formats); d.ok()) {
          value = domain::FormatDate(*d);
        }
        break;
      case KeyRole::kText: break;
    }
    hash.Update(value).Update("\n");
    if (!key.text.empty()) key.text += ", ";
    key.text += column + " " + (cell.empty() ? std::string("(empty)") : cell);
  }
  key.digest = integrity::ToHex(hash.Final()).substr(0, 20);
  return key;
}

std::string CsvImporter::CellOf(const std::vector<std::string>& cells,
                                const std::string& column) const {
  auto it = tables_->column_index.find(column);
  if (it == tables_->column_index.end() || it->second >= cells.size()) return {};
  return Trim(cells[it->second]);
}

Result<bool> CsvImporter::Next(CsvRow* row) {
  *row = CsvRow();
  std::vector<std::string> cells;
  auto r = reader_.Next(&cells);
  if (!r.ok() && !r.status().IsInvalidArgument()) return r.status();
  row->row = reader_.record();
  row->line = reader_.line();
  if (!r.ok()) {
    // The reader's message already names the row and line.
    std::string message = r.status().message();
    const size_t colon = message.find("): ");
    if (colon != std::string::npos) message.erase(0, colon + 3);
    row->error = CsvRowError{row->row, row->line, "", std::move(message)};
    return true;
  }
  if (!*r) return false;
  Convert(cells, row);
  return true;
}

void CsvImporter::Convert(const std::vector<std::string>& cells, CsvRow* row) {
  bool blank = true;
  for (const std::string& c : cells) blank = blank && Trim(c).empty();
  if (blank) return;  // an empty row is no event and no error
  const Tables& t = *tables_;
  auto fail = [&](const std::string& column, const std::string& message) {
    row->error = CsvRowError{row->row, row->line, column, message};
  };
  // Cells past the header's columns belong to no column: usually a
  // delimiter inside an unquoted cell shifted the row. Empty ones (a
  // trailing delimiter, as spreadsheets leave them) are harmless.
  for (size_t i = header_.size(); i < cells.size(); ++i) {
    if (Trim(cells[i]).empty()) continue;
    return fail("", "the row has " + std::to_string(cells.size()) + " cells but the header " +
                        std::to_string(header_.size()) + " columns: cell " + std::to_string(i + 1) +
                        " (" + JsonString(Trim(cells[i])) + ") has no column (a delimiter " +
                        "inside a cell that is not quoted?)");
  }
  auto cell = [&](const std::string& column) { return CellOf(cells, column); };
  // The text of a source for this row ("" when empty and no default).
  auto resolve = [&](const CsvSource& s, std::string* out) -> bool {
    std::string v;
    switch (s.kind) {
      case CsvSource::Kind::kConst: v = s.text; break;
      case CsvSource::Kind::kColumn: v = cell(s.column); break;
      case CsvSource::Kind::kTemplate: {
        v = s.text;
        for (const std::string& c : s.Columns()) {
          const std::string value = cell(c);
          if (value.empty()) {
            v.clear();
            break;
          }
          v.replace(v.find("{" + c + "}"), c.size() + 2, value);
        }
        break;
      }
    }
    if (!v.empty() && !s.values.empty()) {
      auto hit = s.values.find(internal::Upper(v));
      if (hit != s.values.end()) v = hit->second;
    }
    if (v.empty() && s.fallback) v = *s.fallback;
    if (v.empty() && s.required) {
      fail(ErrorColumn(s), "required, but the cell is empty");
      return false;
    }
    *out = std::move(v);
    return true;
  };

  // NIP: spreadsheets add spaces or dots, a leading apostrophe, or turn it
  // into a number in scientific notation.
  std::string raw_nip;
  if (!resolve(mapping_.nip, &raw_nip)) return;
  if (raw_nip.find("E+") != std::string::npos || raw_nip.find("e+") != std::string::npos) {
    return fail(ErrorColumn(mapping_.nip),
                "\"" + raw_nip + "\" is a number in scientific notation: format the NIP column "
                "as text in the spreadsheet and export again");
  }
  const std::string nip = CleanNip(raw_nip);
  if (nip.empty()) return fail(ErrorColumn(mapping_.nip), "the NIP is empty");

  std::string code;
  if (!resolve(mapping_.type, &code)) return;
  auto kind_it = mapping_.types.find(internal::Upper(code));
  if (kind_it == mapping_.types.end()) {
    std::string known;
    for (const auto& [c, k] : mapping_.types) known += (known.empty() ? "" : ", ") + c;
    return fail(ErrorColumn(mapping_.type),
                "unknown event type code \"" + code + "\" (the mapping knows " + known + ")");
  }
  const std::string& kind = kind_it->second;
  const CsvEventMapping* ev = nullptr;
  if (auto it = mapping_.events.find(kind); it != mapping_.events.end()) ev = &it->second;

  const internal::ValueContext ctx{&mapping_.date_formats, &mapping_.values};
  // Envelope values: the kind's own source, else the mapping-wide one.
  struct EnvelopeValue {
    const char* json_path;
    const std::optional<CsvSource>* wide;
    const std::optional<CsvSource>* own;
    bool date;
    std::string value;
    std::string column;
  };
  EnvelopeValue env[] = {
      {"effectiveDate", &mapping_.effective_date, ev ? &ev->effective_date : nullptr, true, "", ""},
      {"source.decreeNumber", &mapping_.decree_number, ev ? &ev->decree_number : nullptr, false, "", ""},
      {"source.signer", &mapping_.signer, ev ? &ev->signer : nullptr, false, "", ""},
      {"source.signingDate", &mapping_.signing_date, ev ? &ev->signing_date : nullptr, true, "", ""},
  };
  for (EnvelopeValue& e : env) {
    const CsvSource* src = (e.own && *e.own) ? &**e.own : (*e.wide ? &**e.wide : nullptr);
    if (src == nullptr) continue;
    e.column = ErrorColumn(*src);
    std::string text;
    if (!resolve(*src, &text)) return;
    if (text.empty()) continue;
    if (e.date) {
      auto d = internal::ParseDateIn(text, mapping_.date_formats);
      if (!d.ok()) return fail(e.column, d.status().message());
      e.value = JsonString(domain::FormatDate(*d));
    } else {
      e.value = JsonString(text);
    }
  }

  // The payload, and where each JSON path came from (for error messages).
  Node payload;
  std::vector<std::pair<std::string, std::string>> origin = {
      {"stream", ErrorColumn(mapping_.nip)},
      {"effectiveDate", env[0].column},
      {"source.decreeNumber", env[1].column},
      {"source.signer", env[2].column},
      {"source.signingDate", env[3].column},
  };
  if (auto it = t.fields.find(kind); it != t.fields.end()) {
    for (const Prepared& p : it->second) {
      std::string text;
      if (!resolve(p.field->source, &text)) return;
      if (text.empty()) continue;
      if (IsNipField(p.json_path)) text = CleanNip(text);
      auto value = internal::CellToJson(p.type, text, ctx);
      const std::string column = ErrorColumn(p.field->source);
      if (!value.ok()) return fail(column, value.status().message());
      payload.Set(p.steps, *value);
      origin.emplace_back(p.json_path, column);
    }
  }
  if (kind == "recruited" && !t.maps_nip.count(kind)) {
    payload.Set({{"nip", -1}}, JsonString(nip));
    origin.emplace_back("payload.recruited.nip", ErrorColumn(mapping_.nip));
  }
  if (kind == "mentoringRecorded" && !t.maps_mentee.count(kind)) {
    payload.Set({{"menteeNip", -1}}, JsonString(nip));
    origin.emplace_back("payload.mentoringRecorded.menteeNip", ErrorColumn(mapping_.nip));
  }
  if (auto it = t.has_agency.find(kind); it != t.has_agency.end() && it->second) {
    payload.Set({{"agency", -1}}, JsonString(mapping_.agency));
  }

  // The NDJSON line, then the codec and the append-time validation.
  std::string id = prefix_ + "-";
  switch (mapping_.ids) {
    case CsvMapping::Ids::kKey: {
      NaturalKey key = KeyOf(cells, kind);
      id += "k" + key.digest;
      row->key = std::move(key.text);
      break;
    }
    case CsvMapping::Ids::kRow: id += std::to_string(row->row); break;
    case CsvMapping::Ids::kHash: {
      char hex[24];
      std::snprintf(hex, sizeof hex, "h%016llx", static_cast<unsigned long long>(Fnv1a(cells)));
      id += hex;
      break;
    }
  }
  std::string line = "{\"stream\":" + JsonString("emp/" + nip) + ",\"eventId\":" + JsonString(id);
  if (!env[0].value.empty()) line += ",\"effectiveDate\":" + env[0].value;
  line += ",\"actor\":{\"user\":" + JsonString(mapping_.actor_user) +
          ",\"role\":" + JsonString(mapping_.actor_role);
  if (!mapping_.agency.empty()) line += ",\"agency\":" + JsonString(mapping_.agency);
  line += "}";
  std::string source;
  if (!env[1].value.empty()) source += "\"decreeNumber\":" + env[1].value;
  if (!env[2].value.empty()) source += std::string(source.empty() ? "" : ",") + "\"signer\":" + env[2].value;
  if (!env[3].value.empty()) source += std::string(source.empty() ? "" : ",") + "\"signingDate\":" + env[3].value;
  if (!mapping_.migration.empty()) {
    source += std::string(source.empty() ? "" : ",") + "\"migration\":" + JsonString(mapping_.migration);
  }
  if (!source.empty()) line += ",\"source\":{" + source + "}";
  line += ",\"payload\":{" + JsonString(kind) + ":";
  payload.Write(&line);
  line += "}}";

  auto column_of = [&](const std::string& message) {
    // The longest origin path the message starts with.
    std::string best_path, best_column;
    for (const auto& [path, column] : origin) {
      if (message.compare(0, path.size(), path) != 0) continue;
      const char next = message.size() > path.size() ? message[path.size()] : ':';
      if ((next == ':' || next == '.' || next == '[' || next == ' ') && path.size() > best_path.size()) {
        best_path = path;
        best_column = column;
      }
    }
    return best_column;
  };
  auto event = json_->ParseInput(line);
  if (!event.ok()) return fail(column_of(event.status().message()), event.status().message());
  Status valid = domain::ValidateEventInput(event->reader());
  if (!valid.ok()) return fail(column_of(valid.message()), valid.message());
  row->event = std::move(*event);
}

}  // namespace jejak::ingest
