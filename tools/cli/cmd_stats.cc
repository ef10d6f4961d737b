// jejak stats: size and shape of the ledger.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>

#include "commands.h"
#include "event_type.h"
#include "jejak/domain/date.h"

namespace jejak::cli {

namespace {

uint64_t DirBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

int RunStats(CliContext& ctx) {
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("stats", ledger.status());
  store::Head head = (*ledger)->Head();
  auto streams = (*ledger)->store().CountStreams();
  if (!streams.ok()) return ctx.Fail("stats", streams.status());

  std::map<std::string, uint64_t> by_type;
  std::map<std::string, uint64_t> by_stream_kind;
  Status read = (*ledger)->ForEachEvent(1, [&](const store::RecordedEvent& e) {
    auto ev = e.event();
    ++by_type[EventTypeName(ev.getPayload())];
    std::string_view stream = ev.getStream().cStr();
    ++by_stream_kind[std::string(stream.substr(0, stream.find('/')))];
    return Status::Ok();
  });
  if (!read.ok()) return ctx.Fail("stats", read);

  std::cout << "ledger      " << ctx.data_dir << "\n"
            << "events      " << head.position << "\n"
            << "streams     " << *streams << "\n"
            << "last write  " << (head.position ? domain::FormatTimestamp(head.recorded_at_us) : "-")
            << "\n"
            << "chain head  " << store::ToHex(head.chain) << "\n"
            << "disk bytes  " << DirBytes(ctx.data_dir) << "\n\n";
  std::cout << "by stream kind:\n";
  for (const auto& [kind, n] : by_stream_kind) {
    std::cout << "  " << std::left << std::setw(24) << kind << n << "\n";
  }
  std::cout << "by event type:\n";
  for (const auto& [type, n] : by_type) {
    std::cout << "  " << std::left << std::setw(24) << type << n << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddStatsCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("stats", "Counts of events by type and stream kind, head, size");
  cmd->callback([&ctx, exit_code] {
    ctx.reader = true;
    *exit_code = RunStats(ctx);
  });
}

}  // namespace jejak::cli
