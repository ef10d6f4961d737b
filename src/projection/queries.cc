// The HR queries (queries.h): each scans the index that narrows the search
// most, and builds every row from the brief in the index value (no profile
// is read). Values that depend on the reference date (promotion outlook,
// Baik in the last two years, JP last year) are computed here from the
// stored facts.
#include "jejak/projection/queries.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "index_entries.h"
#include "index_reader.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_reason.h"
#include "keys.h"
#include "org_catalog.h"

namespace jejak::projection {

namespace {

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// A query's table: the brief's cells with the agency's and the unit's name
// beside their codes and the employee's status after them (TableColumns),
// then the query's own.
class TableBuilder {
 public:
  TableBuilder(OrgCatalog& org, const std::vector<std::string>& extra) : org_(org) {
    t_.columns = TableColumns();
    t_.columns.insert(t_.columns.end(), extra.begin(), extra.end());
  }
  // Adds a row of `b` followed by `extra` (moved in when given as rvalues).
  template <typename... Cells>
  Status Add(const BriefView& b, Cells&&... extra) {
    auto agency_name = org_.AgencyName(b.agency);
    if (!agency_name.ok()) return agency_name.status();
    auto unit_name = org_.UnitName(b.agency, b.unit);
    if (!unit_name.ok()) return unit_name.status();
    std::vector<std::string> row;
    row.reserve(9 + sizeof...(extra));
    for (std::string_view cell : {b.nip, b.name, b.agency}) row.emplace_back(cell);
    row.push_back(std::move(agency_name).value());
    row.emplace_back(b.unit);
    row.push_back(std::move(unit_name).value());
    row.emplace_back(b.rank);
    row.emplace_back(b.position);
    row.push_back(StatusCell(b.separated, b.separation_reason));
    (row.emplace_back(std::forward<Cells>(extra)), ...);
    t_.rows.push_back(std::move(row));
    return Status::Ok();
  }
  Table& table() { return t_; }

 private:
  OrgCatalog& org_;
  Table t_;
};

// EnumName, looked up once per value (the schema walk is slow per row).
template <typename E>
class Names {
 public:
  const std::string& operator()(E value) {
    const auto i = static_cast<size_t>(value);
    if (i >= names_.size()) names_.resize(i + 1);
    if (!names_[i]) names_[i] = EnumName(value);
    return *names_[i];
  }

 private:
  std::vector<std::optional<std::string>> names_;
};

// FormatDate, memoised: a query's dates repeat (TMTs are 1sts of months).
class DateNames {
 public:
  const std::string& operator()(uint32_t date) {
    auto [it, inserted] = names_.try_emplace(date);
    if (inserted) it->second = domain::FormatDate(date);
    return it->second;
  }

 private:
  std::unordered_map<uint32_t, std::string> names_;
};

// Appends `prefix` + `text` to a "; "-separated list.
void AddReason(std::string& list, std::string_view prefix, std::string_view text) {
  if (!list.empty()) list += "; ";
  list += prefix;
  list += text;
}

// The employees in scope, from the unit index ("iu" of the unit and each
// unit below it, active only) or the agency index ("ia", all, or only the
// active unless include_separated).
Status ScopeBriefs(IndexReader& r, const ResolvedScope& scope, bool include_separated,
                   const IndexReader::VisitBrief& visit) {
  for (const auto& unit : scope.units) {
    JEJAK_RETURN_IF_ERROR(r.BriefPrefix(keys::UnitPrefix(scope.agency, unit), visit));
  }
  if (!scope.units.empty()) return Status::Ok();
  const std::string prefix = scope.agency.empty() ? "ia" : keys::AgencyPrefix(scope.agency);
  return r.BriefPrefix(prefix, [&](std::string_view key, const BriefView& b) -> Status {
    if (!b.active() && !include_separated) return Status::Ok();
    return visit(key, b);
  });
}

std::string GapText(const std::vector<CompetencyGap>& gaps) {
  std::vector<std::string> parts;
  for (const auto& g : gaps) {
    parts.push_back(g.code + " " + std::to_string(g.actual) + "<" + std::to_string(g.required));
  }
  return Join(parts, ", ");
}

// Opens the reader and catalog of one query and checks its scope.
struct QueryContext {
  explicit QueryContext(Projector& p) : reader(p), org(reader) {}
  Status Resolve(const Scope& s) {
    auto r = org.Resolve(s, s.agency_param, s.unit_param);
    if (!r.ok()) return r.status();
    scope = std::move(r).value();
    return Status::Ok();
  }
  IndexReader reader;
  OrgCatalog org;
  ResolvedScope scope;
};

}  // namespace

std::vector<std::string> TableColumns() {
  return {"NIP", "NAME", "AGENCY", "AGENCY_NAME", "UNIT", "UNIT_NAME", "RANK", "POSITION", "STATUS"};
}

std::string StatusCell(bool separated, schema::SeparationReason reason) {
  if (!separated) return "active";
  if (reason == schema::SeparationReason::UNSPECIFIED) return "separated";
  return EnumName(reason);
}

Result<Table> QueryEmployees(Projector& p, const EmployeeFilter& f) {
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(f.scope));
  TableBuilder t(q.org, {"LEVEL"});
  Names<schema::JabatanLevel> level_name;
  const uint8_t rank_code = f.rank ? RankCode(*f.rank) : 0;
  auto add = [&](std::string_view, const BriefView& b) -> Status {
    if (!q.scope.Contains(b)) return Status::Ok();
    if (f.rank && b.rank_code != rank_code) return Status::Ok();
    if (f.level && b.level != *f.level) return Status::Ok();
    return t.Add(b, level_name(b.level));
  };
  Status st;
  if (!f.scope.agency.empty() || f.include_separated || (!f.rank && !f.level)) {
    st = ScopeBriefs(q.reader, q.scope, f.include_separated, add);
  } else if (f.rank) {
    st = q.reader.BriefPrefix(keys::RankPrefix(rank_code), add);
  } else {
    st = q.reader.BriefPrefix(keys::LevelPrefix(static_cast<uint8_t>(*f.level)), add);
  }
  if (!st.ok()) return st;
  return std::move(t.table());
}

