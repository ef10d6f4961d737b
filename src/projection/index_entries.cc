#include "index_entries.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "keys.h"

namespace jejak::projection {

namespace {

constexpr uint8_t kBriefTag = 0xB1;

void PutString(std::string* out, std::string_view s) {
  const size_t n = std::min<size_t>(s.size(), UINT16_MAX);
  keys::PutU16(out, static_cast<uint16_t>(n));
  out->append(s.data(), n);
}

template <typename E>
void PutEnum(std::string* out, E e) {
  keys::PutU16(out, static_cast<uint16_t>(e));
}

uint16_t Count(size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, UINT16_MAX)); }

// The sections of a brief, each encoded once per profile (IndexEntries
// puts several combinations of them in different indexes).
struct BriefSections {
  std::string core, competencies, jp, career, summary;
};

// The BaseCells of `s` as views into it; the rank name, computed, is
// written to `*rank_name`, which must outlive the views.
std::array<std::string_view, 6> BaseCellViews(const ProfileState& s, std::string* rank_name) {
  const Placement* p = CurrentPlacement(s);
  const RankFact* r = CurrentRank(s);
  *rank_name = r != nullptr ? RankName(r->rank) : "";
  std::string_view position;
  if (p != nullptr) position = p->position_name.empty() ? p->position_id : p->position_name;
  return {s.nip, s.name, p != nullptr ? std::string_view(p->agency) : "",
          p != nullptr ? std::string_view(p->unit) : "", *rank_name, position};
}

