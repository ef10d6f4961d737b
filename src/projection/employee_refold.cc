// Why three ways: reading a stream costs a random read per event (a block
// read and decompressed for one record), and a rebuild meets thousands of
// amended streams, so reading each on its own cost more than the rest of
// the rebuild; a forward pass reads sequentially, decoded on a helper
// thread, but reads every event in its range, so for a few streams the
// stream index reads less (docs/benchmarks.md, "Projection").
#include "employee_refold.h"

#include <algorithm>
#include <unordered_map>

#include "fold_tuning.h"
#include "jejak/projection/fold.h"
#include "jejak/text_view.h"
#include "log_read_ahead.h"

namespace jejak::projection {

namespace {

using Stream = EmployeeRefold::Stream;

const Stream& Deref(const Stream& p) { return p; }
const Stream& Deref(const Stream* p) { return *p; }

// True when one forward pass over the log from the first event of
// `streams` (Streams or pointers to them) up to `checkpoint` reads less
// than reading their events one by one through the stream index.
template <typename Streams>
bool ScanReadsLess(const Streams& streams, uint64_t checkpoint) {
  uint64_t from = UINT64_MAX, needed = 0;
  for (const auto& s : streams) {
    from = std::min(from, Deref(s).first_position);
    needed += Deref(s).versions;
  }
  const uint64_t range = from <= checkpoint ? checkpoint - from + 1 : 0;
  return range <= needed * tuning::kScanAdvantage;
}

// Calls visit(k, event) for every event of streams[k] at positions up to
// `checkpoint`, in position order, in one forward pass over the log from
// the first of them.
template <typename Visit>
Status ScanStreams(store::EventStore& store, const std::vector<Stream*>& streams,
                   uint64_t checkpoint, Visit&& visit) {
  uint64_t from = UINT64_MAX;
  std::unordered_map<std::string_view, size_t> by_stream;
  for (size_t k = 0; k < streams.size(); ++k) {
    from = std::min(from, streams[k]->first_position);
    by_stream.emplace(streams[k]->name, k);
  }
  if (from > checkpoint) return Status::Ok();
  LogReadAhead log(store, from, checkpoint, checkpoint - from >= tuning::kReadAheadEvents);
  while (const store::RecordedEvent* e = log.Next()) {
    const auto stream = e->event().getStream();
    auto it = by_stream.find(View(stream));
    if (it != by_stream.end()) visit(it->second, *e);
  }
  return log.status();
}

// Fills each stream's `events` from the stream index (random reads).
Status CollectByStream(store::EventStore& store, Stream& p, uint64_t checkpoint) {
  auto events = store.ReadStream(p.name);
  if (!events.ok()) return events.status().WithContext("refolding " + p.name);
  p.events = std::move(events).value();
  std::erase_if(p.events, [&](const store::RecordedEvent& e) { return e.position() > checkpoint; });
  return Status::Ok();
}

// Folds `p` from its collected events, and frees them.
void FoldCollected(Stream& p, uint64_t checkpoint) {
  std::vector<schema::Event::Reader> readers;
  readers.reserve(p.events.size());
  for (const auto& e : p.events) readers.push_back(e.event());
  *p.state = FoldStream(p.nip, readers, checkpoint);
  p.events = {};
}

}  // namespace

ProfileState FoldStream(std::string_view nip, std::span<const schema::Event::Reader> events,
                        uint64_t checkpoint) {
  ProfileState state = FoldProfile(nip, EffectiveEvents(events, Cut{checkpoint, UINT32_MAX}));
  state.last_position = events.empty() ? 0 : events.back().getPosition();
  return state;
}

Result<EmployeeRefold> EmployeeRefold::Of(store::EventStore& store, BatchStates& states,
                                          uint64_t checkpoint) {
  EmployeeRefold refold(store, checkpoint);
  const std::vector<EmployeeRef> marked = states.TakeRefolds();
  refold.streams_.reserve(marked.size());
  for (const EmployeeRef& e : marked) {
    Stream p;
    p.nip = e.nip;
    p.name = "emp/" + std::string(e.nip);
    p.state = &e.employee->state;
    auto info = store.GetStreamInfo(p.name);
    if (!info.ok()) return info.status().WithContext("refolding " + p.name);
    p.first_position = info->first_position;
    p.versions = info->version;
    refold.streams_.push_back(std::move(p));
  }
  return refold;
}

bool EmployeeRefold::OnePassReadsLess() const { return ScanReadsLess(streams_, checkpoint_); }

Status EmployeeRefold::FoldInOnePass(const HeldAmendments& amendments) {
  std::vector<Stream*> all;
  std::vector<std::vector<schema::Event::Reader>> held(streams_.size());
  std::vector<Amendments> resolved;
  resolved.reserve(streams_.size());
  for (size_t k = 0; k < streams_.size(); ++k) {
    Stream& p = streams_[k];
    all.push_back(&p);
    held[k] = amendments.Of(p.nip);
    resolved.emplace_back(held[k], checkpoint_);
    *p.state = ProfileState();
    p.state->nip = std::string(p.nip);
  }
  std::vector<uint64_t> last(streams_.size(), 0);  // the stream's last event, amendments included
  const Cut cut{checkpoint_, UINT32_MAX};
  FoldInput in;
  JEJAK_RETURN_IF_ERROR(
      ScanStreams(*store_, all, checkpoint_, [&](size_t k, const store::RecordedEvent& e) {
        last[k] = e.position();
        if (resolved[k].Effective(e.event(), cut, &in)) ApplyProfile(*streams_[k].state, in);
      }));
  for (size_t k = 0; k < streams_.size(); ++k) streams_[k].state->last_position = last[k];
  return Status::Ok();
}

Status EmployeeRefold::FoldFromCollectedEvents(uint64_t pass_events) {
  std::vector<Stream*> order;
  for (Stream& p : streams_) order.push_back(&p);
  std::sort(order.begin(), order.end(),
            [](const Stream* a, const Stream* b) { return a->first_position < b->first_position; });
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin;
    uint64_t needed = 0;  // stream events the pass reads
    while (end < order.size() &&
           (end == begin || needed + order[end]->versions <= pass_events)) {
      needed += order[end++]->versions;
    }
    const std::vector<Stream*> pass(order.begin() + begin, order.begin() + end);
    if (ScanReadsLess(pass, checkpoint_)) {
      JEJAK_RETURN_IF_ERROR(ScanStreams(*store_, pass, checkpoint_,
                                        [&](size_t k, const store::RecordedEvent& e) {
                                          pass[k]->events.push_back(e);
                                        }));
    } else {
      for (Stream* p : pass) JEJAK_RETURN_IF_ERROR(CollectByStream(*store_, *p, checkpoint_));
    }
    for (Stream* p : pass) FoldCollected(*p, checkpoint_);
    begin = end;
  }
  return Status::Ok();
}

}  // namespace jejak::projection
