// The generator tells the truth about its period: sanctions of the
// regulation in force, no agency before it existed, one government per
// region, names of their NIP's gender with the titles of their education,
// functional posts held by graduates of fitting majors and promoted through
// credit points, ratings in their era's form.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gen/generated_region.h"
#include "gen/names.h"
#include "jejak/domain/credit_points.h"
#include "jejak/domain/discipline.h"
#include "jejak/domain/golongan.h"
#include "jejak/domain/performance.h"

namespace jejak::gen {
namespace {

using schema::Payload;
using testing::ForEachEvent;
using testing::Generated;

// One region for every test: 1,800 careers from 1995 (DP3, numeric SKP
// and predikat years; PP 30/1980, PP 53/2010 and PP 94/2021 sanctions; an
// agency created in 2003; one agency large enough for a Dinas Kesehatan).
class PeriodTruthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { region_ = new Generated(testing::GenerateRegion(1800, 21)); }
  static void TearDownTestSuite() {
    delete region_;
    region_ = nullptr;
  }

  template <typename F>
  void Walk(F f) {
    ForEachEvent(json_, region_->text, f);
  }

  codec::EventJson json_;
  static Generated* region_;
};

Generated* PeriodTruthTest::region_ = nullptr;

std::string Str(capnp::Text::Reader t) { return t.cStr(); }

TEST_F(PeriodTruthTest, SanctionsAreOfTheRegulationInForceOnTheirStart) {
  std::map<domain::DisciplineRegulation, int> seen;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    if (in.getPayload().which() != Payload::SANCTION_IMPOSED) return;
    auto s = in.getPayload().getSanctionImposed();
    const auto regulation = domain::DisciplineRegulationOn(s.getStart().getYyyymmdd());
    const auto level = domain::SanctionLevelUnder(regulation, s.getKind());
    EXPECT_NE(level, schema::SanctionLevel::UNSPECIFIED)
        << "line " << pos << ": a kind " << domain::DisciplineRegulationText(regulation)
        << " does not have";
    EXPECT_EQ(level, s.getLevel()) << "line " << pos;
    ++seen[regulation];
  });
  EXPECT_GT(seen[domain::DisciplineRegulation::kPp30Of1980], 0);
  EXPECT_GT(seen[domain::DisciplineRegulation::kPp53Of2010], 0);
  EXPECT_GT(seen[domain::DisciplineRegulation::kPp94Of2021], 0);
}

// Every event of an agency (its reference data, its employees' while they
// are in it, its selections) is effective on or after its agencyDefined,
// which is not before the agency's creation.
TEST_F(PeriodTruthTest, NoEventOfAnAgencyBeforeItExisted) {
  std::map<std::string, uint32_t> defined;       // agency -> effective date of agencyDefined
  std::map<std::string, std::string> agency_of;  // emp/ or sel/ stream -> agency
  std::map<std::string, int> employees;          // agency -> recruits
  uint32_t young = 0;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = Str(in.getStream());
    const uint32_t date = in.getEffectiveDate().getYyyymmdd();
    const auto p = in.getPayload();
    std::string agency;
    switch (p.which()) {
      case Payload::AGENCY_DEFINED: {
        const std::string code = stream.substr(4);
        EXPECT_FALSE(defined.count(code)) << "line " << pos << ": defined twice";
        defined[code] = date;
        const uint32_t established = p.getAgencyDefined().getEstablished().getYyyymmdd();
        EXPECT_LE(established, date) << "line " << pos;
        if (established > 20000101) young = established;
        return;
      }
      case Payload::RECRUITED:
        agency = Str(p.getRecruited().getAgency());
        ++employees[agency];
        break;
      case Payload::TRANSFERRED: agency = Str(p.getTransferred().getToAgency()); break;
      case Payload::SELECTION_OPENED: agency = Str(p.getSelectionOpened().getAgency()); break;
      default: break;
    }
    if (stream.rfind("org/", 0) == 0) {
      agency = stream.substr(4);
      ASSERT_TRUE(defined.count(agency)) << "line " << pos << ": reference data before agencyDefined";
    }
    if (!agency.empty()) {
      agency_of[stream] = agency;
    } else {
      auto it = agency_of.find(stream);
      if (it == agency_of.end()) return;
      agency = it->second;
    }
    ASSERT_TRUE(defined.count(agency)) << "line " << pos << ": " << agency << " is never defined";
    EXPECT_GE(date, defined[agency]) << "line " << pos << " (" << stream << ") of " << agency;
  });
  // The region holds an agency created during its history, with staff.
  ASSERT_EQ(young, 20030225u);
  EXPECT_GT(employees["kab-bangka-barat"], 0);
}

