#include "store/commit_group.h"

#include <algorithm>
#include <cassert>
#include <mutex>

#include <kj/exception.h>
#include <rocksdb/db.h>

#include "store/event_body.h"
#include "store/frame.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/rocks_status.h"

namespace jejak::store {

namespace {

// "stream S, event I" for a part's error: I is the part's first event (the
// one whose input carried the expectation), so that a caller can name the
// input line; just "stream S" for a part without events.
std::string PartLabel(const PreparedPart& part) {
  std::string label = "stream " + part.stream;
  if (!part.events.empty()) label += ", event " + std::to_string(part.events.front().index);
  return label;
}

Status CheckExpected(const PreparedPart& part, uint64_t current) {
  const std::string is =
      current == 0 ? "the stream does not exist"
                   : "the stream is at version " + std::to_string(current);
  switch (part.expected.kind) {
    case ExpectedVersion::Kind::kAny:
      return Status::Ok();
    case ExpectedVersion::Kind::kNoStream:
      if (current == 0) return Status::Ok();
      return Status::Conflict(PartLabel(part) + ": expected no stream, " + is);
    case ExpectedVersion::Kind::kExact:
      if (current == part.expected.version) return Status::Ok();
      return Status::Conflict(PartLabel(part) + ": expected version " +
                              std::to_string(part.expected.version) + ", " + is);
  }
  return Status::Ok();
}

Status IdConflict(const PreparedEvent& ev, uint64_t original) {
  return Status::Conflict("event " + std::to_string(ev.index) + ": event id \"" +
                          ev.event_id + "\" is already recorded at position " +
                          std::to_string(original) + " with other content");
}

}  // namespace

CommitGroup::CommitGroup(const StoreDb& db, const StreamHeadCache& cache,
                         const Head& committed, int64_t recorded_at_us,
                         size_t max_event_bytes, GroupBuffers& buffers,
                         HelperThread& helper, TreeWriter* tree)
    : db_(db),
      cache_(cache),
      committed_(committed),
      recorded_at_us_(recorded_at_us),
      max_event_bytes_(max_event_bytes),
      buffers_(buffers),
      batch_(buffers.batch),
      helper_(helper),
      tree_(tree),
      head_(committed) {
  batch_.Clear();
  buffers_.frames.clear();
  buffers_.frame_ends.clear();
}

Result<AppendResult> CommitGroup::Stage(const AppendRequest& request) {
  AppendResult result;
  // Staging adds nothing to the batch (Finish does): a failed request is
  // undone by dropping its records and its pending state.
  const Head saved = head_;
  const size_t saved_frames = buffers_.frames.size();
  const size_t saved_records = buffers_.frame_ends.size();
  Status status;
  KJ_IF_MAYBE(e, kj::runCatchingExceptions(
                     [&] { status = StageRequest(request, &result); })) {
    status = Status::InvalidArgument(std::string("cannot encode event: ") +
                                     e->getDescription().cStr());
  }
  if (!status.ok()) {
    // A preparation error of a pipelined request comes first, as if every
    // event had been prepared before staging.
    Status prepared = request.WaitPrepared(SIZE_MAX);
    if (!prepared.ok()) status = std::move(prepared);
    buffers_.frames.resize(saved_frames);
    buffers_.frame_ends.resize(saved_records);
    head_ = saved;
    DropRequestState();
    return status;
  }
  // The group's first request (often its only one) hands its maps over.
  if (streams_.empty()) {
    streams_.swap(req_streams_);
  } else {
    for (auto& [stream, meta] : req_streams_) streams_[stream] = meta;
  }
  if (ids_.empty()) {
    ids_.swap(req_ids_);
  } else {
    for (auto& [id, entry] : req_ids_) ids_[id] = entry;
  }
  events_.insert(events_.end(), req_events_.begin(), req_events_.end());
  DropRequestState();
  return result;
}

void CommitGroup::DropRequestState() {
  req_streams_.clear();
  req_ids_.clear();
  req_events_.clear();
}

Status CommitGroup::StageRequest(const AppendRequest& request,
                                 AppendResult* result) {
  result->positions.assign(request.total_events, 0);
  for (const PreparedPart& part : request.parts) {
    if (!part.events.empty()) {
      JEJAK_RETURN_IF_ERROR(request.WaitPrepared(part.events.back().index + 1));
    }
    JEJAK_RETURN_IF_ERROR(StagePart(part, result));
  }
  return Status::Ok();
}

Status CommitGroup::StagePart(const PreparedPart& part, AppendResult* result) {
  auto current = Stream(part.stream);
  if (!current.ok()) return current.status();
  StreamMeta meta = *current;

  // Classify first: the expected version applies to the part as a whole.
  size_t duplicates = 0;
  dup_positions_.assign(part.events.size(), 0);
  for (size_t i = 0; i < part.events.size(); ++i) {
    const PreparedEvent& ev = part.events[i];
    auto found = LookupId(ev.event_id);
    if (!found.ok()) return found.status();
    if (!found->has_value()) continue;
    if (ev.needs_target()) {
      // A retry of an event that named its target by id: digested as it
      // was stored, with the id resolved again (an id's position never
      // changes). An id that no longer resolves here is other content.
      auto digest = ResolvedDigest(ev, part.stream);
      if (!digest.ok() && !digest.status().IsInvalidArgument()) return digest.status();
      if (!digest.ok() || *digest != (*found)->digest) {
        return IdConflict(ev, (*found)->position);
      }
    } else if ((*found)->digest != ev.digest) {
      return IdConflict(ev, (*found)->position);
    }
    dup_positions_[i] = (*found)->position;
    ++duplicates;
  }
  if (duplicates < part.events.size() || part.events.empty()) {
    if (duplicates > 0 && part.expected.kind != ExpectedVersion::Kind::kAny) {
      return Status::Conflict(
          PartLabel(part) + ": " + std::to_string(duplicates) + " of " +
          std::to_string(part.events.size()) +
          " events are already recorded and the rest is not; a partial "
          "retry needs expected version Any");
    }
    JEJAK_RETURN_IF_ERROR(CheckExpected(part, meta.version));
  }

  for (size_t i = 0; i < part.events.size(); ++i) {
    const PreparedEvent& ev = part.events[i];
    uint64_t position = dup_positions_[i];
    uint64_t target = ev.target;
    kj::ArrayPtr<const capnp::word> input = ev.input.asPtr();
    const Hash* digest = &ev.digest;
    kj::Array<capnp::word> resolved_input;
    Hash resolved_digest;
    if (position == 0 && !ev.target_event_id.empty()) {
      // Rare (corrected / retracted / sanctionLifted naming an event id):
      // the id is resolved against everything staged before, and an input
      // without the position is stored and digested with it filled in.
      auto resolved = ResolveTarget(ev, part.stream, *this);
      if (!resolved.ok()) return resolved.status();
      target = *resolved;
      if (ev.target == 0) {
        resolved_input = InputWithTarget(ev, target);
        input = resolved_input.asPtr();
        const auto bytes = input.asBytes();
        resolved_digest = integrity::ContentDigest(
            std::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
        digest = &resolved_digest;
      }
    }
    if (position == 0) {
      // The same id earlier in this very part.
      if (auto it = req_ids_.find(ev.event_id); it != req_ids_.end()) {
        if (it->second.digest != *digest) {
          return IdConflict(ev, it->second.position);
        }
        position = it->second.position;
      }
    }
    if (position != 0) {
      result->positions[ev.index] = position;
      ++result->duplicates;
      continue;
    }
    JEJAK_RETURN_IF_ERROR(CheckStateful(ev, target, part.stream, meta.version, *this));
    JEJAK_RETURN_IF_ERROR(StageEvent(part.stream, ev, input, *digest, meta.version + 1));
    ++meta.version;
    if (meta.first_position == 0) meta.first_position = head_.position;
    meta.last_position = head_.position;
    req_streams_[part.stream] = meta;
    result->positions[ev.index] = head_.position;
  }
  return Status::Ok();
}

Result<Hash> CommitGroup::ResolvedDigest(const PreparedEvent& ev, std::string_view stream) {
  auto target = ResolveTarget(ev, stream, *this);
  if (!target.ok()) return target.status();
  const kj::Array<capnp::word> input = InputWithTarget(ev, *target);
  const auto bytes = input.asBytes();
  return integrity::ContentDigest(
      std::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
}

Status CommitGroup::StageEvent(std::string_view stream, const PreparedEvent& ev,
                               kj::ArrayPtr<const capnp::word> input, const Hash& digest,
                               uint64_t version) {
  const uint64_t position = head_.position + 1;

  // The frame is built in place: header room, then the body; Finish()
  // writes the header once the hashes are known.
  std::string& frames = buffers_.frames;
  const size_t start = frames.size();
  frames.resize(start + kFrameHeaderBytes);
  AppendEventBody(input, position, version, recorded_at_us_, &frames);
  const size_t body_bytes = frames.size() - start - kFrameHeaderBytes;
  if (body_bytes > max_event_bytes_) {
    return Status::InvalidArgument(
        "event " + std::to_string(ev.index) + ": encoded event of " +
        std::to_string(body_bytes) + " bytes exceeds max_event_bytes " +
        std::to_string(max_event_bytes_));
  }
  buffers_.frame_ends.push_back(frames.size());

  head_.position = position;
  head_.recorded_at_us = recorded_at_us_;
  const bool entry_prepared = ev.entry_prepared && input.begin() == ev.input.begin();
  req_events_.push_back({stream, version, ev.kind, ev.employment,
                         entry_prepared ? &ev : nullptr});
  req_ids_[ev.event_id] = {position, digest};
  return Status::Ok();
}

Result<StreamMeta> CommitGroup::Stream(std::string_view stream) {
  if (auto it = req_streams_.find(stream); it != req_streams_.end()) {
    return it->second;
  }
  if (auto it = streams_.find(stream); it != streams_.end()) return it->second;
  // Heterogeneous lookup is C++20 but needs a transparent hash; a temporary
  // string is fine on this path (at most once per stream per group).
  if (auto it = cache_.find(std::string(stream)); it != cache_.end()) {
    return it->second;
  }
  const std::string key = StreamMetaKey(stream);
  rocksdb::Status s = db_.db->Get(rocksdb::ReadOptions(), db_.streams, key, &value_);
  if (s.IsNotFound()) return StreamMeta{};
  if (!s.ok()) return FromRocks(s, "reading stream " + std::string(stream));
  StreamMeta meta;
  if (!DecodeStreamMeta(value_, &meta)) {
    return Status::Corruption("stream metadata of " + std::string(stream) +
                              ": " + std::to_string(value_.size()) + " bytes");
  }
  return meta;
}

Result<std::optional<CommitGroup::IdEntry>> CommitGroup::LookupId(
    std::string_view event_id) {
  if (auto it = req_ids_.find(event_id); it != req_ids_.end()) {
    return std::optional<IdEntry>(it->second);
  }
  if (auto it = ids_.find(event_id); it != ids_.end()) {
    return std::optional<IdEntry>(it->second);
  }
  rocksdb::Status s =
      db_.db->Get(rocksdb::ReadOptions(), db_.event_ids, event_id, &value_);
  if (s.IsNotFound()) return std::optional<IdEntry>();
  if (!s.ok()) {
    return FromRocks(s, "reading event id \"" + std::string(event_id) + "\"");
  }
  IdEntry entry;
  if (!DecodeEventIdValue(value_, &entry.position, &entry.digest)) {
    return Status::Corruption("event id index entry of \"" +
                              std::string(event_id) + "\": " +
                              std::to_string(value_.size()) + " bytes");
  }
  return std::optional<IdEntry>(entry);
}

Result<std::optional<TargetInfo>> CommitGroup::EventAt(uint64_t position) {
  if (position == 0 || position > head_.position) {
    return std::optional<TargetInfo>();
  }
  if (position > committed_.position) {
    size_t i = position - committed_.position - 1;
    const PendingEvent& p =
        i < events_.size() ? events_[i] : req_events_[i - events_.size()];
    return std::optional<TargetInfo>(TargetInfo{std::string(p.stream), p.kind, p.employment});
  }
  const PositionKey key(position);
  rocksdb::Status s =
      db_.db->Get(rocksdb::ReadOptions(), db_.log, key.view(), &value_);
  if (s.IsNotFound()) return std::optional<TargetInfo>();
  if (!s.ok()) {
    return FromRocks(s, "reading log position " + std::to_string(position));
  }
  JEJAK_RETURN_IF_ERROR(target_.Decode(position, value_));
  TargetInfo info;
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
                const auto ev = target_.event();
                const auto stream = ev.getStream();
                info.stream.assign(stream.cStr(), stream.size());
                const auto payload = ev.getPayload();
                info.kind = payload.which();
                if (info.kind == schema::Payload::RECRUITED) {
                  info.employment = payload.getRecruited().getEmploymentType();
                }
              })) {
    return Status::Corruption("log record at position " +
                              std::to_string(position) + ": " +
                              e->getDescription().cStr());
  }
  return std::optional<TargetInfo>(std::move(info));
}

