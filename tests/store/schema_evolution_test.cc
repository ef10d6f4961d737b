// Old records stay readable: a record written with an older, smaller schema
// (testdata/event_v0.capnp) reads through the current schema with newer
// fields at their defaults; and a record written today (golden file) must
// decode to the same values forever.
//
// Regenerate the golden file (only when the format deliberately changes,
// which it must not): JEJAK_WRITE_GOLDEN=1 store_schema_evolution_test
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <capnp/message.h>

#include "event_v0.capnp.h"
#include "jejak/store/event_store.h"
#include "store/event_digest.h"
#include "store/frame.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

namespace v0 = jejak::testdata::v0;

constexpr int64_t kRecordedAt = 1'500'000'000'000'000;  // 2017-07-14
const char kGoldenPath[] = JEJAK_STORE_TESTDATA "/golden_v1_record.bin";

std::string CanonicalBytes(capnp::MessageBuilder& message) {
  const kj::Array<capnp::word> words =
      capnp::canonicalize(message.getRoot<v0::Event>().asReader());
  return std::string(reinterpret_cast<const char*>(words.begin()),
                     words.size() * sizeof(capnp::word));
}

// A v0 record of employee 1: recruited (version 1) or a rating (version 2).
std::string V0Body(uint64_t position, bool rating) {
  capnp::MallocMessageBuilder message;
  auto ev = message.initRoot<v0::Event>();
  ev.setPosition(position);
  ev.setStream(testing::EmpStream(1));
  ev.setVersion(position);
  ev.setEventId("old-" + std::to_string(position));
  ev.setSchemaVersion(1);
  ev.initRecordedAt().setUnixMicros(kRecordedAt + static_cast<int64_t>(position));
  ev.initEffectiveDate().setYyyymmdd(rating ? 20161231 : 20150301);
  ev.initActor().setUser("operator-lama");
  ev.getActor().setRole("hr");
  ev.initSource().setDecreeNumber("813/2015");
  if (rating) {
    auto r = ev.initPayload().initPerformanceRated();
    r.setYear(2016);
    r.setWorkResult(v0::Rating::ABOVE);
    r.setBehaviour(v0::Rating::MEETS);
    r.setPredikat(v0::PredikatKinerja::BAIK);
  } else {
    auto r = ev.initPayload().initRecruited();
    r.setNip(testing::Nip(1));
    r.setName("Ahmad Lama");
    r.initBirthDate().setYyyymmdd(19900101);
    r.setGender(v0::Gender::MALE);
    r.setEducation(v0::EducationLevel::S1);
  }
  return CanonicalBytes(message);
}

// Writes `bodies` (positions 1..n of employee 1) into an empty ledger as the
// old build would have: a v1 ledger (no Merkle tree), framed, chained,
// indexed, with the head record; then upgrades it.
void PlantLedger(const std::string& path, const std::vector<std::string>& bodies) {
  testing::OpenOrDie(testing::TestOptions(), path).reset();  // create it
  {
  testing::RawDb raw(path);
  raw.Put(rocksdb::kDefaultColumnFamilyName, kFormatKey, kFormatValueV1);
  Hash chain{};
  StreamMeta meta;
  for (size_t i = 0; i < bodies.size(); ++i) {
    const uint64_t position = i + 1;
    const Hash leaf = integrity::ChainLeafHash(bodies[i]);
    chain = integrity::ChainHash(chain, leaf);
    std::string value;
    AppendFrame(leaf, chain, bodies[i], &value);
    raw.Put(kFamilyLog, testing::LogKey(position), value);
    std::string key;
    StreamVersionKey(testing::EmpStream(1), position, &key);
    raw.Put(kFamilyStreams, key, testing::LogKey(position));
    RecordedEvent rec;
    ASSERT_TRUE(rec.Decode(position, value).ok());
    raw.Put(kFamilyEventIds, "old-" + std::to_string(position),
            EncodeEventIdValue(position, EventContentDigest(rec.event())));
    meta = {position, 1, position};
  }
  raw.Put(kFamilyStreams, StreamMetaKey(testing::EmpStream(1)), EncodeStreamMeta(meta));
  raw.Put(kFamilyIntegrity, kHeadKey,
          EncodeHead({bodies.size(), chain,
                      kRecordedAt + static_cast<int64_t>(bodies.size())}));
  }
  auto upgraded = EventStore::Upgrade(testing::TestOptions(), path);
  ASSERT_TRUE(upgraded.ok()) << upgraded.status().ToString();
  EXPECT_EQ(*upgraded, bodies.size());
}

