// Migrated history: events recorded by one migration (source.migration)
// are known together, so evidence and decisions of the same migration are
// never backdated relative to each other; a live decision whose evidence
// arrives later (even by a migration) still is. Evidence a migration has
// not brought is insufficient evidence, never a merit violation.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class MigratedHistoryTest : public AuditFixture {
 protected:
  // Appends one event recorded by migration `migration` ("" = live).
  uint64_t AddBy(const std::string& migration, const std::string& stream,
                 const std::string& date, const std::string& payload) {
    const std::string source =
        migration.empty() ? "" : R"(,"source":{"migration":")" + migration + "\"}";
    const std::string line = "{\"stream\":\"" + stream + "\",\"eventId\":\"m-" +
                             std::to_string(++ids_) + "\",\"effectiveDate\":\"" + date + "\"" +
                             source + ",\"payload\":" + payload + "}";
    auto ev = json_.ParseInput(line);
    EXPECT_TRUE(ev.ok()) << ev.status().ToString() << "\n" << line;
    if (!ev.ok()) return 0;
    std::vector<store::NewEvent> one;
    one.push_back(std::move(*ev));
    auto r = store_->Append(stream, store::ExpectedVersion::Any(), one);
    EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << line;
    return r.ok() ? r->positions.front() : 0;
  }
  uint64_t RecruitBy(const std::string& migration, const std::string& nip) {
    return AddBy(migration, "emp/" + nip, "2000-03-01",
                 R"({"recruited":{"nip":")" + nip + R"(","name":"Pegawai","birthDate":")" +
                     nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2) +
                     R"(","gender":"male","education":"s1","agency":"kota-a","unit":"u1","employmentType":"pns","startingRank":{"golongan":"III/a"},"positionId":"pel-1"}})");
  }
  uint64_t PromoteBy(const std::string& migration, const std::string& nip) {
    return AddBy(migration, "emp/" + nip, "2004-04-01",
                 R"({"rankPromoted":{"kind":"regular","from":{"golongan":"III/a"},"to":{"golongan":"III/b"}}})");
  }
  uint64_t RateBy(const std::string& migration, const std::string& nip, int year) {
    const std::string y = std::to_string(year);
    return AddBy(migration, "emp/" + nip, y + "-12-31",
                 R"({"performanceRated":{"year":)" + y +
                     R"(,"workResult":"meets","behaviour":"meets","predikat":"baik","evaluatorNip":"196501011990031001"}})");
  }
};

TEST_F(MigratedHistoryTest, TheMigrationMarkerIsReadAndWrittenByTheJsonCodec) {
  const std::string a = Nip(1);
  const uint64_t p = RecruitBy("simpeg-2026-01", a);
  const uint64_t live = RecruitBy("", Nip(2));
  auto rec = store_->ReadAt(p);
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_EQ(std::string(rec->event().getSource().getMigration().cStr()), "simpeg-2026-01");
  EXPECT_NE(json_.EventToJson(rec->event()).find(R"("migration":"simpeg-2026-01")"),
            std::string::npos);
  auto plain = store_->ReadAt(live);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(json_.EventToJson(plain->event()).find("migration"), std::string::npos);
  // At most 200 bytes, like the other names of the source.
  auto too_long = json_.ParseInput(
      R"({"stream":"emp/)" + Nip(3) + R"(","eventId":"x","effectiveDate":"2000-03-01","source":{"migration":")" +
      std::string(201, 'm') + R"("},"payload":{"separated":{"reason":"resignation"}}})");
  ASSERT_TRUE(too_long.ok());
  std::vector<store::NewEvent> one;
  one.push_back(std::move(*too_long));
  auto refused = store_->Append("emp/" + Nip(3), store::ExpectedVersion::Any(), one);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().ToString().find("source.migration"), std::string::npos)
      << refused.status().ToString();
}

TEST_F(MigratedHistoryTest, EvidenceOfTheSameMigrationIsNotBackdated) {
  // Exported by record type: every rank first, then every rating.
  const std::string a = Nip(1);
  RecruitBy("m1", a);
  const uint64_t promoted = PromoteBy("m1", a);
  RateBy("m1", a, 2002);
  RateBy("m1", a, 2003);
  const AuditReport r = Audit();
  EXPECT_TRUE(Found(r).empty());
  // The ratings were not on record when the decision was: it cannot be
  // judged for merit, and that is said, not called a violation.
  const DecisionVerdict* v = VerdictAt(r, promoted);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  EXPECT_EQ(v->missing.size(), 2u);
}

TEST_F(MigratedHistoryTest, AMigratedStepWithoutItsUjianDinasIsMissingEvidenceALiveOneAFinding) {
  // SLTA, recruited II/d, Baik 2002-2003; II/d -> III/a in 2004, with no
  // ujian dinas tingkat I on record.
  auto employee = [&](int serial, const std::string& migration) {
    const std::string nip = Nip(serial);
    AddBy(migration, "emp/" + nip, "2000-03-01",
          R"({"recruited":{"nip":")" + nip + R"(","name":"Pegawai","birthDate":")" +
              nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2) +
              R"(","gender":"male","education":"slta","agency":"kota-a","unit":"u1","employmentType":"pns","startingRank":{"golongan":"II/d"},"positionId":"pel-1"}})");
    RateBy(migration, nip, 2002);
    RateBy(migration, nip, 2003);
    return AddBy(migration, "emp/" + nip, "2004-04-01",
                 R"({"rankPromoted":{"kind":"regular","from":{"golongan":"II/d"},"to":{"golongan":"III/a"}}})");
  };
  const uint64_t migrated = employee(1, "simpeg-2026-01");
  const uint64_t live = employee(2, "");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<std::pair<std::string, uint64_t>>{{"missing_ujian_dinas", live}}));
  const DecisionVerdict* v = VerdictAt(r, migrated);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  ASSERT_EQ(v->missing.size(), 1u);
  EXPECT_NE(v->missing[0].find("ujian dinas tingkat I (or penyesuaian ijazah) for the step from "
                               "II/d to III/a (not on record; the decision was migrated)"),
            std::string::npos)
      << v->missing[0];
}

TEST_F(MigratedHistoryTest, ALiveDecisionWithLaterMigratedEvidenceIsStillBackdated) {
  const std::string a = Nip(1);
  RecruitBy("", a);
  const uint64_t promoted = PromoteBy("", a);
  const uint64_t late = RateBy("m1", a, 2003);
  // A decision of one migration, evidence of another run.
  const std::string b = Nip(2);
  RecruitBy("m1", b);
  const uint64_t first_run = PromoteBy("m1", b);
  RateBy("m2", b, 2003);
  // Live evidence after a migrated decision.
  const std::string c = Nip(3);
  RecruitBy("m1", c);
  const uint64_t migrated = PromoteBy("m1", c);
  RateBy("", c, 2003);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"backdated_evidence", promoted},
                                      {"backdated_evidence", first_run},
                                      {"backdated_evidence", migrated}}));
  const DecisionVerdict* v = VerdictAt(r, promoted);
  ASSERT_EQ(v->findings.size(), 1u);
  EXPECT_EQ(v->findings[0].evidence[0].position, late);
  // Backdated, and still missing its ratings: never non-merit for that.
  EXPECT_FALSE(v->missing.empty());
}

}  // namespace
}  // namespace jejak::audit::testing
