// The audit against the generator's answer key (docs/generator.md): a
// generated region appended into a fresh store; every injected violation
// is found (recall) and nothing else is (precision). Without violations,
// nothing is found.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "audit/audit_fixture.h"
#include "gen/generator.h"

namespace jejak::audit::testing {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // rule, stream, event id

class GeneratedRegionTest : public AuditFixture {
 protected:
  // Generates a region and appends it line by line order (a run of lines of
  // one stream per StreamAppend), so that line n gets position n.
  std::vector<gen::AnswerEntry> Load(uint64_t employees, uint64_t seed, double rate) {
    gen::GenOptions o;
    o.employees = employees;
    o.seed = seed;
    o.violation_rate = rate;
    std::ostringstream out;
    std::vector<gen::AnswerEntry> key;
    auto summary = gen::Generate(o, out, &key);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    std::istringstream in(out.str());
    std::string line;
    std::vector<store::NewEvent> batch;
    auto flush = [&] {
      std::vector<store::StreamAppend> appends;
      std::vector<std::string> streams;
      streams.reserve(batch.size());
      for (size_t i = 0; i < batch.size(); ++i) {
        std::string s = batch[i].reader().getStream();
        if (appends.empty() || streams.back() != s) {
          streams.push_back(s);
          appends.push_back({s, store::ExpectedVersion::Any(), {batch.data() + i, 0}});
        }
        appends.back().events = {appends.back().events.data(), appends.back().events.size() + 1};
      }
      auto r = store_->Append(appends);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      batch.clear();
    };
    while (std::getline(in, line)) {
      auto ev = json_.ParseInput(line);
      EXPECT_TRUE(ev.ok()) << ev.status().ToString();
      if (!ev.ok()) break;
      batch.push_back(std::move(*ev));
      if (batch.size() == 2000) flush();
    }
    if (!batch.empty()) flush();
    EXPECT_EQ(store_->GetHead().position, summary.ok() ? summary->events : 0);
    return key;
  }

  // Every entry of the answer key is found, and nothing else is.
  static void ExpectTheKey(const std::vector<gen::AnswerEntry>& key, const AuditReport& r) {
    std::set<Key> expected;
    std::map<std::string, std::string> detail;
    for (const auto& a : key) {
      expected.emplace(a.rule, a.stream, a.event_id);
      detail[a.event_id] = a.detail;
    }
    const std::set<Key> found = Findings(r);
    std::map<std::string, std::string> explanation;
    for (const auto& v : r.decisions) {
      for (const auto& f : v.findings) {
        explanation[v.decision.event_id + RuleName(f.rule).data()] = f.explanation;
      }
    }
    for (const auto& f : r.record_findings) {
      explanation[f.subject.event_id + RuleName(f.finding.rule).data()] = f.finding.explanation;
    }
    for (const auto& [rule, stream, id] : expected) {
      EXPECT_TRUE(found.count({rule, stream, id}))
          << "missed " << rule << " " << stream << " " << id << ": " << detail[id];
    }
    for (const auto& [rule, stream, id] : found) {
      EXPECT_TRUE(expected.count({rule, stream, id}))
          << "not in the key: " << rule << " " << stream << " " << id << ": "
          << explanation[id + rule];
    }
  }

