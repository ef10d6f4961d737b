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
#include "keys.h"

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

// Adds a row of the brief's BaseCells followed by `extra` (moved in when
// given as rvalues: a row costs one allocation per long cell, no more).
template <typename... Cells>
void AddRow(Table& t, const BriefView& b, Cells&&... extra) {
  auto row = b.Row(sizeof...(extra));
  (row.emplace_back(std::forward<Cells>(extra)), ...);
  t.rows.push_back(std::move(row));
}

Table WithColumns(std::vector<std::string> extra) {
  Table t;
  t.columns = BaseColumns();
  for (auto& e : extra) t.columns.push_back(std::move(e));
  return t;
}

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

// The employees in scope, from the unit index ("iu", active only) or the
// agency index ("ia", all, or only the active unless include_separated).
Status ScopeBriefs(IndexReader& r, const Scope& scope, bool include_separated,
                   const IndexReader::VisitBrief& visit) {
  if (!scope.unit.empty()) return r.BriefPrefix(keys::UnitPrefix(scope.agency, scope.unit), visit);
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

}  // namespace

Result<Table> QueryEmployees(Projector& p, const EmployeeFilter& f) {
  IndexReader r(p);
  Table t = WithColumns({"LEVEL", "STATUS"});
  Names<schema::JabatanLevel> level_name;
  const uint8_t rank_code = f.rank ? RankCode(*f.rank) : 0;
  auto add = [&](std::string_view, const BriefView& b) -> Status {
    if (!InScope(b, f.scope)) return Status::Ok();
    if (f.rank && b.rank_code != rank_code) return Status::Ok();
    if (f.level && b.level != *f.level) return Status::Ok();
    AddRow(t, b, level_name(b.level), b.active() ? "active" : "separated");
    return Status::Ok();
  };
  Status st;
  if (!f.scope.agency.empty() || f.include_separated || (!f.rank && !f.level)) {
    st = ScopeBriefs(r, f.scope, f.include_separated, add);
  } else if (f.rank) {
    st = r.BriefPrefix(keys::RankPrefix(rank_code), add);
  } else {
    st = r.BriefPrefix(keys::LevelPrefix(static_cast<uint8_t>(*f.level)), add);
  }
  if (!st.ok()) return st;
  return t;
}

