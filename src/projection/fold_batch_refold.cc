// FoldBatch::ResolveRefolds: the employees whose stream got a correction or
// retraction in this batch, refolded from the log before Commit writes them.
//
// Reading a stream costs a random read per event (its events are spread
// over the whole log: ~10 us each, a block read and decompressed for one
// record). A rebuild meets thousands of amendments (0.5% of a generated
// region's events), so reading each amended stream on its own cost more
// than the rest of the rebuild. When many streams wait, one forward pass
// over the log from the first of their events collects them all instead:
// sequential reads, decoded on a helper thread. In a rebuild, which holds
// every amendment it folded (KeepAmendments), the pass collects nothing:
// it folds each event as it is met, told its effective form by the
// stream's resolved amendments, so one pass serves any number of streams.
#include <algorithm>
#include <unordered_map>

#include "fold_batch.h"
#include "jejak/projection/fold.h"
#include "jejak/text_view.h"
#include "log_read_ahead.h"

namespace jejak::projection {

namespace {

// A forward pass reads a log event for ~1/20 of a random stream read; it is
// chosen while it reads at most this many events per stream event needed.
constexpr uint64_t kScanAdvantage = 16;

struct Pending {
  std::string stream;
  std::string_view nip;
  uint64_t first_position = 0;
  uint64_t versions = 0;
  std::vector<store::RecordedEvent> events;  // the stream's, in position order
};

// True when one forward pass over the log from the first event of
// `streams` up to `checkpoint` reads less than reading their events one by
// one through the stream index.
bool ScanReadsLess(const std::vector<Pending*>& streams, uint64_t checkpoint) {
  uint64_t from = UINT64_MAX, needed = 0;
  for (const Pending* p : streams) {
    from = std::min(from, p->first_position);
    needed += p->versions;
  }
  const uint64_t range = from <= checkpoint ? checkpoint - from + 1 : 0;
  return range <= needed * kScanAdvantage;
}

// Calls visit(k, event) for every event of streams[k]'s stream at positions
// up to `checkpoint`, in position order, in one forward pass over the log
// from the first of them.
template <typename Visit>
Status ScanStreams(store::EventStore& store, const std::vector<Pending*>& streams,
                   uint64_t checkpoint, Visit&& visit) {
  uint64_t from = UINT64_MAX;
  std::unordered_map<std::string_view, size_t> by_stream;
  for (size_t k = 0; k < streams.size(); ++k) {
    from = std::min(from, streams[k]->first_position);
    by_stream.emplace(streams[k]->stream, k);
  }
  if (from > checkpoint) return Status::Ok();
  LogReadAhead log(store, from, checkpoint, checkpoint - from >= 8192);
  while (const store::RecordedEvent* e = log.Next()) {
    const auto stream = e->event().getStream();
    auto it = by_stream.find(View(stream));
    if (it != by_stream.end()) visit(it->second, *e);
  }
  return log.status();
}

// Refolds each of `streams` into `*states[k]` from its events met in one
// forward pass over the log up to `checkpoint`, each folded in its
// effective form (`resolved[k]`: ALL the stream's amendments up to
// `checkpoint`): the same state as FoldProfile over EffectiveEvents.
Status RefoldInOnePass(store::EventStore& store, const std::vector<Pending*>& streams,
                       const std::vector<Amendments>& resolved,
                       const std::vector<ProfileState*>& states, uint64_t checkpoint) {
  for (size_t k = 0; k < streams.size(); ++k) {
    *states[k] = ProfileState();
    states[k]->nip = std::string(streams[k]->nip);
  }
  std::vector<uint64_t> last(streams.size(), 0);  // the stream's last event, amendments included
  const Cut cut{checkpoint, UINT32_MAX};
  FoldInput in;
  JEJAK_RETURN_IF_ERROR(
      ScanStreams(store, streams, checkpoint, [&](size_t k, const store::RecordedEvent& e) {
        last[k] = e.position();
        if (resolved[k].Effective(e.event(), cut, &in)) ApplyProfile(*states[k], in);
      }));
  for (size_t k = 0; k < streams.size(); ++k) states[k]->last_position = last[k];
  return Status::Ok();
}

// Fills `p.events` with the events of every stream of `pass` at positions
// up to `checkpoint`, in one pass over the log from the first of them.
Status CollectByScan(store::EventStore& store, const std::vector<Pending*>& pass,
                     uint64_t checkpoint) {
  return ScanStreams(store, pass, checkpoint, [&](size_t k, const store::RecordedEvent& e) {
    pass[k]->events.push_back(e);
  });
}

// Fills `p.events` from the stream index (random reads).
Status CollectByStream(store::EventStore& store, Pending& p, uint64_t checkpoint) {
  auto events = store.ReadStream(p.stream);
  if (!events.ok()) return events.status().WithContext("refolding " + p.stream);
  p.events = std::move(events).value();
  std::erase_if(p.events, [&](const store::RecordedEvent& e) { return e.position() > checkpoint; });
  return Status::Ok();
}

}  // namespace

Status FoldBatch::ResolveRefolds(uint64_t checkpoint) {
  if (refolds_ == 0) return Status::Ok();
  std::vector<Pending> pending;
  std::vector<Employee*> employees;  // employees[k] is pending[k]'s
  pending.reserve(refolds_);
  employees.reserve(refolds_);
  for (size_t i = 0; i < employees_.size(); ++i) {
    Employee& e = employees_.At(i);
    if (!e.refold) continue;
    Pending p;
    p.nip = employees_.Nip(i);
    p.stream = "emp/" + std::string(p.nip);
    auto info = store_.GetStreamInfo(p.stream);
    if (!info.ok()) return info.status().WithContext("refolding " + p.stream);
    p.first_position = info->first_position;
    p.versions = info->version;
    pending.push_back(std::move(p));
    employees.push_back(&e);
  }
  std::vector<Pending*> all;
  for (Pending& p : pending) all.push_back(&p);
  // Every amendment of these streams is held: one pass folds them all,
  // unless reading the streams one by one reads less.
  if (keep_amendments_ && ScanReadsLess(all, checkpoint)) {
    std::vector<std::vector<schema::Event::Reader>> held(pending.size());
    std::vector<Amendments> resolved;
    std::vector<ProfileState*> states;
    resolved.reserve(pending.size());
    for (size_t k = 0; k < pending.size(); ++k) {
      if (auto it = amendments_.find(pending[k].nip); it != amendments_.end()) {
        for (const auto& message : it->second) {
          held[k].push_back(message->getRoot<schema::Event>().asReader());
        }
      }
      resolved.emplace_back(held[k], checkpoint);
      states.push_back(&employees[k]->state);
    }
    JEJAK_RETURN_IF_ERROR(RefoldInOnePass(store_, all, resolved, states, checkpoint));
    for (Employee* e : employees) e->refold = false;
    refolds_ = 0;
    return Status::Ok();
  }
  // Folds pending[k] from its collected events, and frees them.
  auto fold = [&](size_t k) {
    Pending& p = pending[k];
    std::vector<schema::Event::Reader> readers;
    readers.reserve(p.events.size());
    for (const auto& e : p.events) readers.push_back(e.event());
    ProfileState& state = employees[k]->state;
    state = FoldProfile(p.nip, EffectiveEvents(readers, Cut{checkpoint, UINT32_MAX}));
    // As folding event by event leaves it: the stream's last event so far,
    // amendments included.
    state.last_position = p.events.empty() ? 0 : p.events.back().position();
    employees[k]->refold = false;
    p.events = {};
  };
  // Passes of at most refold_pass_events_ stream events (a pass takes at
  // least one stream), the streams that start earliest first; each pass
  // reads the log forward or stream by stream, whichever reads less.
  std::vector<size_t> order(pending.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return pending[a].first_position < pending[b].first_position;
  });
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin;
    uint64_t needed = 0;  // stream events the pass reads
    std::vector<Pending*> pass;
    while (end < order.size() &&
           (end == begin || needed + pending[order[end]].versions <= refold_pass_events_)) {
      needed += pending[order[end]].versions;
      pass.push_back(&pending[order[end++]]);
    }
    if (ScanReadsLess(pass, checkpoint)) {
      JEJAK_RETURN_IF_ERROR(CollectByScan(store_, pass, checkpoint));
    } else {
      for (Pending* p : pass) JEJAK_RETURN_IF_ERROR(CollectByStream(store_, *p, checkpoint));
    }
    for (size_t i = begin; i < end; ++i) fold(order[i]);
    begin = end;
  }
  refolds_ = 0;
  return Status::Ok();
}

}  // namespace jejak::projection
