// The projector against a real store: incremental == rebuild byte for
// byte, crash recovery, reads, and as-of == projection.
#include <gtest/gtest.h>
#include <kj/exception.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "store/projection_access.h"
#include "jejak/projection/fold.h"
#include "projection/projector.h"
#include "projection/state_codec.h"
#include "projection/ledger_gen.h"
#include "projection/store_fixture.h"
#include "store/frame.h"
#include "store/raw_db.h"

namespace jejak::projection {
namespace {

using testing::GenOptions;
using testing::LedgerGen;

class ProjectorTest : public testing::StoreFixture {};

TEST_F(ProjectorTest, IncrementalProjectionEqualsRebuildByteForByte) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    Reopen();
    auto projector = NewProjector(/*batch_events=*/1 + seed * 5);
    ASSERT_NE(projector, nullptr);
    ASSERT_TRUE(projector->Rebuild().ok());  // start from an empty family
    GenOptions o;
    o.seed = seed;
    o.employees = 40;
    o.amendment_percent = 8;
    LedgerGen gen(o);
    int calls = 0;
    ASSERT_TRUE(gen.Run(*store_, 1500, [&](uint64_t) {
                     if (++calls % (1 + seed) == 0) {
                       ASSERT_TRUE(projector->CatchUp().ok());
                     }
                   }).ok());
    ASSERT_TRUE(projector->CatchUp().ok());
    // The ledger has what the test is about: amendments and backdated events.
    int amendments = 0, backdated = 0;
    std::map<std::string, uint32_t> last_tmt;
    for (auto it = store_->ReadLog(); it->Valid(); it->Next()) {
      auto ev = it->event().event();
      auto p = ev.getPayload();
      amendments += p.isCorrected() || p.isRetracted();
      uint32_t& last = last_tmt[ev.getStream()];
      backdated += ev.getEffectiveDate().getYyyymmdd() < last;
      last = std::max(last, ev.getEffectiveDate().getYyyymmdd());
    }
    EXPECT_GT(amendments, 50);
    EXPECT_GT(backdated, 300);
    auto incremental = Dump(*projector);
    ASSERT_EQ(*projector->Checkpoint(), store_->GetHead().position);

    ASSERT_TRUE(projector->Rebuild().ok());
    auto rebuilt = Dump(*projector);
    ASSERT_EQ(incremental.size(), rebuilt.size());
    for (size_t i = 0; i < rebuilt.size(); ++i) {
      ASSERT_EQ(incremental[i].first, rebuilt[i].first) << i;
      ASSERT_EQ(incremental[i].second, rebuilt[i].second) << "key " << rebuilt[i].first;
    }
  }
}

// CatchUp keeps its batch (and the states it decoded) between calls; with
// the log read and decoded on the read-ahead thread for every call
// (read_ahead_events 1), the kept batch's prefetch ring and states stay
// right across calls: the result is the rebuild's, byte for byte.
TEST_F(ProjectorTest, CatchUpsWithTheLogReadOnAThreadAndAKeptBatchEqualRebuild) {
  ProjectorOptions po;
  po.batch_events = 37;
  po.cached_states = 16;  // fewer than the employees: states are dropped and reread
  po.max_batch_states = 64;
  po.read_ahead_events = 1;
  auto opened = Projector::Open(*store_, po);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto projector = std::move(opened).value();
  ASSERT_TRUE(projector->Rebuild().ok());  // empty: every later call is incremental
  GenOptions o;
  o.seed = 7;
  o.employees = 60;
  o.amendment_percent = 8;
  LedgerGen gen(o);
  // A call every 1 to 30 appends (of a few events each): short ranges, and
  // ones longer than a batch.
  int calls = 0, until = 1;
  ASSERT_TRUE(gen.Run(*store_, 2500, [&](uint64_t) {
                   if (--until > 0) return;
                   ASSERT_TRUE(projector->CatchUp().ok());
                   until = 1 + (++calls * 37) % 30;
                 }).ok());
  EXPECT_GT(calls, 40);
  ASSERT_TRUE(projector->CatchUp().ok());
  ASSERT_EQ(*projector->Checkpoint(), store_->GetHead().position);
  const auto incremental = Dump(*projector);

  ASSERT_TRUE(projector->Rebuild().ok());
  const auto rebuilt = Dump(*projector);
  ASSERT_EQ(incremental.size(), rebuilt.size());
  for (size_t i = 0; i < rebuilt.size(); ++i) {
    ASSERT_EQ(incremental[i].first, rebuilt[i].first) << i;
    ASSERT_EQ(incremental[i].second, rebuilt[i].second) << "key " << rebuilt[i].first;
  }
}