Result<Table> QueryPromotion(Projector& p, uint32_t from, uint32_t to, const Scope& scope,
                             bool include_capped, uint32_t today, bool eligible_only, Lang lang) {
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(scope));
  TableBuilder t(q.org, {"NEXT", "TMT", "ELIGIBLE", "REASONS"});
  ProfileState facts;  // reused row after row
  DateNames date_name;
  // Candidates: "ie" up to `to`; the outlook is computed from the stored
  // facts for this period and today, never read from the index.
  const std::string end = keys::DatePrefix("ie", domain::FromDays(domain::ToDays(to) + 1));
  Status st = q.reader.BriefRange("ie", end, [&](std::string_view, const BriefView& b) -> Status {
    if (!q.scope.Contains(b)) return Status::Ok();
    JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
    const PromotionOutlook o = NextPromotion(facts, from, p.rules(), today);
    const bool eligible = o.eligible() && o.date <= to;
    if (eligible_only && !eligible) return Status::Ok();
    std::string reasons;  // built in place: one allocation per row
    reasons.reserve(160);
    if (o.date > to) AddReason(reasons, "", NotBeforeText(date_name(o.date), lang));
    for (const auto& x : o.blockers) AddReason(reasons, "", PromotionReasonText(x, lang));
    for (const auto& n : o.notes) AddReason(reasons, NotePrefix(lang), PromotionReasonText(n, lang));
    return t.Add(b, RankName(o.to), date_name(o.date), eligible ? "yes" : "no", std::move(reasons));
  });
  if (!st.ok()) return st;
  if (include_capped && !eligible_only) {
    // Everyone else in scope: "ix" holds the active employees with no
    // regular promotion at all, by agency then NIP.
    const std::string prefix = scope.agency.empty() ? "ix" : keys::CappedPrefix(scope.agency);
    st = q.reader.BriefPrefix(prefix, [&](std::string_view, const BriefView& b) -> Status {
      if (!q.scope.Contains(b)) return Status::Ok();
      JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
      PromotionOutlook o = NextPromotion(facts, from, p.rules(), today);
      std::string reasons;
      for (const auto& x : o.blockers) AddReason(reasons, "", PromotionReasonText(x, lang));
      return t.Add(b, "", "", "no", std::move(reasons));
    });
    if (!st.ok()) return st;
  }
  return std::move(t.table());
}

Result<Table> QueryLowJp(Projector& p, uint16_t year, const Scope& scope) {
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(scope));
  const uint32_t min_jp = p.rules().min_jp_per_year;
  TableBuilder t(q.org, {"YEAR", "JP", "MISSING"});
  const uint32_t first = year * 10000u + 101, last = year * 10000u + 1231;
  const std::string year_text = std::to_string(year);
  Status st = ScopeBriefs(q.reader, q.scope, true, [&](std::string_view, const BriefView& b) -> Status {
    if (b.recruited > last || (b.separated && b.separation_date < first)) return Status::Ok();
    const uint32_t have = b.JpInYear(year);
    if (have >= min_jp) return Status::Ok();
    return t.Add(b, year_text, std::to_string(have), std::to_string(min_jp - have));
  });
  if (!st.ok()) return st;
  return std::move(t.table());
}