// The sections of `s` with `parts` into `*out`, over its strings (no
// allocation once they have grown: IndexEntriesInto reuses one per thread).
void SectionsInto(const ProfileState& s, uint8_t parts, BriefSections* out) {
  BriefSections& b = *out;
  b.core.clear();
  b.competencies.clear();
  b.jp.clear();
  b.career.clear();
  b.summary.clear();
  const RankFact* rank = CurrentRank(s);
  const bool separated = s.separation.key.position != 0;
  std::string rank_name;
  const auto cells = BaseCellViews(s, &rank_name);
  for (size_t i = 1; i < cells.size(); ++i) PutString(&b.core, cells[i]);  // the key holds the NIP
  keys::PutU8(&b.core, rank != nullptr ? RankCode(rank->rank) : 0);
  keys::PutU8(&b.core, static_cast<uint8_t>(CurrentLevel(s, nullptr)));
  keys::PutU32(&b.core, s.birth_date);
  keys::PutU32(&b.core, s.recruited.effective);
  keys::PutU8(&b.core, separated ? 1 : 0);
  PutEnum(&b.core, separated ? s.separation.reason : schema::SeparationReason::UNSPECIFIED);
  keys::PutU32(&b.core, separated ? s.separation.key.effective : 0);
  if (parts & kBriefCompetencies) {
    keys::PutU16(&b.competencies, Count(s.competencies.size()));
    for (size_t i = 0; i < Count(s.competencies.size()); ++i) {
      PutString(&b.competencies, s.competencies[i].code);
      keys::PutU8(&b.competencies, s.competencies[i].level);
    }
  }
  if (parts & kBriefJp) {
    // training_jp is sorted by year: one (year, JP of all kinds) per run,
    // after their count (written last, over a placeholder).
    keys::PutU16(&b.jp, 0);
    uint16_t years = 0;
    for (size_t i = 0; i < s.training_jp.size() && years < UINT16_MAX; ++years) {
      const uint16_t year = s.training_jp[i].year;
      uint32_t jp = 0;
      for (; i < s.training_jp.size() && s.training_jp[i].year == year; ++i) jp += s.training_jp[i].jp;
      keys::PutU16(&b.jp, year);
      keys::PutU32(&b.jp, jp);
    }
    b.jp[0] = static_cast<char>(years >> 8);
    b.jp[1] = static_cast<char>(years & 0xFF);
  }
  if (parts & kBriefCareer) {
    std::string& c = b.career;
    PutEnum(&c, s.employment_type);
    PutEnum(&c, s.education);
    keys::PutU8(&c, rank != nullptr ? 1 : 0);
    PutEnum(&c, rank != nullptr ? rank->rank.golongan : schema::Golongan::UNSPECIFIED);
    keys::PutU8(&c, rank != nullptr ? rank->rank.pppk_grade : 0);
    keys::PutU32(&c, rank != nullptr ? rank->key.effective : 0);
    keys::PutU8(&c, s.confirmed.position != 0 ? 1 : 0);
    keys::PutU32(&c, s.confirmed.effective);
    keys::PutU8(&c, s.assessment.key.position != 0 ? 1 : 0);
    PutEnum(&c, s.assessment.potential);
    keys::PutU16(&c, Count(s.ratings.size()));
    for (size_t i = 0; i < Count(s.ratings.size()); ++i) {
      keys::PutU16(&c, s.ratings[i].year);
      PutEnum(&c, s.ratings[i].predikat);
    }
    keys::PutU16(&c, Count(s.sanctions.size()));
    for (size_t i = 0; i < Count(s.sanctions.size()); ++i) {
      keys::PutU64(&c, s.sanctions[i].key.position);
      keys::PutU32(&c, s.sanctions[i].start);
      keys::PutU32(&c, s.sanctions[i].end);
    }
    keys::PutU16(&c, Count(s.lifts.size()));
    for (size_t i = 0; i < Count(s.lifts.size()); ++i) {
      keys::PutU64(&c, s.lifts[i].sanction_position);
      keys::PutU32(&c, s.lifts[i].key.effective);
    }
    // The route facts, appended later: a career section that ends before
    // them (written by an earlier version) had none to hold, since exams
    // and credit points were not events then.
    keys::PutU16(&c, Count(s.exams.size()));
    for (size_t i = 0; i < Count(s.exams.size()); ++i) {
      PutEnum(&c, s.exams[i].kind);
      keys::PutU32(&c, s.exams[i].key.effective);
    }
    keys::PutU16(&c, Count(s.credit_points.size()));
    for (size_t i = 0; i < Count(s.credit_points.size()); ++i) {
      keys::PutU32(&c, s.credit_points[i].key.effective);
      uint64_t bits;
      std::memcpy(&bits, &s.credit_points[i].points, sizeof bits);
      keys::PutU64(&c, bits);
    }
  }
  if (parts & kBriefSummary) {
    const Placement* p = CurrentPlacement(s);
    PutString(&b.summary, s.nip);
    keys::PutU8(&b.summary, p != nullptr ? 1 : 0);
    PutString(&b.summary, p != nullptr ? std::string_view(p->position_id) : "");
    PutString(&b.summary, p != nullptr ? std::string_view(p->position_name) : "");
    keys::PutU32(&b.summary, p != nullptr ? p->key.effective : 0);
    keys::PutU64(&b.summary, s.last_position);
  }
}

BriefSections Sections(const ProfileState& s, uint8_t parts) {
  BriefSections b;
  SectionsInto(s, parts, &b);
  return b;
}

// Writes the brief of `parts` into `*out`, reusing its capacity.
void Assemble(const BriefSections& b, uint8_t parts, std::string* out) {
  std::string& v = *out;
  v.clear();
  v.reserve(2 + b.core.size() + (parts & kBriefCompetencies ? 4 + b.competencies.size() : 0) +
            (parts & kBriefJp ? 4 + b.jp.size() : 0) + (parts & kBriefCareer ? 4 + b.career.size() : 0) +
            (parts & kBriefSummary ? 4 + b.summary.size() : 0));
  keys::PutU8(&v, kBriefTag);
  keys::PutU8(&v, parts);
  v += b.core;
  for (auto [bit, section] : {std::pair{kBriefCompetencies, &b.competencies}, std::pair{kBriefJp, &b.jp},
                              std::pair{kBriefCareer, &b.career}, std::pair{kBriefSummary, &b.summary}}) {
    if (!(parts & bit)) continue;
    keys::PutU32(&v, static_cast<uint32_t>(section->size()));
    v += *section;
  }
}