TEST(SchemaEvolutionTest, OldRecordsReadWithNewerFieldsAtDefaults) {
  testing::TempDir dir;
  PlantLedger(dir.ledger(), {V0Body(1, false), V0Body(2, true)});
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);

  auto recruited = store->ReadAt(1);
  ASSERT_TRUE(recruited.ok()) << recruited.status().ToString();
  const auto ev = recruited->event();
  EXPECT_EQ(ev.getStream(), testing::EmpStream(1));
  EXPECT_EQ(ev.getEventId(), "old-1");
  EXPECT_EQ(ev.getRecordedAt().getUnixMicros(), kRecordedAt + 1);
  EXPECT_EQ(ev.getActor().getUser(), "operator-lama");
  EXPECT_EQ(ev.getActor().getAgency(), "");          // newer field
  EXPECT_EQ(ev.getSource().getDecreeNumber(), "813/2015");
  EXPECT_EQ(ev.getSource().getSigner(), "");         // newer field
  EXPECT_EQ(ev.getSource().getSigningDate().getYyyymmdd(), 0u);
  ASSERT_TRUE(ev.getPayload().isRecruited());
  const auto r = ev.getPayload().getRecruited();
  EXPECT_EQ(r.getNip(), testing::Nip(1));
  EXPECT_EQ(r.getName(), "Ahmad Lama");
  EXPECT_EQ(r.getEducation(), schema::EducationLevel::S1);
  EXPECT_EQ(r.getAgency(), "");                       // newer fields
  EXPECT_EQ(r.getStartingRank().which(), schema::Rank::UNSPECIFIED);
  EXPECT_EQ(r.getSelectionScore(), 0.0);
  EXPECT_EQ(r.getEmploymentType(), schema::EmploymentType::UNSPECIFIED);

  auto it = store->ReadLog(2);
  ASSERT_TRUE(it->Valid()) << it->status().ToString();
  const auto rated = it->event().event().getPayload();
  ASSERT_TRUE(rated.isPerformanceRated());
  EXPECT_EQ(rated.getPerformanceRated().getYear(), 2016u);
  EXPECT_EQ(rated.getPerformanceRated().getPredikat(), schema::PredikatKinerja::BAIK);
  EXPECT_EQ(rated.getPerformanceRated().getEvaluatorNip(), "");
  EXPECT_EQ(rated.getPerformanceRated().getDp3Score(), 0u);

  // The old records verify, and today's appends continue their chain.
  std::vector<NewEvent> more;
  more.push_back(testing::PerformanceRated("new-3", 2017));
  auto appended = store->Append(testing::EmpStream(1), ExpectedVersion::Exact(2), more);
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(appended->positions[0], 3u);
  VerifyReport report;
  Status s = store->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, 3u);
}

// The stored value of a recruited event appended today at position 1.
std::string RecordWrittenToday() {
  testing::FakeClock clock(kRecordedAt);
  testing::TempDir dir;
  auto store = testing::OpenOrDie(testing::TestOptions(&clock), dir.ledger());
  std::vector<NewEvent> events;
  events.push_back(testing::Recruited("golden-1", testing::Nip(1)));
  auto r = store->Append(testing::EmpStream(1), ExpectedVersion::NoStream(), events);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  store.reset();
  testing::RawDb raw(dir.ledger());
  return raw.Get(kFamilyLog, testing::LogKey(1));
}

TEST(SchemaEvolutionTest, GoldenRecordDecodesForever) {
  if (std::getenv("JEJAK_WRITE_GOLDEN") != nullptr) {
    std::ofstream out(kGoldenPath, std::ios::binary | std::ios::trunc);
    const std::string value = RecordWrittenToday();
    out.write(value.data(), static_cast<std::streamsize>(value.size()));
    ASSERT_TRUE(out.good());
    GTEST_SKIP() << "wrote " << kGoldenPath;
  }
  std::ifstream in(kGoldenPath, std::ios::binary);
  ASSERT_TRUE(in.good()) << kGoldenPath;
  const std::string golden((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  RecordedEvent rec;
  Status s = rec.Decode(1, golden);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto ev = rec.event();
  EXPECT_EQ(ev.getPosition(), 1u);
  EXPECT_EQ(ev.getVersion(), 1u);
  EXPECT_EQ(ev.getSchemaVersion(), 1u);
  EXPECT_EQ(ev.getStream(), "emp/199001012015031001");
  EXPECT_EQ(ev.getEventId(), "golden-1");
  EXPECT_EQ(ev.getRecordedAt().getUnixMicros(), kRecordedAt);
  EXPECT_EQ(ev.getEffectiveDate().getYyyymmdd(), 20150301u);
  EXPECT_EQ(ev.getActor().getUser(), "budi.santoso");
  EXPECT_EQ(ev.getActor().getAgency(), "bkd-jabar");
  EXPECT_EQ(ev.getSource().getDecreeNumber(), "800/1234/BKD/2015");
  ASSERT_TRUE(ev.getPayload().isRecruited());
  const auto r = ev.getPayload().getRecruited();
  EXPECT_EQ(r.getNip(), "199001012015031001");
  EXPECT_EQ(r.getName(), "Siti Rahmawati");
  EXPECT_EQ(r.getBirthDate().getYyyymmdd(), 19900101u);
  EXPECT_EQ(r.getStartingRank().getGolongan(), schema::Golongan::IIIA);
  EXPECT_EQ(r.getSelectionScore(), 412.5);

  // The hash definitions are frozen too (values checked independently with
  // Python's hashlib.blake2b(digest_size=32)).
  EXPECT_EQ(rec.leaf_hash(), integrity::ChainLeafHash(rec.body()));
  EXPECT_EQ(rec.chain_hash(), integrity::ChainHash(Hash{}, rec.leaf_hash()));
  EXPECT_EQ(ToHex(rec.leaf_hash()),
            "0e01580fe6875572dbb4f8b6d9d6b42cc38b7046aa33eb3d8725f4b9af0dcb1a");
  EXPECT_EQ(ToHex(rec.chain_hash()),
            "dc26c96645d36eca35b8631f33533244dbf2ae90fa7cd83fd9209209caba5e50");

  // And today's writer still produces exactly these bytes.
  EXPECT_EQ(RecordWrittenToday(), golden) << "the record encoding changed";
}

}  // namespace
}  // namespace jejak::store
