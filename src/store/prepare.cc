#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include <capnp/any.h>
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include "jejak/domain/payload_kind.h"
#include "jejak/domain/validate.h"
#include "jejak/text_view.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/append_request.h"
#include "store/split_work.h"
#include "store/tree_leaf.h"

namespace jejak::store {

namespace {

// Room for the root pointer and a stream id longer than the input's.
constexpr uint64_t kNormalizeSlackWords = 32;

void Assign(capnp::Text::Reader text, std::string& out) {
  out.assign(text.cStr(), text.size());
}

std::string EventLabel(size_t index) { return "event " + std::to_string(index); }

// capnp::canonicalize(in) without the library's closing self-check
// (KJ_ASSERT(isCanonical()) over the output: 43% of its cost): the same
// steps, the same bytes. Debug builds compare with capnp::canonicalize;
// Verify checks every stored body with isCanonical.
// `bound_words` bounds the output's size (a smaller bound fails with a
// capnp exception, never overruns): the input message's used words, so
// the input is not traversed once more to size the output.
kj::Array<capnp::word> Canonicalize(schema::EventInput::Reader in, size_t bound_words) {
  const capnp::_::StructReader reader =
      capnp::_::PointerHelpers<schema::EventInput>::getInternalReader(in);
  const size_t size = bound_words + 1;
  kj::Array<capnp::word> backing = kj::heapArray<capnp::word>(size);
  std::memset(backing.begin(), 0, backing.asBytes().size());
  capnp::FlatMessageBuilder builder(backing);
  capnp::_::PointerHelpers<capnp::AnyPointer>::getInternalBuilder(
      builder.initRoot<capnp::AnyPointer>())
      .setStruct(reader, /*canonical=*/true);
  const auto output = builder.getSegmentsForOutput()[0];
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(output.size());
  std::memcpy(words.begin(), output.begin(), output.asBytes().size());
#ifndef NDEBUG
  const kj::Array<capnp::word> reference = capnp::canonicalize(in);
  assert(reference.asBytes() == words.asBytes());
#endif
  return words;
}

// Sets out.public_input (and draws out.salt) when the payload of `in`, an
// event whose canonical input is out.input, has personal fields: the
// entry's public body is then spliced by the writer instead of decoded
// and canonicalized again there.
void PreparePublicInput(schema::EventInput::Reader in, PreparedEvent& out) {
  capnp::MallocMessageBuilder copy(
      static_cast<capnp::uint>(out.input.size() + kNormalizeSlackWords));
  copy.setRoot(in);
  auto root = copy.getRoot<schema::EventInput>();
  if (!integrity::ClearPersonalFields(root.getPayload())) return;
  // Clearing only removes objects: the canonical input bounds the output.
  out.public_input = Canonicalize(root.asReader(), out.input.size());
  out.salt = NewSalt();
}

// Fills `out` from `in`, an event of `stream` (already parsed as `kind`)
// whose canonical encoding takes at most `bound_words`; returns
// InvalidArgument naming `out.index`.
// With `entry`, also the Merkle entry's public input (PreparedEvent::entry_prepared).
Status PrepareEvent(schema::EventInput::Reader in, size_t bound_words, const std::string& stream,
                    domain::StreamKind kind, const StoreOptions& options, bool entry,
                    PreparedEvent& out) {
  // Built only for an error.
  const auto label = [&] { return EventLabel(out.index); };
  if (const std::string_view given = in.hasStream() ? View(in.getStream()) : stream;
      given != stream) {
    return Status::InvalidArgument(
        label() + ": stream: \"" + std::string(in.getStream().cStr()) +
        "\" differs from the append's stream \"" + std::string(stream) + "\"");
  }
  const auto id = in.getEventId();
  if (id.size() == 0) {
    return Status::InvalidArgument(label() + ": eventId: empty");
  }
  if (id.size() > kMaxEventIdBytes) {
    return Status::InvalidArgument(label() + ": eventId: " +
                                   std::to_string(id.size()) +
                                   " bytes, at most 128 allowed");
  }

  // The normalized input: `stream` set, `expectedVersion` null. An input
  // that already is (the usual case) is read as it is; otherwise a copy is
  // normalized. Both canonicalize to the same bytes.
  std::optional<capnp::MallocMessageBuilder> normalized;
  schema::EventInput::Reader root = in;
  if (!in.hasStream() || in.hasExpectedVersion()) {
    // Sized to the input: the default first segment (8 KiB, zeroed) would
    // dominate the cost of preparing a small event.
    normalized.emplace(
        static_cast<capnp::uint>(in.totalSize().wordCount + kNormalizeSlackWords));
    normalized->setRoot(in);
    auto copy = normalized->getRoot<schema::EventInput>();
    copy.setStream(stream.c_str());
    if (copy.hasExpectedVersion()) (void)copy.disownExpectedVersion();
    root = copy.asReader();
    bound_words = normalized->sizeInWords();
  }

  Status valid = domain::ValidateEventInput(root, kind);
  if (!valid.ok()) return valid.WithContext(label());

  out.input = Canonicalize(root, bound_words);
  const size_t body_bytes = out.input_bytes().size() + kEventOverInputBytes;
  if (body_bytes > options.max_event_bytes) {
    return Status::InvalidArgument(
        label() + ": encoded event of " + std::to_string(body_bytes) +
        " bytes exceeds max_event_bytes " +
        std::to_string(options.max_event_bytes));
  }
  out.event_id.assign(id.cStr(), id.size());

  const auto payload = root.getPayload();
  out.kind = payload.which();
  switch (out.kind) {
    case schema::Payload::RECRUITED:
      Assign(payload.getRecruited().getNip(), out.ref);
      out.employment = payload.getRecruited().getEmploymentType();
      break;
    case schema::Payload::RANK_PROMOTED:
      out.rank_scale = payload.getRankPromoted().getTo().which();
      break;
    case schema::Payload::POSITION_PROMOTED:
      Assign(payload.getPositionPromoted().getSelectionId(), out.ref);
      break;
    case schema::Payload::CORRECTED: {
      const auto c = payload.getCorrected();
      out.target = c.getTarget();
      Assign(c.getTargetEventId(), out.target_event_id);
      const auto replacement = c.getReplacement();
      out.replacement_kind = replacement.which();
      if (out.replacement_kind == schema::Payload::RANK_PROMOTED) {
        out.rank_scale = replacement.getRankPromoted().getTo().which();
      } else if (out.replacement_kind == schema::Payload::RECRUITED) {
        out.employment = replacement.getRecruited().getEmploymentType();
      }
      break;
    }
    case schema::Payload::RETRACTED:
      out.target = payload.getRetracted().getTarget();
      Assign(payload.getRetracted().getTargetEventId(), out.target_event_id);
      break;
    case schema::Payload::SANCTION_LIFTED:
      out.target = payload.getSanctionLifted().getSanctionPosition();
      Assign(payload.getSanctionLifted().getSanctionEventId(), out.target_event_id);
      break;
    default:
      break;
  }
  // An event naming its target by event id only is digested by the writer,
  // over the input with the resolved position filled in (and its entry
  // derived from the stored body).
  if (out.needs_target()) return Status::Ok();
  out.digest = integrity::ContentDigest(out.input_bytes());
  if (!entry) return Status::Ok();
  if (integrity::MayHavePersonalFields(out.kind)) PreparePublicInput(root, out);
  out.entry_prepared = true;
  return Status::Ok();
}

}  // namespace

namespace {

// One event to prepare: its input, its part's stream, its slot.
struct Job {
  const NewEvent* input;
  const std::string* stream;
  domain::StreamKind kind;  // of *stream
  PreparedEvent* out;
  bool entry;  // prepare the Merkle entry too
};

// The first failure of jobs [begin, end) in order (and its index), or Ok.
struct RangeOutcome {
  size_t failed_at = SIZE_MAX;
  Status status;
};

RangeOutcome PrepareRange(const std::vector<Job>& jobs, size_t begin, size_t end,
                          const StoreOptions& options) {
  RangeOutcome outcome;
  for (size_t j = begin; j < end; ++j) {
    const Job& job = jobs[j];
    Status status;
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
                  status = PrepareEvent(job.input->reader(), job.input->words_used(),
                                        *job.stream, job.kind, options, job.entry, *job.out);
                })) {
      status = Status::InvalidArgument(EventLabel(job.out->index) +
                                       ": malformed Cap'n Proto input: " +
                                       e->getDescription().cStr());
    }
    if (!status.ok()) {
      outcome.failed_at = j;
      outcome.status = std::move(status);
      return outcome;
    }
  }
  return outcome;
}

}  // namespace