TEST_F(ProjectorTest, AppendsNotYetProjectedAreCaughtUpAfterAReopen) {
  LedgerGen gen(GenOptions{});
  {
    auto projector = NewProjector(50);
    ASSERT_TRUE(gen.Run(*store_, 400).ok());
    ASSERT_TRUE(projector->CatchUp().ok());
    // The "crash": events reach the log, the projection never hears of them.
    ASSERT_TRUE(gen.Run(*store_, 300).ok());
    EXPECT_LT(*projector->Checkpoint(), store_->GetHead().position);
  }
  Reopen();
  auto projector = NewProjector(50);
  ASSERT_TRUE(projector->CatchUp().ok());
  EXPECT_EQ(*projector->Checkpoint(), store_->GetHead().position);
  auto recovered = Dump(*projector);
  ASSERT_TRUE(projector->Rebuild().ok());
  EXPECT_EQ(recovered, Dump(*projector));
}

TEST_F(ProjectorTest, GetProfileCatchesUpToTheRequestedPositionAndUnknownIsNotFound) {
  LedgerGen gen(GenOptions{});
  ASSERT_TRUE(gen.Run(*store_, 200).ok());
  auto projector = NewProjector();
  const std::string nip = gen.Nips().front();
  auto p = projector->GetProfile(nip, store_->GetHead().position);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->state.nip, nip);
  EXPECT_EQ(p->known_position, store_->GetHead().position);
  EXPECT_TRUE(projector->GetProfile("199001012015031999").status().IsNotFound());
  EXPECT_TRUE(projector->GetProfile(nip, store_->GetHead().position + 5, 10)
                  .status()
                  .IsUnavailable());
}

TEST_F(ProjectorTest, AsOfWithNoCutEqualsTheProjectedProfile) {
  GenOptions o;
  o.amendment_percent = 10;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(*store_, 800).ok());
  auto projector = NewProjector();
  ASSERT_TRUE(projector->CatchUp().ok());
  for (const auto& nip : gen.Nips()) {
    auto live = projector->GetProfile(nip);
    ASSERT_TRUE(live.ok());
    auto as_of = ProfileAsOf(*store_, nip, Cut{});
    ASSERT_TRUE(as_of.ok());
    // A trailing amendment advances the projection's last_position only.
    as_of->state.last_position = live->state.last_position;
    EXPECT_EQ(EncodeProfile(as_of->state), EncodeProfile(live->state)) << nip;
    EXPECT_EQ(as_of->position.has_value(), live->position.has_value()) << nip;
  }
}