// Bounds-checked reading of a brief; any overrun sets ok = false.
struct Reader {
  std::string_view in;
  size_t at = 0;
  bool ok = true;

  bool Has(size_t n) {
    if (!ok || in.size() - at < n) ok = false;
    return ok;
  }
  uint64_t Int(size_t n) {
    if (!Has(n)) return 0;
    const uint64_t v = keys::GetBE(in, at, n);
    at += n;
    return v;
  }
  uint8_t U8() { return static_cast<uint8_t>(Int(1)); }
  uint16_t U16() { return static_cast<uint16_t>(Int(2)); }
  uint32_t U32() { return static_cast<uint32_t>(Int(4)); }
  uint64_t U64() { return Int(8); }
  template <typename E>
  E Enum() {
    return static_cast<E>(U16());
  }
  std::string_view Bytes(size_t n) {
    if (!Has(n)) return {};
    auto v = in.substr(at, n);
    at += n;
    return v;
  }
  std::string_view String() { return Bytes(U16()); }
  bool Done() const { return ok && at == in.size(); }
};

Status Malformed(std::string_view nip, const char* what) {
  return Status::Corruption("index entry of employee " + std::string(nip) + ": malformed brief (" + what +
                            "); rebuild the projection (jejak rebuild)");
}

}  // namespace

uint8_t RankCode(const RankValue& r) {
  if (r.pppk_grade != 0) return static_cast<uint8_t>(100 + r.pppk_grade);
  return static_cast<uint8_t>(domain::GolonganStep(r.golongan));
}

