#include "peer_jejak.h"

#include <vector>

#include "bench_util.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_summary.h"
#include "jejak/ledger.h"
#include "jejak/store/event_store.h"

namespace jejak::bench {

namespace {

// The peers' row, from jejak's summary of an employee (profile_summary.h:
// profile_view.h's notion of "current"), formatted as the peers' fold
// formats it.
ProfileRow RowFromSummary(const projection::ProfileSummary& s, int jp_year) {
  ProfileRow row;
  row.nip = s.nip;
  row.name = s.name;
  if (s.placed) {
    row.agency = s.agency;
    row.unit = s.unit;
    row.position_id = s.position_id;
    row.position_name = s.position_name;
    row.position_tmt = domain::FormatDate(s.position_tmt);
  }
  if (s.has_rank) {
    row.golongan = s.rank.pppk_grade != 0 ? "PPPK " + std::to_string(s.rank.pppk_grade)
                                          : std::string(domain::GolonganName(s.rank.golongan));
    row.golongan_tmt = domain::FormatDate(s.rank_tmt);
  }
  if (s.rating_year != 0) {
    row.predikat = projection::EnumName(s.predikat);
    row.predikat_year = s.rating_year;
  }
  row.jp_year = static_cast<int>(s.JpInYear(static_cast<uint16_t>(jp_year)));
  row.separated = s.separated;
  row.last_position = s.last_position;
  return row;
}

class JejakLeg final : public PeerLeg {
 public:
  JejakLeg(std::string dir, const BenchLedger& ledger) : dir_(std::move(dir)), ledger_(ledger) {}

  Status Open(const codec::EventJson& json) {
    events_.reserve(ledger_.events.size());
    for (const BenchEvent& e : ledger_.events) {
      auto parsed = json.ParseInput(e.line);
      if (!parsed.ok()) return parsed.status().WithContext("event " + e.event_id);
      events_.push_back(std::move(parsed).value());
    }
    LedgerOptions options;
    options.create_if_missing = true;
    options.sync = true;
    auto opened = Ledger::Open(dir_ + "/ledger", options);
    if (!opened.ok()) return opened.status();
    ledger_db_ = std::move(opened).value();
    return Status::Ok();
  }

  std::string Name() const override { return "jejak"; }

  std::string Describe() const override {
    return "jejak: Ledger sync=true (WAL fsync per commit group), CatchUp after every Append";
  }

  uint64_t DiskBytes() const override { return TreeBytes(dir_); }

  std::string IngestBreakdown() const override {
    return "Append " + FormatFixed(append_seconds_, 2) + " s (CPU " +
           FormatFixed(append_cpu_, 2) + " s) + CatchUp " + FormatFixed(catch_up_seconds_, 2) +
           " s (CPU " + FormatFixed(catch_up_cpu_, 2) + " s)";
  }

  Status Ingest(std::span<const BenchEvent> batch) override {
    std::vector<store::StreamAppend> runs;
    size_t i = 0;
    while (i < batch.size()) {
      size_t j = i + 1;
      while (j < batch.size() && batch[j].stream == batch[i].stream) ++j;
      const size_t first = batch[i].position - 1;
      runs.push_back({batch[i].stream, store::ExpectedVersion::Any(),
                      std::span<const store::NewEvent>(events_.data() + first, j - i)});
      i = j;
    }
    double cpu = SelfCpuSeconds();
    Stopwatch append;
    auto appended = ledger_db_->Append(runs);
    if (!appended.ok()) return appended.status();
    append_seconds_ += append.Seconds();
    append_cpu_ += SelfCpuSeconds() - cpu;
    cpu = SelfCpuSeconds();
    Stopwatch catch_up;
    Status s = ledger_db_->CatchUp();
    catch_up_seconds_ += catch_up.Seconds();
    catch_up_cpu_ += SelfCpuSeconds() - cpu;
    return s;
  }

  Status Rebuild(uint64_t* profiles) override {
    JEJAK_RETURN_IF_ERROR(ledger_db_->Rebuild());
    *profiles = ledger_.employees.size();
    return Status::Ok();
  }

  Result<ProfileRow> ReadProfile(const std::string& nip) override {
    // The summary: the compact record beside the full profile, as the
    // peers' current_profile row is.
    auto summary = ledger_db_->Summary(nip);
    if (!summary.ok()) return summary.status();
    return RowFromSummary(*summary, ledger_.jp_year);
  }

  Result<ProfileRow> ProfileAsOf(const EmployeeStream& employee,
                                 uint64_t known_position) override {
    projection::Cut cut;
    cut.known_position = known_position;
    auto summary = ledger_db_->SummaryAsOf(employee.nip, cut);
    if (!summary.ok()) return summary.status();
    return RowFromSummary(*summary, ledger_.jp_year);
  }

 private:
  std::string dir_;
  const BenchLedger& ledger_;
  std::vector<store::NewEvent> events_;  // events_[p - 1] is position p
  std::unique_ptr<Ledger> ledger_db_;
  double append_seconds_ = 0;
  double catch_up_seconds_ = 0;
  double append_cpu_ = 0;  // this process's CPU (all threads) during Append
  double catch_up_cpu_ = 0;
};

}  // namespace

Result<std::unique_ptr<PeerLeg>> OpenJejakLeg(const std::string& dir, const BenchLedger& ledger,
                                              const codec::EventJson& json) {
  auto leg = std::make_unique<JejakLeg>(dir, ledger);
  JEJAK_RETURN_IF_ERROR(leg->Open(json));
  return std::unique_ptr<PeerLeg>(std::move(leg));
}

}  // namespace jejak::bench