namespace {

// An Append call before its events are prepared: the request with every
// part and event slot, one job per event in submission order, and the
// error of the first part with a bad stream id (its parts stop there; the
// error counts only if no event before it fails).
struct Plan {
  std::unique_ptr<AppendRequest> request;
  std::vector<Job> jobs;
  Status bad_stream;
};

Result<Plan> PlanAppend(std::span<const StreamAppend> appends,
                        const StoreOptions& options, bool entries) {
  Plan plan;
  plan.request = std::make_unique<AppendRequest>();
  AppendRequest& request = *plan.request;
  size_t total = 0;
  for (const auto& part : appends) total += part.events.size();
  if (total > options.max_append_events) {
    return Status::InvalidArgument(
        "append of " + std::to_string(total) +
        " events exceeds max_append_events " +
        std::to_string(options.max_append_events));
  }
  request.total_events = total;
  request.parts.reserve(appends.size());
  plan.jobs.reserve(total);
  size_t index = 0;
  for (const auto& part : appends) {
    auto kind = domain::ParseStreamId(part.stream);
    if (!kind.ok()) {
      plan.bad_stream = kind.status().WithContext(EventLabel(index) + ": stream");
      break;
    }
    PreparedPart& prepared = request.parts.emplace_back();
    prepared.stream = part.stream;
    prepared.expected = part.expected;
    if (prepared.expected.kind == ExpectedVersion::Kind::kExact &&
        prepared.expected.version == 0) {
      prepared.expected = ExpectedVersion::NoStream();
    }
    prepared.events.resize(part.events.size());
    for (size_t i = 0; i < part.events.size(); ++i, ++index) {
      prepared.events[i].index = index;
      plan.jobs.push_back(
          {&part.events[i], &prepared.stream, *kind, &prepared.events[i], entries});
    }
  }
  return plan;
}

// Prepares jobs [0, n), half on `helper`'s thread; the first failure in
// submission order, or none.
RangeOutcome PrepareInTwo(const std::vector<Job>& jobs, size_t n, const StoreOptions& options,
                          SharedHelper& helper) {
  RangeOutcome halves[2];
  helper.SplitInTwo(n, [&](size_t half, size_t begin, size_t end) {
    halves[half] = PrepareRange(jobs, begin, end, options);
  });
  return std::move(halves[halves[0].failed_at == SIZE_MAX ? 1 : 0]);
}

// Prepares every job of `plan` before anything is queued.
Result<std::unique_ptr<AppendRequest>> PrepareAll(Plan plan, const StoreOptions& options,
                                                  SharedHelper* helper) {
  const std::vector<Job>& jobs = plan.jobs;
  // Events are prepared independently: a large call splits them with the
  // helper thread, so the preparation of one big append does not take a
  // single core while the writer thread waits for it.
  RangeOutcome outcome;
  if (helper != nullptr && jobs.size() >= kParallelPrepareEvents) {
    outcome = PrepareInTwo(jobs, jobs.size(), options, *helper);
  } else {
    outcome = PrepareRange(jobs, 0, jobs.size(), options);
  }
  if (outcome.failed_at != SIZE_MAX) return outcome.status;
  if (!plan.bad_stream.ok()) return plan.bad_stream;
  for (const Job& job : jobs) plan.request->total_bytes += job.out->input_bytes().size();
  return std::move(plan.request);
}

// Prepares jobs [first, jobs.size()) in chunks of kPipelineChunk on the
// calling thread and `helper`'s, each taking the next chunk not yet taken,
// and publishes to `preparation` each longer prefix of prepared events.
// Returns the first failure in submission order, or Ok. Chunks are taken in
// order, so once one fails every earlier chunk is taken: they are finished
// (one may hold an earlier failure), no later one is started.
Status PrepareChunks(const std::vector<Job>& jobs, size_t first, const StoreOptions& options,
                     SharedHelper& helper, Preparation& preparation) {
  const size_t chunks = (jobs.size() - first + kPipelineChunk - 1) / kPipelineChunk;
  std::atomic<size_t> next{0};      // the next chunk to take
  std::atomic<bool> failed{false};  // a chunk failed: take no more
  std::mutex mu;                    // guards the three below
  std::vector<bool> done(chunks, false);
  size_t prefix = 0;      // chunks [0, prefix) are done
  RangeOutcome failure;   // the failure of least index
  auto work = [&](size_t, size_t, size_t) {
    while (!failed.load(std::memory_order_acquire)) {
      const size_t c = next.fetch_add(1, std::memory_order_relaxed);
      if (c >= chunks) return;
      const size_t begin = first + c * kPipelineChunk;
      const size_t end = std::min(jobs.size(), begin + kPipelineChunk);
      RangeOutcome outcome = PrepareRange(jobs, begin, end, options);
      std::lock_guard lock(mu);
      if (outcome.failed_at != SIZE_MAX) {
        if (outcome.failed_at < failure.failed_at) failure = std::move(outcome);
        failed.store(true, std::memory_order_release);
        return;
      }
      done[c] = true;
      const size_t before = prefix;
      while (prefix < chunks && done[prefix]) ++prefix;
      if (prefix != before) {
        preparation.Publish(std::min(jobs.size(), first + prefix * kPipelineChunk));
      }
    }
  };
  helper.SplitInTwo(2, work);
  return failure.failed_at == SIZE_MAX ? Status::Ok() : std::move(failure.status);
}

}  // namespace

