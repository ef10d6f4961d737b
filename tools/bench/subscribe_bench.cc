// subscribe_bench: N server-sent-event subscribers (GET /v1/subscribe)
// following a paced write load (POST /v1/events) on a running `jejak
// serve`; tools/bench/server_bench.sh runs it (README.md here).
//
// All subscribers connect first; once every one has its 200, one writer
// appends at --rate events/s for --seconds; then the subscribers get up
// to --drain-seconds to receive every acknowledged event. Everything runs
// on one io_context on one thread. Prints a summary on stderr and one line
// on stdout for the script:
//   RESULT subscribers=N complete=C written=W write_seconds=S
//          received_min=A received_max=B gaps=G lag_p50_ms=X lag_p99_ms=Y
//          lag_max_ms=Z errors=E
// complete: subscribers that received every acknowledged event; lag: per
// event and subscriber, receive time minus recordedAt. Exit 0 when events
// were written (whatever the figures: failures are in `errors`), 1 when
// none could be (no server, a bad token); non-zero on a usage error.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "bench_util.h"
#include "paced_writer.h"
#include "sse_subscriber.h"

namespace jejak::bench {
namespace {

struct Flags {
  uint16_t port = 0;
  std::string token;         // the subscribers' (inspector)
  std::string writer_token;  // the writer's (admin)
  std::string nips_file;
  int subscribers = 100;
  double rate = 5000;
  double seconds = 10;
  int tick_ms = 10;
  double drain_seconds = 10;
};

std::vector<std::string> ReadLines(const std::string& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

int Run(const Flags& f) {
  PacedWriter::Options wo;
  wo.port = f.port;
  wo.token = f.writer_token;
  wo.nips = ReadLines(f.nips_file);
  wo.rate = f.rate;
  wo.seconds = f.seconds;
  wo.tick = std::chrono::milliseconds(f.tick_ms);
  wo.id_prefix = "sub-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  if (wo.nips.empty()) {
    std::cerr << "subscribe_bench: no NIPs in " << f.nips_file << "\n";
    return 1;
  }

  boost::asio::io_context ioc;
  std::vector<double> lags_us;
  lags_us.reserve(static_cast<size_t>(f.rate * f.seconds) * static_cast<size_t>(f.subscribers));
  std::vector<std::shared_ptr<SseSubscriber>> subs;
  boost::asio::steady_timer drain(ioc);
  std::optional<Deadline> drain_deadline;  // from the writer's end

  const auto stop_all = [&] {
    for (auto& s : subs) s->Stop();
  };
  // Once the writer is done: poll until every subscriber has every event.
  std::function<void()> wait_for_subscribers;
  PacedWriter writer(ioc, wo, [&] {
    drain_deadline.emplace(f.drain_seconds);
    wait_for_subscribers();
  });
  wait_for_subscribers = [&] {
    bool all = true;
    for (auto& s : subs) {
      all = all && (s->events() >= writer.acknowledged() || !s->error().empty());
    }
    if (all || !writer.error().empty() || drain_deadline->Passed()) return stop_all();
    drain.expires_after(std::chrono::milliseconds(5));
    drain.async_wait([&](boost::system::error_code) { wait_for_subscribers(); });
  };

  int pending = f.subscribers;
  for (int i = 0; i < f.subscribers; ++i) {
    subs.push_back(std::make_shared<SseSubscriber>(ioc, f.port, f.token, &lags_us, [&] {
      if (--pending == 0) writer.Start();
    }));
    subs.back()->Start();
  }
  ioc.run();

  int complete = 0, errors = 0;
  uint64_t gaps = 0, min_received = UINT64_MAX, max_received = 0;
  for (auto& s : subs) {
    if (s->events() == writer.acknowledged()) ++complete;
    if (!s->error().empty()) {
      if (errors++ < 3) std::cerr << "subscriber: " << s->error() << "\n";
    }
    gaps += s->gaps();
    min_received = std::min(min_received, s->events());
    max_received = std::max(max_received, s->events());
  }
  if (!writer.error().empty()) std::cerr << "writer: " << writer.error() << "\n";
  const double p50 = Percentile(lags_us, 50) / 1000, p99 = Percentile(lags_us, 99) / 1000;
  const double max = lags_us.empty() ? 0 : lags_us.back() / 1000;  // sorted by Percentile
  std::cerr << f.subscribers << " subscribers, " << writer.acknowledged() << " events written in "
            << FormatFixed(writer.seconds(), 2) << " s (" << FormatCount(Rate(writer.acknowledged(),
                                                                            writer.seconds()))
            << "/s); complete " << complete << "; delivery lag p50 " << FormatFixed(p50, 1)
            << " ms, p99 " << FormatFixed(p99, 1) << " ms, max " << FormatFixed(max, 1) << " ms\n";
  std::printf(
      "RESULT subscribers=%d complete=%d written=%llu write_seconds=%.3f received_min=%llu "
      "received_max=%llu gaps=%llu lag_p50_ms=%.2f lag_p99_ms=%.2f lag_max_ms=%.2f errors=%d\n",
      f.subscribers, complete, static_cast<unsigned long long>(writer.acknowledged()),
      writer.seconds(), static_cast<unsigned long long>(min_received),
      static_cast<unsigned long long>(max_received), static_cast<unsigned long long>(gaps), p50,
      p99, max, errors + (writer.error().empty() ? 0 : 1));
  return writer.acknowledged() == 0 ? 1 : 0;
}

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  jejak::bench::Flags f;
  CLI::App app{"N SSE subscribers following a paced write load on a running jejak serve"};
  app.add_option("--port", f.port, "the server's loopback port")->required();
  app.add_option("--token", f.token, "the subscribers' token (e.g. an inspector)")->required();
  app.add_option("--writer-token", f.writer_token, "the writer's token (admin)")->required();
  app.add_option("--nips", f.nips_file, "a file of existing employees' NIPs, one a line")
      ->required();
  app.add_option("--subscribers", f.subscribers, "subscribers (default 100)");
  app.add_option("--rate", f.rate, "events per second written (default 5000)");
  app.add_option("--seconds", f.seconds, "how long to write (default 10)");
  app.add_option("--tick-ms", f.tick_ms, "the writer's pace: a batch every MS (default 10)");
  app.add_option("--drain-seconds", f.drain_seconds,
                 "how long subscribers may take to catch up after the writer (default 10)");
  CLI11_PARSE(app, argc, argv);
  return jejak::bench::Run(f);
}