Result<std::optional<uint64_t>> CommitGroup::PositionOfEventId(std::string_view event_id) {
  auto found = LookupId(event_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return std::optional<uint64_t>();
  return std::optional<uint64_t>((*found)->position);
}

Status CommitGroup::HashRecords() {
  const std::string& frames = buffers_.frames;
  const std::vector<size_t>& ends = buffers_.frame_ends;
  const size_t n = ends.size();
  // Leaf hashes are independent of each other (BLAKE2b of ~600 bytes costs
  // about what RocksDB's write of the record does): a large group computes
  // them on two cores, with the records' Merkle leaves (SHA-256 of the
  // entry; an entry with personal fields decodes the body and draws a
  // salt). The chain is serial, and cheap (64 bytes each).
  std::vector<Hash>& leaves = buffers_.leaves;
  std::vector<TreeLeaf>& tree_leaves = buffers_.tree_leaves;
  std::vector<Hash>& tree_hashes = buffers_.tree_hashes;
  leaves.resize(n);
  tree_leaves.resize(n);
  tree_hashes.resize(n);
  std::mutex error_mu;
  Status& error = buffers_.tree_error;
  error = Status::Ok();
  auto hash_leaves = [&](size_t, size_t begin, size_t end) {
    std::string public_body;
    for (size_t i = begin; i < end; ++i) {
      const size_t start = i == 0 ? 0 : ends[i - 1];
      const std::string_view b = std::string_view(frames).substr(
          start + kFrameHeaderBytes, ends[i] - start - kFrameHeaderBytes);
      leaves[i] = integrity::ChainLeafHash(b);
      if (tree_ == nullptr) continue;
      auto leaf = TreeLeafOf(i, b, &public_body);
      if (leaf.ok()) {
        tree_leaves[i] = std::move(leaf).value();
        tree_hashes[i] = tree_leaves[i].hash;
        continue;
      }
      std::lock_guard lock(error_mu);
      if (error.ok()) error = leaf.status();
    }
  };
  if (n >= kParallelHashEvents) {
    helper_.SplitInTwo(n, hash_leaves);
  } else {
    hash_leaves(0, 0, n);
  }
  return error;
}

Result<TreeLeaf> CommitGroup::TreeLeafOf(size_t i, std::string_view body,
                                         std::string* public_body) const {
  const PendingEvent& e = events_[i];
  const uint64_t position = committed_.position + 1 + i;
  if (e.entry == nullptr) return NewTreeLeaf(position, body, e.kind);
  if (e.entry->public_input.size() == 0) return PublicTreeLeaf(body);
  public_body->clear();
  KJ_IF_MAYBE(ex, kj::runCatchingExceptions([&] {
                AppendEventBody(e.entry->public_input, position, e.version,
                                recorded_at_us_, public_body);
              })) {
    return Status::Corruption("public body of position " + std::to_string(position) +
                              ": " + ex->getDescription().cStr());
  }
#ifndef NDEBUG
  std::string reference;
  auto personal = integrity::RedactPersonalFields(body, &reference);
  assert(personal.ok() && *personal && reference == *public_body);
#endif
  return PersonalTreeLeaf(body, *public_body, e.entry->salt);
}

void CommitGroup::PutRecords() {
  std::string& frames = buffers_.frames;
  const std::vector<size_t>& ends = buffers_.frame_ends;
  const std::vector<Hash>& leaves = buffers_.leaves;
  Hash chain = committed_.chain;
  for (size_t i = 0; i < ends.size(); ++i) {
    const size_t start = i == 0 ? 0 : ends[i - 1];
    const uint64_t position = committed_.position + 1 + i;
    chain = integrity::ChainHash(chain, leaves[i]);
    PutFrameHeader(leaves[i], chain, ends[i] - start - kFrameHeaderBytes,
                   frames.data() + start);
    batch_.Put(db_.log, PositionKey(position).view(),
               std::string_view(frames).substr(start, ends[i] - start));
  }
  head_.chain = chain;
  if (tree_ == nullptr) return;
  const std::vector<TreeLeaf>& tree_leaves = buffers_.tree_leaves;
  for (size_t i = 0; i < tree_leaves.size(); ++i) {
    if (!tree_leaves[i].salt) continue;
    const integrity::Salt& salt = *tree_leaves[i].salt;
    batch_.Put(db_.integrity, SaltKey(committed_.position + 1 + i),
               rocksdb::Slice(reinterpret_cast<const char*>(salt.data()), salt.size()));
  }
}

void CommitGroup::PutIndexes() {
  // The streams family's keys (many streams) are put in key order: each
  // skip-list insert starts next to the previous one instead of searching
  // from the top. The event ids go in any order: their memtable is a hash
  // (ledger_db.cc), where order changes nothing. Order inside a WriteBatch
  // has no other effect (every key occurs once).
  std::vector<std::pair<std::string_view, const StreamMeta*>> metas;
  metas.reserve(streams_.size());
  for (const auto& [stream, meta] : streams_) metas.emplace_back(stream, &meta);
  std::sort(metas.begin(), metas.end());
  for (const auto& [stream, meta] : metas) {
    batch_.Put(db_.streams, StreamMetaKey(stream), EncodeStreamMeta(*meta));
  }
  // Stream version keys ('v' stream 0x00 version) sort by (stream,
  // version); a part's events are a run of consecutive versions already, so
  // the runs are sorted (by stream, then first version).
  struct Run {
    std::string_view stream;
    uint64_t version;
    size_t first, count;
    bool operator<(const Run& o) const {
      return stream != o.stream ? stream < o.stream : version < o.version;
    }
  };
  std::vector<Run> runs;
  for (size_t i = 0; i < events_.size(); ++i) {
    const PendingEvent& e = events_[i];
    if (!runs.empty() && runs.back().stream == e.stream &&
        runs.back().version + runs.back().count == e.version) {
      ++runs.back().count;
    } else {
      runs.push_back({e.stream, e.version, i, 1});
    }
  }
  std::sort(runs.begin(), runs.end());
  for (const Run& run : runs) {
    for (size_t i = run.first; i < run.first + run.count; ++i) {
      StreamVersionKey(run.stream, events_[i].version, &key_);
      batch_.Put(db_.streams, key_, PositionKey(committed_.position + 1 + i).view());
    }
  }
  char id_value[kEventIdValueBytes];
  for (const auto& [id, entry] : ids_) {
    PutEventIdValue(entry.position, entry.digest, id_value);
    batch_.Put(db_.event_ids, id, std::string_view(id_value, sizeof id_value));
  }
}

Result<rocksdb::WriteBatch*> CommitGroup::Finish() {
  JEJAK_RETURN_IF_ERROR(HashRecords());
  // The tree's node hashes (about one per record) run beside the puts of
  // the records and indexes, which do not depend on them; the tiles they
  // changed, the tree record and the head (which holds the root) follow.
  auto put = [&] {
    PutRecords();
    PutIndexes();
  };
  if (tree_ == nullptr) {
    put();
  } else {
    auto grow = [&] { tree_->Grow(buffers_.tree_hashes); };
    if (staged_events() >= kParallelHashEvents) {
      helper_.RunBeside(put, grow);
    } else {
      put();
      grow();
    }
    tree_->PutChanges(batch_);
    head_.tree_root = tree_->root();
  }
  if (head_.position != committed_.position) {
    batch_.Put(db_.integrity, kHeadKey, EncodeHead(head_));
  }
  return &batch_;
}

void CommitGroup::Publish(StreamHeadCache& cache) const {
  for (const auto& [stream, meta] : streams_) cache[std::string(stream)] = meta;
}

}  // namespace jejak::store