Result<std::unique_ptr<AppendRequest>> PrepareAppend(
    std::span<const StreamAppend> appends, const StoreOptions& options, SharedHelper* helper,
    bool entries) {
  auto plan = PlanAppend(appends, options, entries);
  if (!plan.ok()) return plan.status();
  return PrepareAll(std::move(plan).value(), options, helper);
}

Result<AppendResult> PrepareAndSubmit(std::span<const StreamAppend> appends,
                                      const StoreOptions& options, SharedHelper& helper,
                                      const EnqueueRequest& enqueue, bool entries) {
  auto planned = PlanAppend(appends, options, entries);
  if (!planned.ok()) return planned.status();
  Plan plan = std::move(planned).value();
  if (plan.jobs.size() < kPipelineEvents || !plan.bad_stream.ok()) {
    auto request = PrepareAll(std::move(plan), options, &helper);
    if (!request.ok()) return request.status();
    auto outcome = enqueue(request.value());
    if (!outcome.ok()) return outcome.status();
    return outcome->get();
  }

  // Pipelined: the caller's thread and the preparation helper prepare the
  // call chunk by chunk while the writer stages what is ready. The writer
  // sees the same events and, through WaitPrepared, the same first
  // preparation error as if everything had been prepared first.
  const std::vector<Job>& jobs = plan.jobs;
  std::unique_ptr<AppendRequest> request = std::move(plan.request);
  request->preparation = std::make_unique<Preparation>();
  Preparation& preparation = *request->preparation;
  // The group limits need the size before the canonical inputs exist: the
  // inputs' used words bound it.
  for (const Job& job : jobs) {
    request->total_bytes += job.input->words_used() * sizeof(capnp::word);
  }
  // The first chunk before queueing (an error there is found before the
  // request takes the writer's time), split in two.
  RangeOutcome first = PrepareInTwo(jobs, kPipelineChunk, options, helper);
  if (first.failed_at != SIZE_MAX) {
    preparation.Finish(first.status);
    return first.status;
  }
  preparation.Publish(kPipelineChunk);
  auto queued = enqueue(request);
  if (!queued.ok()) {
    preparation.Finish(Status::Ok());
    return queued.status();
  }
  // From here the writer owns the request; it is not destroyed before
  // Finish, and the writer reads only the events published.
  preparation.Finish(PrepareChunks(jobs, kPipelineChunk, options, helper, preparation));
  return queued->get();
}