uint8_t TalentCell(const ProfileState& s) {
  // TalentBox with the identity numbering gives the cell + 1.
  Rules identity;
  identity.nine_box = {{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
  const uint8_t box = TalentBox(s, identity);
  return box == 0 ? 255 : static_cast<uint8_t>(box - 1);
}

std::vector<std::string> BaseColumns() { return {"NIP", "NAME", "AGENCY", "UNIT", "RANK", "POSITION"}; }

std::vector<std::string> BaseCells(const ProfileState& s) {
  std::string rank_name;
  const auto cells = BaseCellViews(s, &rank_name);
  return std::vector<std::string>(cells.begin(), cells.end());
}

std::string EncodeBrief(const ProfileState& s, uint8_t parts) {
  std::string v;
  Assemble(Sections(s, parts), parts, &v);
  return v;
}

std::vector<IndexEntry> IndexEntries(const ProfileState& s, const Rules& rules) {
  std::vector<IndexEntry> out;
  IndexEntriesInto(s, rules, &out);
  return out;
}

void IndexEntriesInto(const ProfileState& s, const Rules& rules, std::vector<IndexEntry>* out) {
  size_t n = 0;
  // The next entry, its key `prefix` + NIP and its value the brief of
  // `parts`, written over a string of an earlier call where there is one.
  const auto add = [&](const std::string& prefix, const BriefSections& sections, uint8_t parts) {
    if (n == out->size()) out->emplace_back();
    IndexEntry& e = (*out)[n++];
    e.key.assign(prefix).append(s.nip);
    Assemble(sections, parts, &e.value);
  };
  if (s.nip.size() != keys::kNipSize) {
    out->clear();
    return;
  }
  const Placement* place = CurrentPlacement(s);
  const std::string agency = place != nullptr ? place->agency : "";
  const bool active = s.separation.key.position == 0;
  // Which index carries which parts: docs/projections.md "Index values".
  constexpr uint8_t kScope = kBriefCompetencies | kBriefJp;
  thread_local BriefSections sections;  // reused: its strings keep their capacity
  SectionsInto(s, kBriefCompetencies | kBriefJp | kBriefCareer | kBriefSummary, &sections);
  add(keys::SummaryPrefix(), sections, kSummaryParts);
  add(keys::AgencyPrefix(agency), sections, kScope);
  if (active) {
    add(keys::UnitPrefix(agency, place != nullptr ? place->unit : ""), sections, kScope);
    if (const RankFact* rank = CurrentRank(s)) add(keys::RankPrefix(RankCode(rank->rank)), sections, 0);
    const auto level = CurrentLevel(s, nullptr);
    add(keys::LevelPrefix(static_cast<uint8_t>(level)), sections, 0);
    if (uint32_t d = EarliestPromotionDate(s, RouteOf(s), rules)) {
      add(keys::DatePrefix("ie", d), sections, kBriefCareer);
    } else {
      add(keys::CappedPrefix(agency), sections, kBriefCareer);
    }
    if (uint8_t cell = TalentCell(s); cell != 255) add(keys::CellPrefix(cell), sections, kBriefCareer | kBriefJp);
    const std::string_view post_name = place != nullptr ? std::string_view(place->position_name) : "";
    if (uint32_t d = RetirementDate(s.birth_date, rules.RetirementAge(level, post_name))) {
      add(keys::DatePrefix("iy", d), sections, 0);
    }
  }
  out->resize(n);
  std::sort(out->begin(), out->end(),
            [](const IndexEntry& a, const IndexEntry& b) { return a.key < b.key; });
}

Result<BriefView> ParseBrief(std::string_view key, std::string_view value) {
  BriefView b;
  b.nip = keys::NipOf(key);
  Reader r{value};
  if (r.U8() != kBriefTag || !r.ok) return Malformed(b.nip, "format tag");
  b.parts = r.U8();
  b.name = r.String();
  b.agency = r.String();
  b.unit = r.String();
  b.rank = r.String();
  b.position = r.String();
  b.rank_code = r.U8();
  b.level = static_cast<schema::JabatanLevel>(r.U8());
  b.birth_date = r.U32();
  b.recruited = r.U32();
  b.separated = r.U8() != 0;
  b.separation_reason = r.Enum<schema::SeparationReason>();
  b.separation_date = r.U32();
  for (auto [bit, section] : {std::pair{kBriefCompetencies, &b.competencies}, std::pair{kBriefJp, &b.jp},
                              std::pair{kBriefCareer, &b.career}, std::pair{kBriefSummary, &b.summary}}) {
    if (b.parts & bit) *section = r.Bytes(r.U32());
  }
  if (!r.Done()) return Malformed(b.nip, "length");
  return b;
}

std::vector<std::string> BriefView::Row(size_t extra) const {
  std::vector<std::string> row;
  row.reserve(6 + extra);
  for (std::string_view cell : {nip, name, agency, unit, rank, position}) row.emplace_back(cell);
  return row;
}

uint32_t BriefView::JpInYear(uint16_t year) const {
  Reader r{jp};
  const uint16_t n = r.U16();
  for (uint16_t i = 0; i < n && r.ok; ++i) {
    const uint16_t y = r.U16();
    const uint32_t v = r.U32();
    if (y == year && r.ok) return v;
  }
  return 0;
}

Status BriefView::Facts(ProfileState* out) const {
  // Reuses the vectors (and their strings) of a state passed row after row.
  ProfileState& s = *out;
  s.nip.assign(nip);
  s.birth_date = birth_date;
  s.recruited = {recruited, 0};
  s.separation = SeparationFact();
  if (separated) {
    s.separation.key = {separation_date, 1};
    s.separation.reason = separation_reason;
  }
  s.employment_type = schema::EmploymentType::UNSPECIFIED;
  s.education = schema::EducationLevel::UNSPECIFIED;
  s.confirmed = FactKey();
  s.assessment = AssessmentFact();
  s.competencies.clear();
  s.training_jp.clear();
  s.ranks.clear();
  s.ratings.clear();
  s.sanctions.clear();
  s.lifts.clear();
  s.exams.clear();
  s.credit_points.clear();
  // The post's level decides the promotion route (RouteOf).
  s.placements.resize(1);
  s.placements[0] = Placement();
  s.placements[0].level = level;
  Reader c{competencies};
  if (parts & kBriefCompetencies) {
    s.competencies.resize(c.U16());
    for (auto& f : s.competencies) {
      f.code = std::string(c.String());
      f.level = c.U8();
    }
    if (!c.Done()) return Malformed(nip, "competencies");
  }
  Reader j{jp};
  if (parts & kBriefJp) {
    s.training_jp.resize(j.U16());
    for (auto& t : s.training_jp) {
      t.year = j.U16();
      t.jp = j.U32();
    }
    if (!j.Done()) return Malformed(nip, "JP per year");
  }
  if (parts & kBriefCareer) {
    Reader k{career};
    s.employment_type = k.Enum<schema::EmploymentType>();
    s.education = k.Enum<schema::EducationLevel>();
    const bool has_rank = k.U8() != 0;
    RankFact rank;
    rank.rank.golongan = k.Enum<schema::Golongan>();
    rank.rank.pppk_grade = k.U8();
    rank.key.effective = k.U32();
    if (has_rank) s.ranks.push_back(rank);
    const bool confirmed = k.U8() != 0;
    s.confirmed.effective = k.U32();
    s.confirmed.position = confirmed ? 1 : 0;
    const bool assessed = k.U8() != 0;
    s.assessment.potential = k.Enum<schema::PotentialLevel>();
    s.assessment.key.position = assessed ? 1 : 0;
    s.ratings.resize(k.U16());
    for (auto& f : s.ratings) {
      f.year = k.U16();
      f.predikat = k.Enum<schema::PredikatKinerja>();
    }
    s.sanctions.resize(k.U16());
    for (auto& f : s.sanctions) {
      f.key.position = k.U64();
      f.start = k.U32();
      f.end = k.U32();
    }
    s.lifts.resize(k.U16());
    for (auto& f : s.lifts) {
      f.sanction_position = k.U64();
      f.key.effective = k.U32();
    }
    if (k.ok && !k.Done()) {  // the route facts (absent from an earlier version's briefs)
      s.exams.resize(k.U16());
      for (auto& f : s.exams) {
        f.kind = k.Enum<schema::ExamKind>();
        f.key.effective = k.U32();
        f.key.position = 1;
      }
      s.credit_points.resize(k.U16());
      for (auto& f : s.credit_points) {
        f.key.effective = k.U32();
        const uint64_t bits = k.U64();
        std::memcpy(&f.points, &bits, sizeof bits);
        f.key.position = 1;
      }
    }
    if (!k.Done()) return Malformed(nip, "career facts");
  }
  return Status::Ok();
}

Result<ProfileSummary> SummaryFromBrief(const BriefView& brief) {
  if ((brief.parts & kSummaryParts) != kSummaryParts) return Malformed(brief.nip, "not a summary");
  thread_local ProfileState facts;  // reused: its vectors keep their capacity
  JEJAK_RETURN_IF_ERROR(brief.Facts(&facts));
  // Rank, rating, JP, employment type, birth, recruitment and separation
  // from the facts; who and where from the core and the summary part.
  ProfileSummary out = SummaryOf(facts);
  Reader r{brief.summary};
  const std::string_view nip = r.String();
  out.placed = r.U8() != 0;
  out.position_id = r.String();
  out.position_name = r.String();
  out.position_tmt = r.U32();
  out.last_position = r.U64();
  if (!r.Done()) return Malformed(brief.nip, "summary");
  if (nip != brief.nip) {
    return Status::Corruption("the summary stored under NIP " + std::string(brief.nip) +
                              " is the summary of " + std::string(nip));
  }
  out.nip = brief.nip;
  out.name = brief.name;
  out.agency = brief.agency;  // the core's placement cells: "" without one
  out.unit = brief.unit;
  out.level = brief.level;
  return out;
}

}  // namespace jejak::projection
