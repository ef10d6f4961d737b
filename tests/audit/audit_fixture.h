// Test fixture of the audit tests: a fresh ledger in a temporary directory,
// events written as JSON payloads (readable in the tests), appended one by
// one so that each gets the next position, and the audit run over it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "jejak/audit/auditor.h"
#include "jejak/codec/event_json.h"
#include "jejak/store/event_store.h"

namespace jejak::audit::testing {

// Valid NIPs: born 1970-1989, CPNS in the month given, male.
// REQUIRES: 0 <= serial < 1000, a 4-digit year, a month 1..12 (beyond
// them the NIP is cut to 18 digits and two serials can give the same one).
inline std::string Nip(int serial, int cpns_year = 2000, int cpns_month = 3) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "19%02d0101%04d%02d1%03d", 70 + serial % 20,
                              cpns_year, cpns_month, serial);
  return std::string(buf, std::clamp(n, 0, 18));  // a NIP is 18 digits
}

class TickClock final : public Clock {
 public:
  int64_t NowMicros() override { return now_.fetch_add(1'000'000); }

 private:
  std::atomic<int64_t> now_{1'700'000'000'000'000};
};

class AuditFixture : public ::testing::Test {
 protected:
  AuditFixture() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-audit-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    store::StoreOptions o;
    o.sync = false;
    o.clock = &clock_;
    auto s = store::EventStore::Open(o, dir_ + "/ledger");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (s.ok()) store_ = std::move(s).value();
  }
  ~AuditFixture() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Appends one event; returns its position (0 and a test failure if the
  // store rejects it).
  uint64_t Add(const std::string& stream, const std::string& date, const std::string& payload) {
    const std::string line = "{\"stream\":\"" + stream + "\",\"eventId\":\"t-" +
                             std::to_string(++ids_) + "\",\"effectiveDate\":\"" + date +
                             "\",\"payload\":" + payload + "}";
    auto ev = json_.ParseInput(line);
    EXPECT_TRUE(ev.ok()) << ev.status().ToString() << "\n" << line;
    if (!ev.ok()) return 0;
    std::vector<store::NewEvent> one;
    one.push_back(std::move(*ev));
    auto r = store_->Append(stream, store::ExpectedVersion::Any(), one);
    EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << line;
    return r.ok() ? r->positions.front() : 0;
  }

  // ------------------------------------------------------------ employees
  uint64_t Recruit(const std::string& nip, const std::string& tmt,
                   const std::string& education = "s1", const std::string& rank = "III/a",
                   const std::string& agency = "kota-a") {
    return Add("emp/" + nip, tmt,
               R"({"recruited":{"nip":")" + nip + R"(","name":"Pegawai )" + nip.substr(15) +
                   R"(","birthDate":")" + nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" +
                   nip.substr(6, 2) + R"(","gender":"male","education":")" + education +
                   R"(","agency":")" + agency +
                   R"(","unit":"u1","employmentType":"pns","startingRank":{"golongan":")" + rank +
                   R"("},"positionId":"pel-1"}})");
  }
  uint64_t Rate(const std::string& nip, int year, const std::string& predikat = "baik",
                const std::string& evaluator = "196501011990031001") {
    const std::string y = std::to_string(year);
    return Add("emp/" + nip, y + "-12-31",
               R"({"performanceRated":{"year":)" + y + R"(,"periodStart":")" + y +
                   R"(-01-01","periodEnd":")" + y + R"(-12-31","workResult":"meets","behaviour":"meets","predikat":")" + predikat +
                   R"(","evaluatorNip":")" + evaluator + R"("}})");
  }
  uint64_t Promote(const std::string& nip, const std::string& tmt, const std::string& from,
                   const std::string& to, const std::string& kind = "regular") {
    return Add("emp/" + nip, tmt,
               R"({"rankPromoted":{"kind":")" + kind + R"(","from":{"golongan":")" + from +
                   R"("},"to":{"golongan":")" + to + R"("}}})");
  }
  uint64_t Sanction(const std::string& nip, const std::string& start, const std::string& end,
                    const std::string& kind = "allowanceCut12Months",
                    const std::string& level = "medium") {
    return Add("emp/" + nip, start,
               R"({"sanctionImposed":{"level":")" + level + R"(","kind":")" + kind +
                   R"(","start":")" + start + R"(","end":")" + end +
                   R"(","reason":"Tidak masuk kerja"}})");
  }
  uint64_t Lift(const std::string& nip, const std::string& date, uint64_t sanction) {
    return Add("emp/" + nip, date,
               R"({"sanctionLifted":{"sanctionPosition":)" + std::to_string(sanction) +
                   R"(,"reason":"Dipulihkan"}})");
  }
  uint64_t Declare(const std::string& nip, const std::string& date, const std::string& other,
                   const std::string& relation = "cousin") {
    return Add("emp/" + nip, date,
               R"({"relationshipDeclared":{"otherNip":")" + other +
                   R"(","otherName":"Kerabat","relation":")" + relation + R"("}})");
  }
  uint64_t Assess(const std::string& nip, const std::string& date, int level) {
    const std::string l = std::to_string(level);
    return Add("emp/" + nip, date,
               R"({"competencyAssessed":{"levels":[{"code":"integritas","kind":"managerial","level":)" +
                   l + R"(},{"code":"kerjaSama","kind":"managerial","level":)" + l +
                   R"(}],"assessor":"UPT","method":"assessment center"}})");
  }
  uint64_t Appoint(const std::string& nip, const std::string& tmt, const std::string& selection,
                   const std::string& position = "kota-a.d1.b1.head",
                   const std::string& level = "administrator") {
    return Add("emp/" + nip, tmt,
               R"({"positionPromoted":{"selectionId":")" + selection + R"(","positionId":")" +
                   position + R"(","positionName":"Kepala Bidang","level":")" + level +
                   R"(","agency":"kota-a","unit":"d1.b1"}})");
  }
  uint64_t Retract(const std::string& stream, const std::string& date, uint64_t target) {
    return Add(stream, date,
               R"({"retracted":{"target":)" + std::to_string(target) +
                   R"(,"reason":"Salah input","authority":"Kepala BKPSDM"}})");
  }
  uint64_t CorrectPromotion(const std::string& nip, const std::string& date, uint64_t target,
                            const std::string& from, const std::string& to) {
    return Add("emp/" + nip, date,
               R"({"corrected":{"target":)" + std::to_string(target) +
                   R"(,"replacement":{"rankPromoted":{"kind":"regular","from":{"golongan":")" +
                   from + R"("},"to":{"golongan":")" + to +
                   R"("}}},"reason":"Salah ketik golongan","authority":"Kepala BKPSDM"}})");
  }

  // --------------------------------------------------------------- agency
  // An administrator post requiring integritas and kerjaSama at `level`.
  uint64_t DefinePost(const std::string& date, int level,
                      const std::string& position = "kota-a.d1.b1.head") {
    const std::string l = std::to_string(level);
    return Add("org/kota-a", date,
               R"({"positionDefined":{"positionId":")" + position +
                   R"(","name":"Kepala Bidang","level":"administrator","unitId":"d1.b1","minRank":"III/c","maxRank":"IV/b","requiredCompetencies":[{"code":"integritas","kind":"managerial","level":)" +
                   l + R"(},{"code":"kerjaSama","kind":"managerial","level":)" + l + R"(}]}})");
  }

  // ------------------------------------------------------------ selections
  uint64_t Open(const std::string& id, const std::string& date, const std::string& kind) {
    return Add("sel/" + id, date,
               R"({"selectionOpened":{"positionId":"kota-a.d1.head","positionName":"Kepala Dinas","level":"jptPratama","agency":"kota-a","kind":")" +
                   kind + R"(","announcement":"PENG-1"}})");
  }
  // `members`: (id, internal) pairs.
  uint64_t Committee(const std::string& id, const std::string& date,
                     const std::vector<std::pair<std::string, bool>>& members,
                     const std::string& ppk) {
    std::string list;
    for (const auto& [m, internal] : members) {
      if (!list.empty()) list += ",";
      list += R"({"memberId":")" + m + R"(","name":"Anggota","internal":)" +
              (internal ? "true" : "false") + R"(,"role":"member"})";
    }
    return Add("sel/" + id, date,
               R"({"committeeAppointed":{"members":[)" + list + R"(],"ppkNip":")" + ppk + "\"}}");
  }
  uint64_t Register(const std::string& id, const std::string& date, const std::string& nip) {
    return Add("sel/" + id, date,
               R"({"candidateRegistered":{"nip":")" + nip + R"(","name":"Calon"}})");
  }
  uint64_t Recuse(const std::string& id, const std::string& date, const std::string& member,
                  const std::string& candidate) {
    return Add("sel/" + id, date,
               R"({"memberRecused":{"memberId":")" + member + R"(","candidateNip":")" +
                   candidate + R"(","reason":"Hubungan keluarga"}})");
  }
  uint64_t Score(const std::string& id, const std::string& date, const std::string& member,
                 const std::string& candidate, double total = 80) {
    return Add("sel/" + id, date,
               R"({"candidateScored":{"memberId":")" + member + R"(","candidateNip":")" +
                   candidate + R"(","scores":[{"criterion":"wawancara","score":80,"weight":1}],"total":)" +
                   std::to_string(total) + "}}");
  }
  uint64_t Shortlist(const std::string& id, const std::string& date,
                     const std::vector<std::string>& ranked) {
    std::string list;
    for (const auto& n : ranked) list += (list.empty() ? "\"" : ",\"") + n + "\"";
    return Add("sel/" + id, date, R"({"shortlistSubmitted":{"ranked":[)" + list + "]}}");
  }
  uint64_t Decide(const std::string& id, const std::string& date, const std::string& appointee,
                  const std::string& official) {
    return Add("sel/" + id, date,
               R"({"selectionDecided":{"appointeeNip":")" + appointee +
                   R"(","decidingOfficialNip":")" + official +
                   R"(","justification":"Peringkat terbaik"}})");
  }

  // ----------------------------------------------------------------- audit
  AuditReport Audit(AuditOptions o = {}) {
    o.clock = &clock_;
    auto r = RunAudit(*store_, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : AuditReport{};
  }

  // (rule, position of the decision or subject) of every finding.
  static std::set<std::pair<std::string, uint64_t>> Found(const AuditReport& r) {
    std::set<std::pair<std::string, uint64_t>> out;
    for (const auto& v : r.decisions) {
      for (const auto& f : v.findings) out.emplace(RuleName(f.rule), v.decision.position);
    }
    for (const auto& f : r.record_findings) out.emplace(RuleName(f.finding.rule), f.subject.position);
    return out;
  }
  static const DecisionVerdict* VerdictAt(const AuditReport& r, uint64_t position) {
    for (const auto& v : r.decisions) {
      if (v.decision.position == position) return &v;
    }
    return nullptr;
  }

  TickClock clock_;
  std::string dir_;
  std::unique_ptr<store::EventStore> store_;
  codec::EventJson json_;
  int ids_ = 0;
};

}  // namespace jejak::audit::testing
