// The generator: determinism, validity of every line, the answer key
// against an independent audit, recording order and a realistic shape.
#include "gen/generator.h"

#include <capnp/schema.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "gen/generated_region.h"
#include "gen/mini_audit.h"
#include "jejak/codec/event_json.h"
#include "jejak/domain/date.h"
#include "jejak/domain/validate.h"

namespace jejak::gen {
namespace {

using schema::Payload;

using testing::ForEachEvent;
using testing::Generated;
using testing::GenerateRegion;
using testing::Lines;

class GeneratorTest : public ::testing::Test {
 protected:
  codec::EventJson json_;
};

TEST_F(GeneratorTest, SameSeedGivesIdenticalBytes) {
  Generated a = GenerateRegion(120, 7), b = GenerateRegion(120, 7);
  EXPECT_FALSE(a.text.empty());
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(AnswersToJson(a.key), AnswersToJson(b.key));
}

TEST_F(GeneratorTest, DifferentSeedsGiveDifferentRegions) {
  EXPECT_NE(GenerateRegion(120, 7).text, GenerateRegion(120, 8).text);
}

TEST_F(GeneratorTest, EveryLineParsesValidatesAndIsTheCodecsOwnJson) {
  Generated g = GenerateRegion(300, 11);
  ASSERT_EQ(Lines(g.text).size(), g.summary.events);
  ForEachEvent(json_, g.text, [&](uint64_t pos, schema::EventInput::Reader in, std::string_view line) {
    Status v = domain::ValidateEventInput(in);
    ASSERT_TRUE(v.ok()) << "line " << pos << ": " << v.ToString() << "\n" << line;
    // The generator's fast writer must produce exactly the codec's text.
    ASSERT_EQ(json_.InputToJson(in), line) << "line " << pos;
  });
}

TEST_F(GeneratorTest, AnswerKeyIsExactlyWhatAnIndependentAuditFinds) {
  Generated g = GenerateRegion(300, 11);
  testing::MiniAudit audit;
  std::map<std::string, std::string> stream_of_id;
  ForEachEvent(json_, g.text, [&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    audit.Add(pos, in);
    stream_of_id[in.getEventId().cStr()] = in.getStream().cStr();
  });
  std::set<testing::Finding> expected;
  std::set<std::string> rules;
  for (const AnswerEntry& a : g.key) {
    expected.insert({a.rule, a.stream, a.event_id});
    rules.insert(a.rule);
    ASSERT_EQ(stream_of_id.count(a.event_id), 1u) << a.event_id << " is not in the output";
    EXPECT_EQ(stream_of_id[a.event_id], a.stream) << a.event_id;
    EXPECT_FALSE(a.detail.empty());
  }
  EXPECT_EQ(expected.size(), g.key.size()) << "one entry per violation";
  EXPECT_EQ(g.key.size(), g.summary.violations);
  const std::set<testing::Finding> found = audit.Findings();
  for (const auto& f : found) {
    EXPECT_TRUE(expected.count(f)) << "not in the key: " << f.rule << " " << f.stream << " " << f.event_id;
  }
  for (const auto& f : expected) {
    EXPECT_TRUE(found.count(f)) << "not found: " << f.rule << " " << f.stream << " " << f.event_id;
  }
  // Every rule of docs/generator.md is exercised.
  const std::set<std::string> all = {
      "above_education_cap", "backdated_evidence",       "committee_composition",
      "competency_gap_at_appointment", "dp3_predikat_mismatch", "functional_promotion_early",
      "inflated_evaluator", "non_merit_promotion",
      "off_cycle_tmt",       "ppk_related_to_appointee", "promotion_during_sanction",
      "rank_record_mismatch", "related_committee_member", "seniority_over_merit", "skipped_rank",
      "uniform_evaluator", "wrong_promotion_route", "appointee_not_shortlisted",
      "selection_sequence", "committee_member_level", "unit_rating_outlier",
      "jpt_replaced_early", "entry_requirements", "missing_ujian_dinas",
      "skp_score_predikat_mismatch"};
  EXPECT_EQ(rules, all);
  // Sorted by rule, stream, event id.
  for (size_t i = 1; i < g.key.size(); ++i) {
    const auto& a = g.key[i - 1];
    const auto& b = g.key[i];
    EXPECT_TRUE(std::tie(a.rule, a.stream, a.event_id) < std::tie(b.rule, b.stream, b.event_id));
  }
}

TEST_F(GeneratorTest, WithoutViolationsTheAuditFindsNothing) {
  Generated g = GenerateRegion(300, 12, 0.0);
  EXPECT_TRUE(g.key.empty());
  testing::MiniAudit audit;
  ForEachEvent(json_, g.text,
               [&](uint64_t pos, schema::EventInput::Reader in, std::string_view) { audit.Add(pos, in); });
  for (const auto& f : audit.Findings()) {
    ADD_FAILURE() << "natural data breaks " << f.rule << ": " << f.stream << " " << f.event_id;
  }
}

// What the store checks at append, checked here on the file alone: streams
// start right, references point back to earlier lines of the same stream
// and the right kind.
TEST_F(GeneratorTest, RecordingOrderSatisfiesTheStoresStatefulRules) {
  Generated g = GenerateRegion(300, 17);
  std::map<std::string, uint64_t> version;
  std::map<uint64_t, std::pair<std::string, Payload::Which>> at;
  std::set<std::string> selections;
  std::map<Payload::Which, int> kinds;
  ForEachEvent(json_, g.text, [&](uint64_t pos, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = in.getStream().cStr();
    const auto p = in.getPayload();
    ++kinds[p.which()];
    if (version[stream]++ == 0) {
      if (stream.rfind("emp/", 0) == 0) {
        EXPECT_EQ(p.which(), Payload::RECRUITED) << pos;
      }
      if (stream.rfind("sel/", 0) == 0) {
        EXPECT_EQ(p.which(), Payload::SELECTION_OPENED) << pos;
      }
    }
    auto check_target = [&](uint64_t target, std::optional<Payload::Which> kind) {
      ASSERT_LT(target, pos);
      ASSERT_TRUE(at.count(target)) << pos;
      EXPECT_EQ(at[target].first, stream) << pos;
      if (kind) {
        EXPECT_EQ(at[target].second, *kind) << pos;
      }
    };
    switch (p.which()) {
      case Payload::CORRECTED:
        check_target(p.getCorrected().getTarget(), p.getCorrected().getReplacement().which());
        break;
      case Payload::RETRACTED: check_target(p.getRetracted().getTarget(), std::nullopt); break;
      case Payload::SANCTION_LIFTED:
        check_target(p.getSanctionLifted().getSanctionPosition(), Payload::SANCTION_IMPOSED);
        break;
      case Payload::POSITION_PROMOTED:
        EXPECT_TRUE(selections.count(p.getPositionPromoted().getSelectionId().cStr())) << pos;
        break;
      case Payload::SELECTION_OPENED: selections.insert(stream.substr(4)); break;
      default: break;
    }
    at[pos] = {stream, p.which()};
  });
  EXPECT_GT(kinds[Payload::CORRECTED], 0);
  EXPECT_GT(kinds[Payload::RETRACTED], 0);
  EXPECT_GT(kinds[Payload::TRANSFERRED], 0);
  EXPECT_GT(kinds[Payload::MENTORING_RECORDED], 0);
  EXPECT_GT(kinds[Payload::SEPARATED], 0);
  EXPECT_GT(kinds[Payload::MEMBER_RECUSED], 0);
  EXPECT_GT(kinds[Payload::CIVIL_SERVANT_CONFIRMED], 0);
  // Adding an event kind is safe: the generator emits every member of the
  // schema's Payload union (its generator line, docs/events.md §2).
  for (const auto field : capnp::Schema::from<Payload>().getUnionFields()) {
    const auto kind = static_cast<Payload::Which>(field.getProto().getDiscriminantValue());
    if (kind == Payload::UNSPECIFIED) continue;
    EXPECT_GT(kinds[kind], 0) << "the generator never emits " << field.getProto().getName().cStr();
  }
}

TEST_F(GeneratorTest, RegionLooksLikeARealOne) {
  Generated g = GenerateRegion(300, 14);
  std::map<std::string, std::map<int, int>> jp;      // stream -> year -> JP
  std::map<std::string, std::set<int>> rated;        // stream -> years rated
  std::map<schema::PredikatKinerja, int> predikat;
  int careers = 0, pppk = 0, late = 0, dp3 = 0, skp = 0;
  std::map<std::string, uint32_t> latest_effective;  // per stream, for late records
  ForEachEvent(json_, g.text, [&](uint64_t, schema::EventInput::Reader in, std::string_view) {
    const std::string stream = in.getStream().cStr();
    const uint32_t date = in.getEffectiveDate().getYyyymmdd();
    const auto p = in.getPayload();
    if (p.which() == Payload::RECRUITED) {
      ++careers;
      if (p.getRecruited().getEmploymentType() == schema::EmploymentType::PPPK) ++pppk;
    }
    if (p.which() == Payload::TRAINING_COMPLETED) jp[stream][static_cast<int>(date / 10000)] += p.getTrainingCompleted().getJp();
    if (p.which() == Payload::PERFORMANCE_RATED) {
      auto r = p.getPerformanceRated();
      ++predikat[r.getPredikat()];
      rated[stream].insert(r.getYear());
      (r.getDp3Score() > 0 ? dp3 : skp)++;
      EXPECT_EQ(r.getDp3Score() > 0, r.getYear() < 2014);
    }
    if (p.which() == Payload::RANK_PROMOTED && latest_effective[stream] > date) ++late;
    if (stream.rfind("emp/", 0) == 0) latest_effective[stream] = std::max(latest_effective[stream], date);
  });
  EXPECT_EQ(careers, 300);
  EXPECT_GT(pppk, 0);
  const double per_career = static_cast<double>(g.summary.events) / careers;
  EXPECT_GT(per_career, 40);
  EXPECT_LT(per_career, 120);
  // Mostly Baik, some Sangat Baik, few below.
  int total = 0;
  for (const auto& [k, n] : predikat) total += n;
  EXPECT_GT(predikat[schema::PredikatKinerja::BAIK], total / 2);
  EXPECT_GT(predikat[schema::PredikatKinerja::SANGAT_BAIK], total / 20);
  EXPECT_LT(predikat[schema::PredikatKinerja::BUTUH_PERBAIKAN] +
                predikat[schema::PredikatKinerja::KURANG] +
                predikat[schema::PredikatKinerja::SANGAT_KURANG],
            total / 8);
  EXPECT_GT(dp3, 0);
  EXPECT_GT(skp, 0);
  // Most rated years have at least 20 JP of development, not all.
  int years = 0, enough = 0;
  for (const auto& [stream, ys] : rated) {
    for (int y : ys) {
      ++years;
      if (jp[stream][y] >= 20) ++enough;
    }
  }
  EXPECT_GT(enough, years * 7 / 10);
  EXPECT_LT(enough, years);
  EXPECT_GT(late, 0) << "some decrees are recorded after later ones";
}

TEST_F(GeneratorTest, BadOptionsAreRejected) {
  std::ostringstream out;
  GenOptions o;
  o.employees = 0;
  EXPECT_TRUE(Generate(o, out, nullptr).status().IsInvalidArgument());
  o = GenOptions();
  o.start_year = 2030;
  EXPECT_TRUE(Generate(o, out, nullptr).status().IsInvalidArgument());
  o = GenOptions();
  o.violation_rate = 1.5;
  EXPECT_TRUE(Generate(o, out, nullptr).status().IsInvalidArgument());
  o = GenOptions();
  o.today = 20260230;
  EXPECT_TRUE(Generate(o, out, nullptr).status().IsInvalidArgument());
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace jejak::gen
