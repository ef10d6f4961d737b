// The HR queries (queries.h): each picks the index that narrows the search
// most, then reads only the profiles it reports on.
#include "jejak/projection/queries.h"

#include <algorithm>
#include <map>
#include <set>

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

// Adds a row of BaseCells(s) followed by `extra`.
void AddRow(Table& t, const ProfileState& s, std::vector<std::string> extra) {
  auto row = BaseCells(s);
  for (auto& e : extra) row.push_back(std::move(e));
  t.rows.push_back(std::move(row));
}

// The same from a brief (moves its cells).
void AddRow(Table& t, IndexReader::Brief&& b, std::vector<std::string> extra) {
  auto row = std::move(b.cells);
  for (auto& e : extra) row.push_back(std::move(e));
  t.rows.push_back(std::move(row));
}

Table WithColumns(std::vector<std::string> extra) {
  Table t;
  t.columns = BaseColumns();
  for (auto& e : extra) t.columns.push_back(std::move(e));
  return t;
}

// The NIPs of active employees in scope, from the unit or agency index.
Status ScopeNips(IndexReader& r, const Scope& scope, bool include_separated,
                 const std::function<Status(std::string_view nip, uint32_t recruited,
                                            uint32_t separated)>& visit) {
  if (!scope.unit.empty()) {
    return r.Prefix(keys::UnitPrefix(scope.agency, scope.unit),
                    [&](std::string_view key, std::string_view) {
                      return visit(keys::NipOf(key), 0, 0);
                    });
  }
  const std::string prefix = scope.agency.empty() ? "ia" : keys::AgencyPrefix(scope.agency);
  return r.Prefix(prefix, [&](std::string_view key, std::string_view value) {
    const uint32_t recruited = value.size() == 8 ? static_cast<uint32_t>(keys::GetBE(value, 0, 4)) : 0;
    const uint32_t separated = value.size() == 8 ? static_cast<uint32_t>(keys::GetBE(value, 4, 4)) : 0;
    if (separated != 0 && !include_separated) return Status::Ok();
    return visit(keys::NipOf(key), recruited, separated);
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
  auto add = [&](std::string_view nip) -> Status {
    auto b = r.LoadBrief(nip);
    if (!b.ok()) return b.status();
    if (!InScope(*b, f.scope)) return Status::Ok();
    if (f.rank && !(b->rank == *f.rank)) return Status::Ok();
    if (f.level && b->level != *f.level) return Status::Ok();
    AddRow(t, std::move(*b), {EnumName(b->level), b->separated == 0 ? "active" : "separated"});
    return Status::Ok();
  };
  Status st;
  if (!f.scope.agency.empty() || f.include_separated || (!f.rank && !f.level)) {
    st = ScopeNips(r, f.scope, f.include_separated,
                   [&](std::string_view nip, uint32_t, uint32_t) { return add(nip); });
  } else if (f.rank) {
    st = r.Prefix(keys::RankPrefix(RankCode(*f.rank)),
                  [&](std::string_view key, std::string_view) { return add(keys::NipOf(key)); });
  } else {
    st = r.Prefix(keys::LevelPrefix(static_cast<uint8_t>(*f.level)),
                  [&](std::string_view key, std::string_view) { return add(keys::NipOf(key)); });
  }
  if (!st.ok()) return st;
  return t;
}

Result<Table> QueryPromotion(Projector& p, uint32_t from, uint32_t to, const Scope& scope,
                             bool include_capped, uint32_t today) {
  IndexReader r(p);
  Table t = WithColumns({"NEXT", "TMT", "ELIGIBLE", "REASONS"});
  std::set<std::string> seen;
  const std::string end = keys::DatePrefix("ie", domain::FromDays(domain::ToDays(to) + 1));
  Status st = r.Range("ie", end, [&](std::string_view key, std::string_view) -> Status {
    auto s = r.Load(keys::NipOf(key));
    if (!s.ok()) return s.status();
    if (!InScope(*s, scope)) return Status::Ok();
    seen.insert(s->nip);
    PromotionOutlook o = NextRegularPromotion(*s, from, p.rules(), today);
    std::vector<std::string> reasons = o.blockers;
    if (o.date > to) reasons.insert(reasons.begin(), "not before " + domain::FormatDate(o.date));
    for (const auto& n : o.notes) reasons.push_back("note: " + n);
    const bool eligible = o.eligible() && o.date <= to;
    AddRow(t, *s, {RankName(o.to), domain::FormatDate(o.date), eligible ? "yes" : "no",
                   Join(reasons, "; ")});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (include_capped) {
    st = ScopeNips(r, scope, false, [&](std::string_view nip, uint32_t, uint32_t) -> Status {
      if (seen.contains(std::string(nip))) return Status::Ok();
      auto s = r.Load(nip);
      if (!s.ok()) return s.status();
      if (PromotionCandidateDate(*s, p.rules()) != 0) return Status::Ok();  // due after `to`
      PromotionOutlook o = NextRegularPromotion(*s, from, p.rules(), today);
      AddRow(t, *s, {"", "", "no", Join(o.blockers, "; ")});
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return t;
}

Result<Table> QueryLowJp(Projector& p, uint16_t year, const Scope& scope) {
  IndexReader r(p);
  const uint32_t min_jp = p.rules().min_jp_per_year;
  std::map<std::string, uint32_t, std::less<>> jp;  // NIP -> JP in the year
  Status st = r.Prefix(keys::JpPrefix(year), [&](std::string_view key, std::string_view) {
    jp.emplace(std::string(keys::NipOf(key)), static_cast<uint32_t>(keys::GetBE(key, 4, 4)));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  Table t = WithColumns({"YEAR", "JP", "MISSING"});
  const uint32_t first = year * 10000u + 101, last = year * 10000u + 1231;
  st = ScopeNips(r, scope, true,
                 [&](std::string_view nip, uint32_t recruited, uint32_t separated) -> Status {
    auto it = jp.find(nip);
    const uint32_t have = it == jp.end() ? 0 : it->second;
    if (have >= min_jp) return Status::Ok();
    if (recruited > last || (separated != 0 && separated < first)) return Status::Ok();
    auto b = r.LoadBrief(nip);
    if (!b.ok()) return b.status();
    // The unit index carries no dates: check service in the year here.
    if (b->recruited > last || (b->separated != 0 && b->separated < first)) return Status::Ok();
    AddRow(t, std::move(*b), {std::to_string(year), std::to_string(have), std::to_string(min_jp - have)});
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
  Status st = ScopeNips(r, scope, false, [&](std::string_view nip, uint32_t, uint32_t) -> Status {
    auto s = r.Load(nip);
    if (!s.ok()) return s.status();
    auto gaps = GapAgainst(*s, *standard);
    if (gaps.empty()) {
      AddRow(meets, *s, {"yes", ""});
    } else {
      AddRow(others, *s, {"no", GapText(gaps)});
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
  const int year = static_cast<int>(as_of / 10000);
  for (const auto& [box, cell] : cells) {
    Status st = r.Prefix(keys::CellPrefix(cell), [&](std::string_view key, std::string_view) -> Status {
      auto s = r.Load(keys::NipOf(key));
      if (!s.ok()) return s.status();
      if (!InScope(*s, scope)) return Status::Ok();
      int good = 0;
      for (const auto& rating : s->ratings) {
        if ((rating.year == year - 1 || rating.year == year - 2) &&
            domain::PredikatScore(rating.predikat) >= domain::PredikatScore(schema::PredikatKinerja::BAIK)) {
          ++good;
        }
      }
      AddRow(t, *s, {std::to_string(box), EnumName(s->ratings.back().predikat),
                     EnumName(s->assessment.potential), good == 2 ? "yes" : "no",
                     std::to_string(JpInYear(*s, static_cast<uint16_t>(year - 1)))});
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return t;
}

Result<Table> QueryRetirements(Projector& p, uint32_t from, uint32_t to, const Scope& scope) {
  IndexReader r(p);
  Table t = WithColumns({"BIRTH", "LEVEL", "RETIRES"});
  const std::string end = keys::DatePrefix("iy", domain::FromDays(domain::ToDays(to) + 1));
  Status st = r.Range(keys::DatePrefix("iy", from), end,
                      [&](std::string_view key, std::string_view) -> Status {
    auto b = r.LoadBrief(keys::NipOf(key));
    if (!b.ok()) return b.status();
    if (!InScope(*b, scope)) return Status::Ok();
    AddRow(t, std::move(*b), {domain::FormatDate(b->birth_date), EnumName(b->level),
                              domain::FormatDate(static_cast<uint32_t>(keys::GetBE(key, 2, 4)))});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return t;
}

}  // namespace jejak::projection