Result<Table> QueryCompetencyFit(Projector& p, const std::string& agency,
                                 const std::string& position_id, Scope scope, uint32_t as_of) {
  if (scope.agency.empty()) scope.agency = agency;
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(scope));
  auto def = p.GetPosition(agency, position_id);
  if (!def.ok()) return def.status();
  const PositionVersion* standard = def->InForce(as_of);
  if (standard == nullptr) {
    return Status::NotFound("position " + position_id + " of " + agency + " has no definition in force on " +
                            domain::FormatDate(as_of));
  }
  TableBuilder meets(q.org, {"MEETS", "GAP"});
  TableBuilder others(q.org, {"MEETS", "GAP"});
  ProfileState facts;
  Status st = ScopeBriefs(q.reader, q.scope, false, [&](std::string_view, const BriefView& b) -> Status {
    JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
    auto gaps = GapAgainst(facts, *standard);
    if (gaps.empty()) return meets.Add(b, "yes", "");
    return others.Add(b, "no", GapText(gaps));
  });
  if (!st.ok()) return st;
  for (auto& row : others.table().rows) meets.table().rows.push_back(std::move(row));
  return std::move(meets.table());
}

Result<Table> QuerySuccessionPool(Projector& p, const Scope& scope, uint32_t as_of) {
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(scope));
  const Rules& rules = p.rules();
  // Highest box first when the boxes are numbered by merit (the default).
  std::vector<std::pair<uint8_t, uint8_t>> cells;  // (box, cell)
  for (uint8_t cell = 0; cell < 9; ++cell) {
    const uint8_t box = rules.nine_box[cell / 3][cell % 3];
    if (rules.InSuccessionPool(box)) cells.emplace_back(box, cell);
  }
  std::sort(cells.rbegin(), cells.rend());
  TableBuilder t(q.org, {"BOX", "PREDIKAT", "POTENTIAL", "BAIK_2Y", "JP_LAST_YEAR"});
  Names<schema::PredikatKinerja> predikat_name;
  Names<schema::PotentialLevel> potential_name;
  ProfileState facts;
  // The years are those before `as_of`, read from the stored ratings and JP.
  const int year = static_cast<int>(as_of / 10000);
  for (const auto& [box, cell] : cells) {
    const std::string box_text = std::to_string(box);
    Status st = q.reader.BriefPrefix(keys::CellPrefix(cell), [&](std::string_view, const BriefView& b) -> Status {
      if (!q.scope.Contains(b)) return Status::Ok();
      JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
      if (facts.ratings.empty()) return Status::Corruption("talent index entry of " + facts.nip + " has no rating");
      int good = 0;
      for (const auto& rating : facts.ratings) {
        if ((rating.year == year - 1 || rating.year == year - 2) &&
            domain::PredikatScore(rating.predikat) >= domain::PredikatScore(schema::PredikatKinerja::BAIK)) {
          ++good;
        }
      }
      return t.Add(b, box_text, predikat_name(facts.ratings.back().predikat),
                   potential_name(facts.assessment.potential), good == 2 ? "yes" : "no",
                   std::to_string(b.JpInYear(static_cast<uint16_t>(year - 1))));
    });
    if (!st.ok()) return st;
  }
  return std::move(t.table());
}

Result<Table> QueryRetirements(Projector& p, uint32_t from, uint32_t to, const Scope& scope) {
  QueryContext q(p);
  JEJAK_RETURN_IF_ERROR(q.Resolve(scope));
  TableBuilder t(q.org, {"BIRTH", "LEVEL", "RETIRES"});
  Names<schema::JabatanLevel> level_name;
  DateNames date_name;
  const std::string end = keys::DatePrefix("iy", domain::FromDays(domain::ToDays(to) + 1));
  Status st = q.reader.BriefRange(keys::DatePrefix("iy", from), end,
                                  [&](std::string_view key, const BriefView& b) -> Status {
    if (!q.scope.Contains(b)) return Status::Ok();
    return t.Add(b, domain::FormatDate(b.birth_date), level_name(b.level),
                 date_name(static_cast<uint32_t>(keys::GetBE(key, 2, 4))));
  });
  if (!st.ok()) return st;
  return std::move(t.table());
}

}  // namespace jejak::projection