Result<Table> QueryPromotion(Projector& p, uint32_t from, uint32_t to, const Scope& scope,
                             bool include_capped, uint32_t today) {
  IndexReader r(p);
  Table t = WithColumns({"NEXT", "TMT", "ELIGIBLE", "REASONS"});
  ProfileState facts;  // reused row after row
  DateNames date_name;
  // Candidates: "ie" up to `to`; the outlook is computed from the stored
  // facts for this period and today, never read from the index.
  const std::string end = keys::DatePrefix("ie", domain::FromDays(domain::ToDays(to) + 1));
  Status st = r.BriefRange("ie", end, [&](std::string_view, const BriefView& b) -> Status {
    if (!InScope(b, scope)) return Status::Ok();
    JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
    const PromotionOutlook o = NextPromotion(facts, from, p.rules(), today);
    const bool eligible = o.eligible() && o.date <= to;
    std::string reasons;  // built in place: one allocation per row
    reasons.reserve(160);
    if (o.date > to) AddReason(reasons, "not before ", date_name(o.date));
    for (const auto& x : o.blockers) AddReason(reasons, "", x);
    for (const auto& n : o.notes) AddReason(reasons, "note: ", n);
    AddRow(t, b, RankName(o.to), date_name(o.date), eligible ? "yes" : "no", std::move(reasons));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (include_capped) {
    // Everyone else in scope: "ix" holds the active employees with no
    // regular promotion at all, by agency then NIP.
    const std::string prefix = scope.agency.empty() ? "ix" : keys::CappedPrefix(scope.agency);
    st = r.BriefPrefix(prefix, [&](std::string_view, const BriefView& b) -> Status {
      if (!InScope(b, scope)) return Status::Ok();
      JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
      PromotionOutlook o = NextPromotion(facts, from, p.rules(), today);
      AddRow(t, b, "", "", "no", Join(o.blockers, "; "));
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return t;
}

Result<Table> QueryLowJp(Projector& p, uint16_t year, const Scope& scope) {
  IndexReader r(p);
  const uint32_t min_jp = p.rules().min_jp_per_year;
  Table t = WithColumns({"YEAR", "JP", "MISSING"});
  const uint32_t first = year * 10000u + 101, last = year * 10000u + 1231;
  const std::string year_text = std::to_string(year);
  Status st = ScopeBriefs(r, scope, true, [&](std::string_view, const BriefView& b) -> Status {
    if (b.recruited > last || (b.separated && b.separation_date < first)) return Status::Ok();
    const uint32_t have = b.JpInYear(year);
    if (have >= min_jp) return Status::Ok();
    AddRow(t, b, year_text, std::to_string(have), std::to_string(min_jp - have));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return t;
}

Result<Table> QueryCompetencyFit(Projector& p, const std::string& agency,
                                 const std::string& position_id, Scope scope, uint32_t as_of) {
  auto def = p.GetPosition(agency, position_id);
  if (!def.ok()) return def.status();
  const PositionVersion* standard = def->InForce(as_of);
  if (standard == nullptr) {
    return Status::NotFound("position " + position_id + " of " + agency + " has no definition in force on " +
                            domain::FormatDate(as_of));
  }
  if (scope.agency.empty()) scope.agency = agency;
  IndexReader r(p);
  Table meets = WithColumns({"MEETS", "GAP"});
  Table others = meets;
  ProfileState facts;
  Status st = ScopeBriefs(r, scope, false, [&](std::string_view, const BriefView& b) -> Status {
    JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
    auto gaps = GapAgainst(facts, *standard);
    if (gaps.empty()) {
      AddRow(meets, b, "yes", "");
    } else {
      AddRow(others, b, "no", GapText(gaps));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  for (auto& row : others.rows) meets.rows.push_back(std::move(row));
  return meets;
}

Result<Table> QuerySuccessionPool(Projector& p, const Scope& scope, uint32_t as_of) {
  IndexReader r(p);
  const Rules& rules = p.rules();
  // Highest box first when the boxes are numbered by merit (the default).
  std::vector<std::pair<uint8_t, uint8_t>> cells;  // (box, cell)
  for (uint8_t cell = 0; cell < 9; ++cell) {
    const uint8_t box = rules.nine_box[cell / 3][cell % 3];
    if (rules.InSuccessionPool(box)) cells.emplace_back(box, cell);
  }
  std::sort(cells.rbegin(), cells.rend());
  Table t = WithColumns({"BOX", "PREDIKAT", "POTENTIAL", "BAIK_2Y", "JP_LAST_YEAR"});
  Names<schema::PredikatKinerja> predikat_name;
  Names<schema::PotentialLevel> potential_name;
  ProfileState facts;
  // The years are those before `as_of`, read from the stored ratings and JP.
  const int year = static_cast<int>(as_of / 10000);
  for (const auto& [box, cell] : cells) {
    const std::string box_text = std::to_string(box);
    Status st = r.BriefPrefix(keys::CellPrefix(cell), [&](std::string_view, const BriefView& b) -> Status {
      if (!InScope(b, scope)) return Status::Ok();
      JEJAK_RETURN_IF_ERROR(b.Facts(&facts));
      if (facts.ratings.empty()) return Status::Corruption("talent index entry of " + facts.nip + " has no rating");
      int good = 0;
      for (const auto& rating : facts.ratings) {
        if ((rating.year == year - 1 || rating.year == year - 2) &&
            domain::PredikatScore(rating.predikat) >= domain::PredikatScore(schema::PredikatKinerja::BAIK)) {
          ++good;
        }
      }
      AddRow(t, b, box_text, predikat_name(facts.ratings.back().predikat),
             potential_name(facts.assessment.potential), good == 2 ? "yes" : "no",
             std::to_string(b.JpInYear(static_cast<uint16_t>(year - 1))));
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return t;
}

Result<Table> QueryRetirements(Projector& p, uint32_t from, uint32_t to, const Scope& scope) {
  IndexReader r(p);
  Table t = WithColumns({"BIRTH", "LEVEL", "RETIRES"});
  Names<schema::JabatanLevel> level_name;
  DateNames date_name;
  const std::string end = keys::DatePrefix("iy", domain::FromDays(domain::ToDays(to) + 1));
  Status st = r.BriefRange(keys::DatePrefix("iy", from), end,
                           [&](std::string_view key, const BriefView& b) -> Status {
    if (!InScope(b, scope)) return Status::Ok();
    AddRow(t, b, domain::FormatDate(b.birth_date), level_name(b.level),
           date_name(static_cast<uint32_t>(keys::GetBE(key, 2, 4))));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return t;
}

}  // namespace jejak::projection