kj::Array<capnp::word> InputWithTarget(const PreparedEvent& ev, uint64_t target) {
  kj::ArrayPtr<const capnp::word> segments[1] = {ev.input.asPtr()};
  capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1));
  capnp::MallocMessageBuilder message(static_cast<capnp::uint>(ev.input.size() + 8));
  message.setRoot(reader.getRoot<schema::EventInput>());
  (void)domain::SetReferencedPosition(message.getRoot<schema::EventInput>().getPayload(), target);
  return capnp::canonicalize(message.getRoot<schema::EventInput>().asReader());
}

void Preparation::Publish(size_t ready) {
  // Called by the caller's thread and the preparation helper (under
  // PrepareChunks' lock, so `ready_` only grows). The request, and this
  // object, outlive the last Publish: ~AppendRequest waits for Finish.
  std::lock_guard lock(mu_);
  ready_ = ready;
  cv_.notify_all();
}

void Preparation::Finish(Status status) {
  std::lock_guard lock(mu_);
  if (status.ok()) ready_ = SIZE_MAX;
  status_ = std::move(status);
  done_ = true;
  cv_.notify_all();
}

Status Preparation::WaitFor(size_t n) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return done_ || ready_ >= n; });
  return status_;
}

AppendRequest::~AppendRequest() {
  if (preparation) (void)preparation->WaitFor(SIZE_MAX);
}

Status AppendRequest::WaitPrepared(size_t n) const {
  return preparation ? preparation->WaitFor(n) : Status::Ok();
}

}  // namespace jejak::store
