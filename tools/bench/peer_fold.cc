#include "peer_fold.h"

#include <nlohmann/json.hpp>

namespace jejak::bench {

namespace {

using Json = nlohmann::json;

std::string Text(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// capnp-json writes 64-bit integers as strings; small ones as numbers.
int Int(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return 0;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_string()) return std::atoi(it->get<std::string>().c_str());
  return 0;
}

// {"golongan": "III/a"} or {"pppkGrade": 9}.
std::string RankText(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return {};
  if (it->contains("golongan")) return Text(*it, "golongan");
  if (it->contains("pppkGrade")) return "PPPK " + std::to_string(Int(*it, "pppkGrade"));
  return {};
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

// Fills `d` from payload member `type` with value `m`.
void FromMember(std::string_view type, const Json& m, std::string_view effective, int jp_year,
                ProfileDelta* d) {
  if (!m.is_object()) return;
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
    auto r = m.find("replacement");
    if (r != m.end() && r->is_object() && r->size() == 1) {
      FromMember(r->begin().key(), r->begin().value(), effective, jp_year, d);
    }
  }
  // Every other kind (retracted included) changes nothing but last_position.
}

}  // namespace

Result<ProfileDelta> DeltaFromJson(std::string_view stream, std::string_view type,
                                   std::string_view effective, uint64_t position,
                                   std::string_view member_json, int jp_year) {
  ProfileDelta d;
  d.position = position;
  if (!stream.starts_with("emp/")) return d;
  d.nip = stream.substr(4);
  Json m = Json::parse(member_json, nullptr, /*allow_exceptions=*/false);
  if (m.is_discarded()) {
    return Status::InvalidArgument("position " + std::to_string(position) + ": " +
                                   std::string(type) + " payload is not JSON");
  }
  FromMember(type, m, effective, jp_year, &d);
  return d;
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
