// CommitGroup: the writer's pending state for one group commit.
//
// The writer stages the requests of a group one after the other. Each
// request is checked against the committed state plus everything staged
// before it (next position, chain head, stream heads, event ids, kinds of
// pending events): idempotency, expected version, stateful checks, then
// positions and versions are assigned and the records encoded, hashed and
// added to the group's single WriteBatch. A request that fails leaves no
// trace (WriteBatch save point; its effects are staged apart and merged
// only on success). Finish() adds the stream metadata and the head.
//
// Records are hashed at Finish(), not while staging: staging builds each
// record's body (which needs its position, version and recorded_at) into
// the group's frame buffer; Finish() computes the leaf hashes — on the
// writer thread and the writer's helper thread when the group has
// kParallelHashEvents records or more —, then adds the framed records (with
// their chain hashes, in position order) and the index entries to the
// batch while the helper appends the Merkle leaves to the tree.
//
// Used only by the writer thread. Keys of the pending maps view strings
// owned by the staged requests, which must outlive the group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <capnp/common.h>
#include <rocksdb/write_batch.h>

#include "jejak/store/recorded_event.h"
#include "jejak/store/types.h"
#include "store/append_checks.h"
#include "store/append_request.h"
#include "store/keys.h"
#include "store/split_work.h"
#include "store/store_db.h"
#include "store/tree_leaf.h"
#include "store/tree_writer.h"

namespace jejak::store {

// A group of at least this many records has its leaf hashes computed by
// the writer thread and one helper thread, half each.
inline constexpr size_t kParallelHashEvents = 64;

// The buffers a CommitGroup fills, kept by the writer across groups so that
// their memory is reused rather than allocated (and page-faulted in) for
// every group.
struct GroupBuffers {
  rocksdb::WriteBatch batch;
  // The group's log records in position order, each framed (header room,
  // then the body); the header is written at Finish().
  std::string frames;
  std::vector<size_t> frame_ends;  // end offset in `frames` of each record
  std::vector<Hash> leaves;
  std::vector<TreeLeaf> tree_leaves;  // Merkle leaves (and salts), same order
  std::vector<Hash> tree_hashes;
  Status tree_error;  // the first record whose entry could not be built
};

// Committed stream heads, as far as the writer has them in memory. Never
// authoritative: a miss reads the 'm' key.
using StreamHeadCache = std::unordered_map<std::string, StreamMeta>;

class CommitGroup final : public CheckContext {
 public:
  // `committed` is the head before the group; every event of the group is
  // recorded at `recorded_at_us`. `buffers` are the writer's, reused across
  // groups: this clears them, and Finish() hands back the filled batch.
  // `helper` hashes half the records of a large group. `tree` is the
  // Merkle tree of the committed head's size; Finish appends to it. A null
  // `tree` writes no tree (only a benchmark's baseline does: such a ledger
  // does not open again).
  CommitGroup(const StoreDb& db, const StreamHeadCache& cache,
              const Head& committed, int64_t recorded_at_us,
              size_t max_event_bytes, GroupBuffers& buffers, HelperThread& helper,
              TreeWriter* tree);

  // Stages `request`. On success returns its positions and duplicate count
  // (last_position is filled at commit); on error nothing of it is staged.
  [[nodiscard]] Result<AppendResult> Stage(const AppendRequest& request);

  // Hashes the staged records and adds them, then the index entries
  // (stream metadata and versions in key order, so that the skip-list
  // inserts walk forward; event ids in any order, their memtable is a
  // hash), the Merkle tree's changed tiles, the salts of entries with
  // personal fields, the tree record and the head record; returns the
  // batch to write. Call once, after the last Stage. An error (a record
  // this group built whose entry cannot be made: a bug) leaves the tree
  // advanced: the writer must fail the store.
  [[nodiscard]] Result<rocksdb::WriteBatch*> Finish();

  // The head after every staged event; its chain hash only after Finish().
  const Head& head() const { return head_; }
  // Number of events staged (excluding duplicates).
  uint64_t staged_events() const { return head_.position - committed_.position; }

  // After a successful write: copies the group's stream heads into `cache`.
  void Publish(StreamHeadCache& cache) const;

  // CheckContext.
  Result<StreamMeta> Stream(std::string_view stream) override;
  Result<std::optional<TargetInfo>> EventAt(uint64_t position) override;
  Result<std::optional<uint64_t>> PositionOfEventId(std::string_view event_id) override;

 private:
  struct IdEntry {
    uint64_t position = 0;
    Hash digest{};
  };
  struct PendingEvent {
    std::string_view stream;
    uint64_t version = 0;
    schema::Payload::Which kind = schema::Payload::UNSPECIFIED;
    schema::EmploymentType employment = schema::EmploymentType::UNSPECIFIED;  // recruited
    // The prepared event when its Merkle entry was prepared from the input
    // stored (PreparedEvent::entry_prepared), else null.
    const PreparedEvent* entry = nullptr;
  };

  Status StageRequest(const AppendRequest& request, AppendResult* result);
  Status StagePart(const PreparedPart& part, AppendResult* result);
  // `input` and `digest` are ev's, or for an event that named its target
  // by event id only, those of its input with the position filled in.
  Status StageEvent(std::string_view stream, const PreparedEvent& ev,
                    kj::ArrayPtr<const capnp::word> input, const Hash& digest,
                    uint64_t version);
  // The digest of `ev` (which needs_target()) as it would be stored: of its
  // input with the target's position filled in.
  Result<Hash> ResolvedDigest(const PreparedEvent& ev, std::string_view stream);
  Result<std::optional<IdEntry>> LookupId(std::string_view event_id);
  void DropRequestState();
  // Computes every staged record's chain leaf hash and Merkle leaf (and
  // salt). Corruption if an entry cannot be built.
  Status HashRecords();
  // The Merkle leaf of staged record `i` (0-based in the group) whose body
  // is `body`; `public_body` is scratch space.
  Result<TreeLeaf> TreeLeafOf(size_t i, std::string_view body, std::string* public_body) const;
  // Chains, frames and adds to the batch every staged record in position
  // order, then the salts; sets head_.chain.
  void PutRecords();
  // Adds the stream metadata, version keys and event ids to the batch.
  void PutIndexes();

  const StoreDb& db_;
  const StreamHeadCache& cache_;
  const Head committed_;
  const int64_t recorded_at_us_;
  const size_t max_event_bytes_;
  GroupBuffers& buffers_;
  rocksdb::WriteBatch& batch_;  // buffers_.batch
  HelperThread& helper_;
  TreeWriter* tree_;
  Head head_;

  // Pending state of the requests staged so far.
  std::unordered_map<std::string_view, StreamMeta> streams_;
  std::unordered_map<std::string_view, IdEntry> ids_;
  std::vector<PendingEvent> events_;  // positions committed_.position + 1 ...
  // Pending state of the request being staged; follows the above.
  std::unordered_map<std::string_view, StreamMeta> req_streams_;
  std::unordered_map<std::string_view, IdEntry> req_ids_;
  std::vector<PendingEvent> req_events_;

  // Reused buffers.
  std::vector<uint64_t> dup_positions_;
  std::string key_;
  std::string value_;
  RecordedEvent target_;
};

}  // namespace jejak::store