// One regional government per region: each agency is the Pemerintah of its
// own kota or kabupaten, with one Sekretariat Daerah and one BKPSDM.
TEST_F(PeriodTruthTest, EachRegionHasOneGovernment) {
  std::map<std::string, std::string> region_of;  // agency -> region code
  std::set<std::string> names;
  std::map<std::string, std::map<std::string, int>> tops;  // agency -> top unit name -> count
  Walk([&](uint64_t, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = Str(in.getStream());
    const auto p = in.getPayload();
    if (p.which() == Payload::AGENCY_DEFINED) {
      auto a = p.getAgencyDefined();
      region_of[stream.substr(4)] = Str(a.getRegionCode());
      const std::string name = Str(a.getName());
      EXPECT_TRUE(name.rfind("Pemerintah Kota ", 0) == 0 || name.rfind("Pemerintah Kabupaten ", 0) == 0)
          << name;
      EXPECT_TRUE(names.insert(name).second) << name << " twice";
    }
    if (p.which() == Payload::UNIT_DEFINED && p.getUnitDefined().getParentUnitId().size() == 0) {
      ++tops[stream.substr(4)][Str(p.getUnitDefined().getName())];
    }
  });
  ASSERT_GE(region_of.size(), 3u);
  std::set<std::string> codes;
  for (const auto& [agency, code] : region_of) {
    EXPECT_TRUE(codes.insert(code).second) << "region " << code << " has two governments";
    EXPECT_EQ(code.size(), 5u) << code;
    EXPECT_EQ(tops[agency]["Sekretariat Daerah"], 1) << agency;
    EXPECT_EQ(tops[agency]["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"], 1) << agency;
    for (const auto& [name, n] : tops[agency]) EXPECT_EQ(n, 1) << agency << " " << name;
  }
}

// The words of a name without its titles ("H.", "Dr.", ", S.E.", ...).
std::vector<std::string> GivenWords(const std::string& name) {
  const std::string plain = name.substr(0, name.find(','));
  std::vector<std::string> out;
  size_t at = 0;
  while (at < plain.size()) {
    size_t end = plain.find(' ', at);
    if (end == std::string::npos) end = plain.size();
    const std::string word = plain.substr(at, end - at);
    if (!word.empty() && word.back() != '.') out.push_back(word);
    at = end + 1;
  }
  return out;
}

// The titles of a name: prefixes ending in "." and the ", ..." suffixes.
std::vector<std::string> Titles(const std::string& name) {
  std::vector<std::string> out;
  const std::string plain = name.substr(0, name.find(','));
  size_t at = 0;
  while (at < plain.size()) {
    size_t end = plain.find(' ', at);
    if (end == std::string::npos) end = plain.size();
    const std::string word = plain.substr(at, end - at);
    if (!word.empty() && word.back() == '.') out.push_back(word);
    at = end + 1;
  }
  for (size_t c = name.find(", "); c != std::string::npos; c = name.find(", ", c + 2)) {
    const size_t end = name.find(", ", c + 2);
    out.push_back(name.substr(c + 2, end == std::string::npos ? std::string::npos : end - c - 2));
  }
  return out;
}

TEST_F(PeriodTruthTest, NamesHaveTheGenderOfTheirNip) {
  int checked = 0;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    if (in.getPayload().which() != Payload::RECRUITED) return;
    auto r = in.getPayload().getRecruited();
    const std::string nip = Str(r.getNip());
    const bool female = r.getGender() == schema::Gender::FEMALE;
    ASSERT_EQ(nip.size(), 18u);
    EXPECT_EQ(nip[14], female ? '2' : '1') << "line " << pos << ": " << nip;
    for (const std::string& word : GivenWords(Str(r.getName()))) {
      const NameWordGender g = GenderOfNameWord(word);
      if (g.family) continue;
      EXPECT_FALSE(female ? g.male && !g.female : g.female && !g.male)
          << "line " << pos << ": " << r.getName().cStr() << " is "
          << (female ? "female" : "male");
    }
    ++checked;
  });
  EXPECT_EQ(checked, 1800);
}

