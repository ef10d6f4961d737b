#include "jejak/ingest/event_batch.h"

#include <algorithm>
#include <optional>

namespace jejak::ingest {

namespace {

bool IsInputError(const Status& s) { return s.IsInvalidArgument() || s.IsConflict(); }

}  // namespace

AppendFn AppendTo(store::EventStore& store) {
  return [&store](std::span<const store::StreamAppend> parts) { return store.Append(parts); };
}

void EventBatch::Add(store::NewEvent event, uint64_t origin) {
  events_.push_back(std::move(event));
  origins_.push_back(origin);
}

void EventBatch::Clear() {
  events_.clear();
  origins_.clear();
}

std::vector<store::StreamAppend> EventBatch::Parts(size_t from, size_t end) const {
  return store::StreamRuns(std::span<const store::NewEvent>(events_).subspan(from, end - from));
}

size_t EventBatch::IndexOfError(const Status& s, size_t from, size_t end) const {
  const std::optional<size_t> index = store::EventIndexOfError(s);
  return index && *index < end - from ? from + *index : SIZE_MAX;
}

Result<store::AppendResult> EventBatch::AppendAll(const AppendFn& append) const {
  auto parts = Parts(0, events_.size());
  auto result = append(parts);
  if (!result.ok()) {
    const size_t i = IndexOfError(result.status(), 0, events_.size());
    if (i != SIZE_MAX) {
      return result.status().WithContext(unit_ + " " + std::to_string(origins_[i]));
    }
  }
  return result;
}

EventBatch::Outcome EventBatch::AppendSkippingRejected(const AppendFn& append,
                                                       bool keep_going) const {
  Outcome out;
  const size_t n = events_.size();
  size_t from = 0;
  size_t window = n;  // events of the next call
  while (from < n) {
    const size_t end = from + std::min(window, n - from);
    const auto parts = Parts(from, end);
    auto result = append(parts);
    if (result.ok()) {
      out.duplicates += result->duplicates;
      out.appended += result->positions.size() - result->duplicates;
      from = end;
      window = std::min(n, 2 * window);
      continue;
    }
    const Status& s = result.status();
    const size_t bad = IsInputError(s) ? IndexOfError(s, from, end) : SIZE_MAX;
    if (bad == SIZE_MAX) {
      out.failure = s;
      return out;
    }
    if (bad > from) {
      // The events before it passed what was checked up to it: they go
      // alone next. The refused one is retried after them, since a refusal
      // may depend on the events before it (an expected version).
      window = bad - from;
      continue;
    }
    out.rejected.push_back({bad, origins_[bad], s});
    if (!keep_going) return out;
    from = bad + 1;
    window = std::max<size_t>(1, window / 2);
  }
  return out;
}

}  // namespace jejak::ingest
