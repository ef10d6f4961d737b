#include "bench_ledger_build.h"

#include <algorithm>
#include <future>
#include <vector>

#include "bench_events.h"
#include "bench_util.h"

namespace jejak::bench {
namespace {

// Events [first, last) of the generated ledger and the stream of each run
// of consecutive events of one employee.
struct GeneratedBatch {
  std::vector<store::NewEvent> events;
  std::vector<std::pair<std::string, size_t>> parts;  // (stream, event count)
};

GeneratedBatch Generate(uint64_t first, uint64_t last, uint32_t per_stream) {
  GeneratedBatch b;
  b.events.reserve(last - first);
  for (uint64_t i = first; i < last; ++i) {
    const uint64_t employee = i / per_stream;
    const auto seq = static_cast<uint32_t>(i % per_stream);
    if (i == first || seq == 0) b.parts.emplace_back(EmployeeStream(employee), 0);
    ++b.parts.back().second;
    b.events.push_back(MakeEmployeeEvent(employee, seq));
  }
  return b;
}

}  // namespace

BuildResult AppendGeneratedEvents(store::EventStore& store, uint64_t from, uint64_t to,
                                  uint32_t per_stream, size_t batch,
                                  const std::function<void(uint64_t)>& progress) {
  BuildResult result;
  Stopwatch clock;
  auto generate = [per_stream, batch, to](uint64_t first) {
    return std::async(std::launch::async, Generate, first, std::min<uint64_t>(to, first + batch),
                      per_stream);
  };
  std::future<GeneratedBatch> next;
  if (from < to) next = generate(from);
  for (uint64_t first = from; first < to;) {
    GeneratedBatch current = next.get();
    const uint64_t count = current.events.size();
    if (first + count < to) next = generate(first + count);
    std::vector<store::StreamAppend> parts;
    parts.reserve(current.parts.size());
    size_t offset = 0;
    for (const auto& [stream, n] : current.parts) {
      parts.push_back({stream, store::ExpectedVersion::Any(),
                       std::span<const store::NewEvent>(&current.events[offset], n)});
      offset += n;
    }
    auto appended = store.Append(parts);
    if (!appended.ok()) {
      result.error =
          "append of events " + std::to_string(first) + "..: " + appended.status().ToString();
      if (next.valid()) next.wait();
      break;
    }
    first += count;
    result.events += count;
    if (progress) progress(result.events);
  }
  result.seconds = clock.Seconds();
  return result;
}

}  // namespace jejak::bench
