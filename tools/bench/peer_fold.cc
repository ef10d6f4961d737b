#include "peer_fold.h"

#include <simdjson.h>

#include <cstdlib>

namespace jejak::bench {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string Text(object obj, const char* key) {
  std::string_view v;
  return obj[key].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

// capnp-json writes 64-bit integers as strings; small ones as numbers.
int Int(object obj, const char* key) {
  element e;
  if (obj[key].get(e) != simdjson::SUCCESS) return 0;
  int64_t n = 0;
  if (e.get_int64().get(n) == simdjson::SUCCESS) return static_cast<int>(n);
  std::string_view text;
  if (e.get_string().get(text) == simdjson::SUCCESS) return std::atoi(std::string(text).c_str());
  return 0;
}

// {"golongan": "III/a"} or {"pppkGrade": 9}.
std::string RankText(object obj, const char* key) {
  object rank;
  if (obj[key].get_object().get(rank) != simdjson::SUCCESS) return {};
  std::string golongan = Text(rank, "golongan");
  if (!golongan.empty()) return golongan;
  const int grade = Int(rank, "pppkGrade");
  return grade != 0 ? "PPPK " + std::to_string(grade) : std::string();
}

void SetPlacement(ProfileDelta* d, std::string agency, std::string unit, std::string position_id,
                  std::string position_name, std::string_view effective) {
  d->placement = true;
  d->agency = std::move(agency);
  d->unit = std::move(unit);
  d->position_id = std::move(position_id);
  d->position_name = std::move(position_name);
  d->placement_tmt = effective;
}

void SetRank(ProfileDelta* d, std::string golongan, std::string_view effective) {
  if (golongan.empty()) return;
  d->rank = true;
  d->golongan = std::move(golongan);
  d->rank_tmt = effective;
}

// Fills `d` from payload member `type` with value `value`.
void FromMember(std::string_view type, element value, std::string_view effective, int jp_year,
                ProfileDelta* d) {
  object m;
  if (value.get_object().get(m) != simdjson::SUCCESS) return;
  if (type == "recruited") {
    d->name = Text(m, "name");
    SetPlacement(d, Text(m, "agency"), Text(m, "unit"), Text(m, "positionId"), "", effective);
    SetRank(d, RankText(m, "startingRank"), effective);
  } else if (type == "positionAssigned" || type == "positionPromoted") {
    SetPlacement(d, Text(m, "agency"), Text(m, "unit"), Text(m, "positionId"),
                 Text(m, "positionName"), effective);
  } else if (type == "transferred") {
    SetPlacement(d, Text(m, "toAgency"), Text(m, "toUnit"), Text(m, "positionId"),
                 Text(m, "positionName"), effective);
  } else if (type == "rankPromoted") {
    SetRank(d, RankText(m, "to"), effective);
  } else if (type == "performanceRated") {
    d->rating = true;
    d->predikat = Text(m, "predikat");
    d->rating_year = Int(m, "year");
  } else if (type == "trainingCompleted") {
    if (effective.size() >= 4 && std::atoi(std::string(effective.substr(0, 4)).c_str()) == jp_year) {
      d->jp = Int(m, "jp");
    }
  } else if (type == "separated") {
    d->separated = true;
  } else if (type == "corrected") {
    object replacement;
    if (m["replacement"].get_object().get(replacement) == simdjson::SUCCESS &&
        replacement.size() == 1) {
      auto member = *replacement.begin();
      FromMember(member.key, member.value, effective, jp_year, d);
    }
  }
  // Every other kind (retracted included) changes nothing but last_position.
}

void StartDelta(std::string_view stream, uint64_t position, ProfileDelta* d) {
  d->position = position;
  if (stream.starts_with("emp/")) d->nip = stream.substr(4);
}

}  // namespace

struct DeltaParser::Impl {
  simdjson::dom::parser parser;
};

DeltaParser::DeltaParser() : impl_(std::make_unique<Impl>()) {}
DeltaParser::~DeltaParser() = default;

Result<ProfileDelta> DeltaParser::Parse(std::string_view stream, std::string_view type,
                                        std::string_view effective, uint64_t position,
                                        std::string_view member_json, int jp_year) {
  ProfileDelta d;
  StartDelta(stream, position, &d);
  if (d.nip.empty()) return d;
  element m;
  if (impl_->parser.parse(member_json.data(), member_json.size()).get(m) != simdjson::SUCCESS) {
    return Status::InvalidArgument("position " + std::to_string(position) + ": " +
                                   std::string(type) + " payload is not JSON");
  }
  FromMember(type, m, effective, jp_year, &d);
  return d;
}

Result<ParsedLine> DeltaParser::ParseLine(std::string_view line, uint64_t position, int jp_year) {
  object obj;
  if (impl_->parser.parse(line.data(), line.size()).get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidArgument("not a JSON object");
  }
  object payload;
  if (obj["payload"].get_object().get(payload) != simdjson::SUCCESS || payload.size() != 1) {
    return Status::InvalidArgument("payload must have exactly one member");
  }
  ParsedLine p;
  p.stream = Text(obj, "stream");
  p.event_id = Text(obj, "eventId");
  p.effective = Text(obj, "effectiveDate");
  if (p.stream.empty() || p.event_id.empty() || p.effective.size() != 10) {
    return Status::InvalidArgument("stream, eventId and effectiveDate (YYYY-MM-DD) are required");
  }
  auto member = *payload.begin();
  p.type = member.key;
  StartDelta(p.stream, position, &p.delta);
  if (!p.delta.nip.empty()) FromMember(p.type, member.value, p.effective, jp_year, &p.delta);
  return p;
}

void Apply(const ProfileDelta& d, ProfileRow* row) {
  if (row->nip.empty()) row->nip = d.nip;
  if (!d.name.empty()) row->name = d.name;
  if (d.placement && d.placement_tmt >= row->position_tmt) {
    row->agency = d.agency;
    row->unit = d.unit;
    row->position_id = d.position_id;
    row->position_name = d.position_name;
    row->position_tmt = d.placement_tmt;
  }
  if (d.rank && d.rank_tmt >= row->golongan_tmt) {
    row->golongan = d.golongan;
    row->golongan_tmt = d.rank_tmt;
  }
  if (d.rating && d.rating_year >= row->predikat_year) {
    row->predikat = d.predikat;
    row->predikat_year = d.rating_year;
  }
  row->jp_year += d.jp;
  row->separated = row->separated || d.separated;
  row->last_position = d.position;
}

// `x >= COALESCE(cp.x, x)`: true when the row has no value yet, NULL (so
// the ELSE branch) when the event does not set x.
const char* const kUpsertProfileSql =
    "INSERT INTO current_profile AS cp (nip, name, agency, unit, position_id, position_name, "
    "position_tmt, golongan, golongan_tmt, predikat, predikat_year, jp_year, separated, "
    "last_position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "ON CONFLICT (nip) DO UPDATE SET "
    "name = COALESCE(excluded.name, cp.name), "
    "agency = CASE WHEN excluded.position_tmt >= COALESCE(cp.position_tmt, excluded.position_tmt) "
    "THEN excluded.agency ELSE cp.agency END, "
    "unit = CASE WHEN excluded.position_tmt >= COALESCE(cp.position_tmt, excluded.position_tmt) "
    "THEN excluded.unit ELSE cp.unit END, "
    "position_id = CASE WHEN excluded.position_tmt >= COALESCE(cp.position_tmt, "
    "excluded.position_tmt) THEN excluded.position_id ELSE cp.position_id END, "
    "position_name = CASE WHEN excluded.position_tmt >= COALESCE(cp.position_tmt, "
    "excluded.position_tmt) THEN excluded.position_name ELSE cp.position_name END, "
    "position_tmt = CASE WHEN excluded.position_tmt >= COALESCE(cp.position_tmt, "
    "excluded.position_tmt) THEN excluded.position_tmt ELSE cp.position_tmt END, "
    "golongan = CASE WHEN excluded.golongan_tmt >= COALESCE(cp.golongan_tmt, "
    "excluded.golongan_tmt) THEN excluded.golongan ELSE cp.golongan END, "
    "golongan_tmt = CASE WHEN excluded.golongan_tmt >= COALESCE(cp.golongan_tmt, "
    "excluded.golongan_tmt) THEN excluded.golongan_tmt ELSE cp.golongan_tmt END, "
    "predikat = CASE WHEN excluded.predikat_year >= COALESCE(cp.predikat_year, "
    "excluded.predikat_year) THEN excluded.predikat ELSE cp.predikat END, "
    "predikat_year = CASE WHEN excluded.predikat_year >= COALESCE(cp.predikat_year, "
    "excluded.predikat_year) THEN excluded.predikat_year ELSE cp.predikat_year END, "
    "jp_year = cp.jp_year + excluded.jp_year, "
    "separated = cp.separated OR excluded.separated, "
    "last_position = excluded.last_position";

}  // namespace jejak::bench