  static std::set<Key> Findings(const AuditReport& r) {
    std::set<Key> out;
    for (const auto& v : r.decisions) {
      for (const auto& f : v.findings) {
        out.emplace(RuleName(f.rule), v.decision.stream, v.decision.event_id);
      }
    }
    for (const auto& f : r.record_findings) {
      out.emplace(RuleName(f.finding.rule), f.subject.stream, f.subject.event_id);
    }
    return out;
  }
};

TEST_F(GeneratedRegionTest, FindsExactlyTheAnswerKey) {
  const auto key = Load(300, 2, 0.05);
  const AuditReport r = Audit();
  ExpectTheKey(key, r);
  // Every rule is exercised, and every promotion decision has a verdict.
  std::set<std::string> rules;
  for (const auto& a : key) rules.insert(a.rule);
  for (int i = 0; i < kRuleCount; ++i) {
    const std::string rule(RuleName(static_cast<RuleId>(i)));
    EXPECT_TRUE(rules.count(rule)) << rule << " is not in the answer key";
  }
  EXPECT_EQ(rules.size(), static_cast<size_t>(kRuleCount));
  const AuditSummary s = Summarize(r);
  EXPECT_GT(s.compliant, s.with_findings * 5);
  EXPECT_GT(s.by_kind[static_cast<int>(DecisionKind::kSelectionDecided)], 0u);
  EXPECT_GT(s.by_kind[static_cast<int>(DecisionKind::kPositionPromoted)], 0u);
}

// A thousand careers give what a small region does not: units of 10
// ratings or more on both sides of the unit comparison in most years, and
// enough appointments for the entry and JPT rules. Natural data stays
// lawful at that size too: every finding is an injected one.
TEST_F(GeneratedRegionTest, AtAThousandEmployeesEveryFindingIsInjected) {
  const auto key = Load(1000, 1, 0.05);
  ExpectTheKey(key, Audit());
}

// A state cache of 16 employees gives the verdicts of one holding every
// employee: with evicted states parked packed (and unpacked, with the
// events that waited beside them folded in), with a pool
// too small for most of them (the rest refolded from the store), and with
// no pool (every evicted state refolded).
TEST_F(GeneratedRegionTest, ASmallStateCacheGivesTheSameVerdicts) {
  Load(120, 3, 0.05);
  const AuditReport all = Audit();
  EXPECT_EQ(all.stats.state_unpacks, 0u);
  EXPECT_EQ(all.stats.peak_parked_bytes, 0u);
  struct Config {
    const char* name;
    size_t parked_bytes;
  };
  std::vector<uint64_t> refolds;  // per config, in order
  for (const Config c : {Config{"parked", size_t{1} << 30}, Config{"small pool", 40'000},
                         Config{"no pool", 0}}) {
    SCOPED_TRACE(c.name);
    AuditOptions o;
    o.max_cached_employees = 16;
    o.max_parked_state_bytes = c.parked_bytes;
    const AuditReport small = Audit(o);
    EXPECT_LE(small.stats.peak_cached_states, 16u);
    EXPECT_LE(small.stats.peak_parked_bytes, c.parked_bytes);
    if (c.parked_bytes == 0) {
      EXPECT_EQ(small.stats.state_unpacks, 0u);
    } else {
      EXPECT_GT(small.stats.state_unpacks, 0u);
      EXPECT_GT(small.stats.peak_parked_bytes, 0u);
      EXPECT_GT(small.stats.folded_later, 0u);
    }
    refolds.push_back(small.stats.state_refolds);
    EXPECT_EQ(Findings(small), Findings(all));
    ASSERT_EQ(small.decisions.size(), all.decisions.size());
    for (size_t i = 0; i < all.decisions.size(); ++i) {
      const DecisionVerdict& a = all.decisions[i];
      const DecisionVerdict& b = small.decisions[i];
      EXPECT_EQ(b.decision.position, a.decision.position);
      EXPECT_EQ(b.summary, a.summary);
      EXPECT_EQ(b.verdict(), a.verdict());
      EXPECT_EQ(b.missing, a.missing);
      ASSERT_EQ(b.evidence.size(), a.evidence.size());
      for (size_t e = 0; e < a.evidence.size(); ++e) {
        EXPECT_EQ(b.evidence[e].position, a.evidence[e].position);
        EXPECT_EQ(b.evidence[e].role, a.evidence[e].role);
      }
    }
  }
  // The fewer states parked, the more refolded from the store.
  ASSERT_EQ(refolds.size(), 3u);
  EXPECT_LT(refolds[0], refolds[1]);
  EXPECT_LT(refolds[1], refolds[2]);
  EXPECT_GT(refolds[2], all.stats.state_refolds);
}

TEST_F(GeneratedRegionTest, WithoutViolationsNothingIsFound) {
  const auto key = Load(300, 12, 0.0);
  EXPECT_TRUE(key.empty());
  const AuditReport r = Audit();
  EXPECT_FALSE(r.decisions.empty());
  for (const auto& [rule, stream, id] : Findings(r)) {
    ADD_FAILURE() << "natural data breaks " << rule << ": " << stream << " " << id;
  }
}

}  // namespace
}  // namespace jejak::audit::testing