TEST_F(PeriodTruthTest, TitlesAreThoseOfTheRecordedEducation) {
  using E = schema::EducationLevel;
  const std::set<std::string> kHonorific = {"H.", "Hj."};
  int graduates = 0;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    if (in.getPayload().which() != Payload::RECRUITED) return;
    auto r = in.getPayload().getRecruited();
    const std::string name = Str(r.getName());
    const E edu = r.getEducation();
    const Major* major = FindMajor(Str(r.getEducationMajor()));
    SCOPED_TRACE("line " + std::to_string(pos) + ": " + name);
    if (edu < E::D3) {
      for (const std::string& t : Titles(name)) EXPECT_TRUE(kHonorific.count(t)) << t;
      return;
    }
    ASSERT_NE(major, nullptr) << r.getEducationMajor().cStr();
    bool degree = false;
    for (const std::string& t : Titles(name)) {
      if (kHonorific.count(t)) continue;
      if (t == "dr.") {
        EXPECT_EQ(major->name, "Kedokteran");
        EXPECT_GE(edu, E::S1);
      } else if (t == "Dr.") {
        EXPECT_EQ(edu, E::S3);
      } else if (t == "Drs." || t == "Dra." || t == "Ir.") {
        EXPECT_GE(edu, E::S1);
        EXPECT_EQ(t == "Ir." ? "Ir." : "Drs.", std::string(major->old_s1));
        EXPECT_EQ(t == "Dra.", r.getGender() == schema::Gender::FEMALE && t != "Ir.");
      } else if (t == major->s1) {
        EXPECT_GE(edu, E::S1);
      } else if (t == major->s2) {
        EXPECT_GE(edu, E::S2);
      } else if (t == major->d3) {
        EXPECT_EQ(edu, E::D3);
      } else {
        ADD_FAILURE() << "title " << t << " is not of " << major->name;
      }
      degree |= t != "Dr.";
    }
    if (edu >= E::S1) {
      EXPECT_TRUE(degree) << "a graduate without the degree's title";
      ++graduates;
    }
  });
  EXPECT_GT(graduates, 100);
}

// Independent of the generator's templates: the majors some functional
// families take (PermenPANRB rules of each jabatan fungsional).
bool FitsPost(const std::string& post, const std::string& major) {
  if (post.rfind("Dokter ", 0) == 0) return major == "Kedokteran";
  if (post.rfind("Perawat ", 0) == 0) return major == "Keperawatan";
  if (post.rfind("Guru ", 0) == 0) {
    return major.rfind("Pendidikan ", 0) == 0 || major == "Bimbingan dan Konseling";
  }
  if (post.rfind("Perancang Peraturan", 0) == 0) return major == "Hukum";
  if (post.rfind("Pranata Komputer ", 0) == 0) {
    return major == "Teknik Informatika" || major == "Sistem Informasi";
  }
  if (post.rfind("Pengendali Dampak Lingkungan ", 0) == 0) return major == "Teknik Lingkungan";
  if (post.rfind("Penyuluh Pertanian ", 0) == 0) {
    return major == "Agroteknologi" || major == "Peternakan" || major == "Kehutanan";
  }
  return true;
}

TEST_F(PeriodTruthTest, FunctionalPostsAreHeldByGraduatesOfFittingMajors) {
  std::map<std::string, std::string> post_name;  // position id -> name
  std::map<std::string, std::string> major_of;   // stream -> major
  std::map<std::string, int> holders;            // family checked -> placements
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = Str(in.getStream());
    const auto p = in.getPayload();
    std::string position;
    switch (p.which()) {
      case Payload::POSITION_DEFINED:
        post_name[Str(p.getPositionDefined().getPositionId())] = Str(p.getPositionDefined().getName());
        return;
      case Payload::RECRUITED:
        major_of[stream] = Str(p.getRecruited().getEducationMajor());
        position = Str(p.getRecruited().getPositionId());
        break;
      case Payload::POSITION_ASSIGNED: position = Str(p.getPositionAssigned().getPositionId()); break;
      case Payload::TRANSFERRED: position = Str(p.getTransferred().getPositionId()); break;
      default: return;
    }
    if (position.empty()) return;
    const std::string& name = post_name[position];
    const std::string& major = major_of[stream];
    EXPECT_TRUE(FitsPost(name, major)) << "line " << pos << ": " << name << " held by a graduate of " << major;
    for (const char* family : {"Dokter ", "Perawat ", "Guru "}) {
      if (name.rfind(family, 0) == 0) ++holders[family];
    }
  });
  EXPECT_GT(holders["Dokter "], 0);
  EXPECT_GT(holders["Perawat "], 0);
  EXPECT_GT(holders["Guru "], 0);
}