// Rebuild batches are written as SST files and ingested; small batches make
// later files overwrite profiles and delete index entries of earlier ones,
// several encode threads shard each batch, and the log is read ahead.
TEST_F(ProjectorTest, RebuildInSmallIngestedBatchesEqualsTheIncrementalProjection) {
  GenOptions o;
  o.employees = 300;
  o.amendment_percent = 8;
  LedgerGen gen(o);
  // Fewer states kept between catch-ups than employees: the cache of
  // decoded states overflows and is dropped now and then.
  ProjectorOptions io;
  io.batch_events = 97;
  io.cached_states = 25;
  auto opened = Projector::Open(*store_, io);
  ASSERT_TRUE(opened.ok());
  auto incremental = std::move(opened).value();
  ASSERT_TRUE(gen.Run(*store_, 4000, [&](uint64_t head) {
                   if (head % 5 == 0) {
                     ASSERT_TRUE(incremental->CatchUp().ok());
                   }
                 }).ok());
  ASSERT_TRUE(incremental->CatchUp().ok());
  const auto expected = Dump(*incremental);
  incremental.reset();

  struct Config {
    size_t threads;
    size_t batch_events;
    size_t amendment_bytes;
    uint64_t pass_events;
    size_t copy_bytes = size_t{256} << 20;
  };
  // 1 thread: amended employees are refolded in one pass over the log that
  // holds none of their events (the rebuild holds every amendment). 3
  // threads: the rebuild stops holding amendments after the first few and
  // refolds in many passes of a few streams each. Batches of 60: the first
  // commits refold in one pass, the later ones (past the limit) collect.
  // Copies held up to 8 KB: many copy files ingested within each batch.
  for (const Config& c : {Config{1, 700, size_t{256} << 20, 300'000}, Config{3, 700, 4096, 40},
                          Config{1, 60, 24'000, 40}, Config{1, 700, 4096, 40, 8192}}) {
    SCOPED_TRACE(::testing::Message() << c.threads << " threads, batches of " << c.batch_events
                                    << ", " << c.amendment_bytes << " amendment bytes, "
                                    << c.copy_bytes << " copy bytes");
    const size_t threads = c.threads;
    ProjectorOptions po;
    po.rebuild_batch_events = c.batch_events;
    po.max_batch_states = 130;
    po.encode_threads = threads;
    po.read_ahead_events = threads == 1 ? UINT64_MAX : 1;  // the log read on a helper thread
    po.refold_pass_events = c.pass_events;
    po.rebuild_amendment_bytes = c.amendment_bytes;
    po.rebuild_copy_bytes = c.copy_bytes;
    auto rebuilt = Projector::Open(*store_, po);
    ASSERT_TRUE(rebuilt.ok());
    // Files left behind by a crash during an earlier rebuild (index and
    // profile files) are overwritten.
    const std::string dir = store::RocksOf(*store_)->GetName();
    const std::string files =
        dir + "/proj-profile-rebuild-" + GenerationName("profile", (*rebuilt)->Pin()->number() + 1);
    { std::ofstream(files + "-0.sst.tmp") << "junk"; }
    { std::ofstream(files + "-p0.sst.tmp") << "junk"; }
    ASSERT_TRUE((*rebuilt)->Rebuild().ok());
    EXPECT_EQ(expected, Dump(**rebuilt));
    // Every file written was ingested (moved in): none is left behind.
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      EXPECT_FALSE(entry.path().string().ends_with(".sst.tmp")) << entry.path();
    }
  }
}

// A damaged body that the log's decoding accepts, in an event whose
// payload the rebuild first reads in a commit's refold (its employee was
// amended earlier in the batch, so the fold skipped it): the rebuild fails
// with Corruption naming the batch; it does not abort the process.
TEST_F(ProjectorTest, ADamagedEventFirstReadInARefoldIsCorruption) {
  GenOptions o;
  o.employees = 20;
  o.amendment_percent = 15;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(*store_, 600).ok());
  // The first event of an employee after an amendment of its stream, and
  // its stored bytes damaged so that Decode, the stream and the payload
  // kind still read but a deep read throws.
  // Candidates: each employee's first event after an amendment of its stream.
  std::vector<std::pair<uint64_t, std::string>> candidates;
  {
    std::set<std::string> amended, taken;
    for (auto it = store_->ReadLog(); it->Valid(); it->Next()) {
      auto ev = it->event().event();
      const std::string stream = ev.getStream();
      if (!stream.starts_with("emp/")) continue;
      if (ev.getPayload().isCorrected() || ev.getPayload().isRetracted()) {
        amended.insert(stream);
      } else if (amended.contains(stream) && taken.insert(stream).second) {
        candidates.emplace_back(it->event().position(), stream);
      }
    }
  }
  // One of them with its stored bytes damaged so that Decode, the stream
  // and the payload kind still read but folding it throws.
  uint64_t target = 0;
  std::string damaged;
  store_.reset();  // the stored bytes, read and written directly
  {
    store::testing::RawDb raw(dir_ + "/ledger");
    for (const auto& [position, stream] : candidates) {
      const std::string stored = raw.Get("log", store::testing::LogKey(position));
      // After the frame header and the body's root pointer.
      for (size_t at = store::kFrameHeaderBytes + 8; at < stored.size() && target == 0; ++at) {
        std::string bad = stored;
        bad[at] = static_cast<char>(0xff);
        store::RecordedEvent decoded;
        if (!decoded.Decode(position, bad).ok()) continue;
        bool shallow = false, deep_throws = false;
        try {
          auto e = decoded.event();
          shallow = e.getStream() == stream.c_str() && !e.getPayload().isCorrected() &&
                    !e.getPayload().isRetracted();
          ProfileState folded;
          ApplyProfile(folded, e);  // what the refold reads of it
        } catch (const kj::Exception&) {
          deep_throws = shallow;
        }
        if (deep_throws) {
          target = position;
          damaged = bad;
        }
      }
      if (target != 0) break;
    }
    if (target != 0) raw.Put("log", store::testing::LogKey(target), damaged);
  }
  Open();
  ASSERT_NE(target, 0u) << "no damageable event found";
  ProjectorOptions po;
  po.read_ahead_events = UINT64_MAX;
  auto projector = Projector::Open(*store_, po);
  ASSERT_TRUE(projector.ok());
  const Status rebuilt = (*projector)->Rebuild();
  EXPECT_TRUE(rebuilt.IsCorruption()) << rebuilt.ToString();
  // Found where the event is copied (career_events.h: "projecting position
  // N") or, in a generation without copies, refolded ("projecting up to").
  EXPECT_NE(rebuilt.ToString().find("projecting "), std::string::npos) << rebuilt.ToString();
}

// Ingested rebuild batches are durable with their checkpoint: after a
// reopen (no flush, no WAL for projection writes) the family is whole.
// A crash during a rebuild leaves its unfinished files; the next open of the
// projection removes them (nothing else may be writing them then).
TEST_F(ProjectorTest, OpenRemovesTheFilesOfAnInterruptedRebuild) {
  const std::string dir = store::RocksOf(*store_)->GetName();
  for (const char* name : {"proj-profile-rebuild-0.sst.tmp", "proj-profile-rebuild-1.sst.tmp",
                           "proj-profile-rebuild-keep.txt"}) {
    std::ofstream(dir + "/" + name) << "junk";
  }
  auto projector = NewProjector();
  ASSERT_NE(projector, nullptr);
  EXPECT_FALSE(std::filesystem::exists(dir + "/proj-profile-rebuild-0.sst.tmp"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/proj-profile-rebuild-1.sst.tmp"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/proj-profile-rebuild-keep.txt"));  // not ours
}

TEST_F(ProjectorTest, RebuiltStateAndCheckpointSurviveAReopenTogether) {
  LedgerGen gen(GenOptions{});
  ASSERT_TRUE(gen.Run(*store_, 900).ok());
  std::vector<std::pair<std::string, std::string>> rebuilt;
  {
    ProjectorOptions po;
    po.rebuild_batch_events = 200;
    auto projector = Projector::Open(*store_, po);
    ASSERT_TRUE(projector.ok());
    ASSERT_TRUE((*projector)->Rebuild().ok());
    rebuilt = Dump(**projector);
  }
  Reopen();
  auto projector = NewProjector();
  EXPECT_EQ(*projector->Checkpoint(), store_->GetHead().position);
  EXPECT_EQ(rebuilt, Dump(*projector));
  ASSERT_TRUE(projector->CatchUp().ok());  // nothing to do
  EXPECT_EQ(rebuilt, Dump(*projector));
}

}  // namespace
}  // namespace jejak::projection