// A promotion on the functional route has the step's credit points,
// awarded since the last promotion (domain/credit_points.h), and states them.
TEST_F(PeriodTruthTest, FunctionalPromotionsFollowTheirCreditPoints) {
  std::set<std::string> injected;
  for (const AnswerEntry& a : region_->key) injected.insert(a.event_id);
  std::map<std::string, schema::JabatanLevel> level_of;  // position id -> level
  struct Fact {
    uint32_t date;
    uint64_t pos;
    Payload::Which kind;
    double points;            // creditPointsAwarded
    std::string position;     // placements
    schema::Golongan from{};  // rankPromoted
    double stated = 0;
    bool functional = false;
    bool checked = false;
  };
  std::map<std::string, std::vector<Fact>> facts;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = Str(in.getStream());
    const auto p = in.getPayload();
    Fact f{in.getEffectiveDate().getYyyymmdd(), pos, p.which(), 0, "", {}, 0, false, false};
    switch (p.which()) {
      case Payload::POSITION_DEFINED:
        level_of[Str(p.getPositionDefined().getPositionId())] = p.getPositionDefined().getLevel();
        return;
      case Payload::RECRUITED: f.position = Str(p.getRecruited().getPositionId()); break;
      case Payload::POSITION_ASSIGNED: f.position = Str(p.getPositionAssigned().getPositionId()); break;
      case Payload::POSITION_PROMOTED: f.position = Str(p.getPositionPromoted().getPositionId()); break;
      case Payload::TRANSFERRED: f.position = Str(p.getTransferred().getPositionId()); break;
      case Payload::CREDIT_POINTS_AWARDED: f.points = p.getCreditPointsAwarded().getPoints(); break;
      case Payload::RANK_PROMOTED: {
        auto r = p.getRankPromoted();
        f.from = r.getFrom().getGolongan();
        f.stated = r.getCreditPoints();
        f.functional = r.getKind() == schema::PromotionKind::SELECTIVE_FUNCTIONAL;
        f.checked = !injected.count(Str(in.getEventId()));
        break;
      }
      default: return;
    }
    facts[stream].push_back(f);
  });
  int promotions = 0;
  for (auto& [stream, list] : facts) {
    std::stable_sort(list.begin(), list.end(), [](const Fact& a, const Fact& b) {
      return a.date != b.date ? a.date < b.date : a.pos < b.pos;
    });
    double earned = 0;
    std::string position;
    for (const Fact& f : list) {
      if (!f.position.empty()) position = f.position;
      if (f.kind == Payload::CREDIT_POINTS_AWARDED) earned += f.points;
      if (f.kind != Payload::RANK_PROMOTED) continue;
      if (f.functional && f.checked) {
        const bool expertise = domain::IsExpertiseLevel(level_of[position]);
        const double needed = domain::CreditPointsForStep(f.from, expertise);
        EXPECT_GT(needed, 0) << stream << " line " << f.pos;
        EXPECT_GE(earned, needed) << stream << " line " << f.pos << " from "
                                  << domain::GolonganName(f.from);
        EXPECT_DOUBLE_EQ(f.stated, earned) << stream << " line " << f.pos;
        ++promotions;
      }
      earned = 0;
    }
  }
  EXPECT_GT(promotions, 5);
}

TEST_F(PeriodTruthTest, RatingsHaveTheirErasForm) {
  std::map<domain::RatingEra, int> seen;
  Walk([&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    if (in.getPayload().which() != Payload::PERFORMANCE_RATED) return;
    auto r = in.getPayload().getPerformanceRated();
    const domain::RatingEra era = domain::RatingEraOf(r.getYear());
    ++seen[era];
    switch (era) {
      case domain::RatingEra::kDp3:  // DP3 score, its band's predikat (or an injected mismatch)
        EXPECT_GT(r.getDp3Score(), 0) << "line " << pos;
        EXPECT_EQ(r.getSkpScore(), 0) << "line " << pos;
        break;
      case domain::RatingEra::kSkpScore:  // numeric SKP of PP 46/2011
        EXPECT_EQ(r.getDp3Score(), 0) << "line " << pos;
        EXPECT_GT(r.getSkpScore(), 0) << "line " << pos;
        EXPECT_LE(r.getSkpScore(), 100) << "line " << pos;
        break;
      case domain::RatingEra::kPredikat:  // the SKP matrix of PermenPANRB 6/2022
        EXPECT_EQ(r.getDp3Score(), 0) << "line " << pos;
        EXPECT_EQ(r.getSkpScore(), 0) << "line " << pos;
        EXPECT_NE(r.getWorkResult(), schema::Rating::UNSPECIFIED) << "line " << pos;
        EXPECT_NE(r.getBehaviour(), schema::Rating::UNSPECIFIED) << "line " << pos;
        break;
    }
  });
  EXPECT_GT(seen[domain::RatingEra::kDp3], 0);
  EXPECT_GT(seen[domain::RatingEra::kSkpScore], 0);
  EXPECT_GT(seen[domain::RatingEra::kPredikat], 0);
}

}  // namespace
}  // namespace jejak::gen
