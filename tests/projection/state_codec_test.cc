// The stored bytes of the projection are frozen: profile, position and unit
// values (state_codec.h) and the index entries (index_entries.h) of fixed
// states are pinned by digests taken from the original encoder, so a faster
// encoder cannot change a byte unnoticed. The incremental-equals-rebuild
// tests compare the bytes of two runs of the same code; these compare with
// the past.
#include <capnp/any.h>
#include <capnp/message.h>
#include <capnp/schema.h>
#include <capnp/serialize-packed.h>
#include <capnp/serialize.h>
#include <kj/io.h>
#include <gtest/gtest.h>


#include <cstdint>
#include <string>
#include <vector>

#include "jejak/projection/rules.h"
#include "projection/state_codec.h"
#include "projection/index_entries.h"
#include "jejak/schema/projection.capnp.h"

namespace jejak::projection {
namespace {

namespace s = ::jejak::schema;

// FNV-1a, 64 bits: a stable digest of bytes (not for security).
uint64_t Digest(std::string_view bytes, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Text(const char* what, int n, size_t repeat = 1) {
  std::string out;
  for (size_t i = 0; i < repeat; ++i) out += std::string(what) + "-" + std::to_string(n);
  return out;
}

// A state with every field and list set, sized by `n` (items per list) and
// `repeat` (length of its strings).
ProfileState Full(int n, size_t repeat = 1) {
  ProfileState st;
  st.nip = "198001012005011001";
  st.nik = "3404010101800001";
  st.name = Text("Dewi Lestari", n, repeat);
  st.birth_date = 19800101;
  st.gender = s::Gender::FEMALE;
  st.education = s::EducationLevel::S1;
  st.education_major = Text("Ilmu Pemerintahan", n, repeat);
  st.employment_type = s::EmploymentType::PNS;
  st.selection_score = 87.25;
  st.recruited = {20050101, 1};
  st.confirmed = {20060101, 5};
  for (int i = 0; i < n; ++i) {
    const auto pos = static_cast<uint64_t>(10 + i);
    const auto date = static_cast<uint32_t>(20060101 + 10000 * (i % 20));
    st.placements.push_back(Placement{{date, pos}, Text("kab-sleman", i, repeat), Text("unit", i, repeat),
                                      Text("pos", i, repeat), Text("Analis", i, repeat),
                                      s::JabatanLevel::PELAKSANA, PlacementKind::kTransferred,
                                      Text("sel", i, repeat)});
    st.ranks.push_back(RankFact{{date, pos}, {s::Golongan::IIIB, 0}, s::PromotionKind::REGULAR, 12.5 * i});
    st.competencies.push_back(
        CompetencyFact{{date, pos}, Text("K", i, repeat), s::CompetencyKind::TECHNICAL, static_cast<uint8_t>(1 + i % 5)});
    st.ratings.push_back(RatingFact{{date, pos}, static_cast<uint16_t>(2006 + i), s::PredikatKinerja::BAIK,
                                    s::Rating::MEETS, s::Rating::ABOVE, static_cast<uint8_t>(80 + i % 20)});
    st.training_jp.push_back(TrainingJp{static_cast<uint16_t>(2006 + i), s::TrainingKind::TECHNICAL,
                                        static_cast<uint32_t>(12 + i), 1});
    st.leadership.push_back(LeadershipTraining{{date, pos}, s::TrainingKind::PKP, Text("PKP", i, repeat),
                                               Text("LAN", i, repeat)});
    st.sanctions.push_back(SanctionFact{{date, pos}, s::SanctionLevel::LIGHT, s::SanctionKind::ORAL_WARNING,
                                        date, date + 10000, Text("late", i, repeat)});
    st.lifts.push_back(SanctionLift{{date + 500, pos + 1000}, pos, Text("lifted", i, repeat)});
    st.mentoring.push_back(MentoringFact{{date, pos}, "198001012005011001", "199001012015011002", date,
                                         date + 10000, Text("topic", i, repeat)});
    st.relations.push_back(RelationFact{{date, pos}, "199001012015011003", Text("Budi", i, repeat),
                                        s::Relation::SPOUSE});
    st.exams.push_back(ExamFact{{date, pos}, s::ExamKind::UJIAN_DINAS_TINGKAT_I, Text("UD", i, repeat),
                                s::EducationLevel::UNSPECIFIED});
    st.credit_points.push_back(CreditPointsFact{{date, pos}, 12.5 * i, date, date + 10000,
                                                Text("jf", i, repeat)});
  }
  st.assessment = AssessmentFact{{20200101, 7}, s::PotentialLevel::HIGH, 3.5, Text("assessor", n, repeat)};
  st.last_position = 9999;
  st.event_count = static_cast<uint32_t>(8 * n + 3);
  return st;
}

ProfileState Separated() {
  ProfileState st = Full(2);
  st.separation = SeparationFact{{20300101, 12345}, s::SeparationReason::RETIREMENT, "pensiun"};
  st.employment_type = s::EmploymentType::PPPK;
  st.ranks.push_back(RankFact{{20310101, 12346}, {s::Golongan::UNSPECIFIED, 9}, s::PromotionKind::UNSPECIFIED, 0});
  return st;
}

std::vector<std::pair<const char*, ProfileState>> Pinned() {
  return {{"empty", ProfileState()},
          {"one", Full(1)},
          {"three", Full(3)},
          {"separated", Separated()},
          // Larger than the builder's first segment (1024 words): the bytes
          // include a segment table of several segments.
          {"multi-segment", Full(40, 6)}};
}

// Digests of EncodeProfile / IndexEntries. Changed on purpose only: when
// the schema grew (skpScore, exams, credit points; the route facts of the
// career brief; the summary entry "b"), values written before still decode (capnp reads a missing
// field as its default; ParseBrief a career section without route facts).
struct Golden {
  const char* name;
  size_t profile_size;
  uint64_t profile_digest;
  size_t index_entries;
  uint64_t index_digest;
};
constexpr Golden kGolden[] = {
    {"empty", 456, 0x42f0a4ba7e4eadf8ull, 0, 0xcbf29ce484222325ull},
    {"one", 1304, 0xe3d5f4582568bbc7ull, 8, 0xccc636814d47efcbull},
    {"three", 2840, 0x40f96d38fca00ec5ull, 8, 0xad53d7f92045aed0ull},
    {"separated", 2128, 0x282b2501c4096bceull, 2, 0x78b4897a0e24e56eull},
    {"multi-segment", 53232, 0xb8a1cb29867cf145ull, 8, 0xd1c31a5d4ab8cc51ull},
};

uint64_t IndexDigest(const std::vector<IndexEntry>& entries) {
  uint64_t h = Digest("");
  for (const auto& e : entries) {
    h = Digest(e.key, h);
    h = Digest(std::string_view("\0", 1), h);
    h = Digest(e.value, h);
    h = Digest(std::string_view("\1", 1), h);
  }
  return h;
}

TEST(StateCodecTest, ProfileAndIndexBytesArePinned) {
  const Rules rules = Rules::Default();
  const auto pinned = Pinned();
  ASSERT_EQ(pinned.size(), std::size(kGolden));
  for (size_t i = 0; i < pinned.size(); ++i) {
    const auto& [name, st] = pinned[i];
    const Golden& g = kGolden[i];
    ASSERT_STREQ(name, g.name);
    const std::string bytes = EncodeProfile(st);
    const auto entries = IndexEntries(st, rules);
    EXPECT_EQ(bytes.size(), g.profile_size) << name;
    EXPECT_EQ(Digest(bytes), g.profile_digest) << name;
    EXPECT_EQ(entries.size(), g.index_entries) << name;
    EXPECT_EQ(IndexDigest(entries), g.index_digest) << name;
    if (std::string_view(name) == "multi-segment") {
      ASSERT_GE(bytes.size(), 4u);
      EXPECT_NE(bytes.substr(0, 4), std::string(4, '\0')) << "one segment only";
    }
    auto back = DecodeProfile(bytes);
    ASSERT_TRUE(back.ok()) << name << ": " << back.status().ToString();
    EXPECT_EQ(*back, st) << name;
  }
}

TEST(StateCodecTest, ReusedProfileEncoderGivesEncodeProfilesBytes) {
  // Large after small and small after large: nothing of one message may
  // leak into the next through the reused first segment.
  const auto pinned = Pinned();
  ProfileEncoder encoder;
  std::string out = "stale bytes of an earlier value";
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < pinned.size(); ++i) {
      const auto& st = pinned[(i * 3 + round) % pinned.size()].second;
      encoder.Encode(st, &out);
      EXPECT_EQ(out, EncodeProfile(st)) << pinned[(i * 3 + round) % pinned.size()].first << " round " << round;
    }
  }
}

TEST(StateCodecTest, IndexEntriesIntoAReusedListGivesIndexEntries) {
  // Fewer entries after more (a separated profile has one) and more after
  // fewer: no entry or byte of an earlier profile may remain.
  const Rules rules = Rules::Default();
  const auto pinned = Pinned();
  std::vector<IndexEntry> reused(9, IndexEntry{"stale key", "stale value"});
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < pinned.size(); ++i) {
      const auto& [name, st] = pinned[(i * 2 + round) % pinned.size()];
      IndexEntriesInto(st, rules, &reused);
      EXPECT_EQ(reused, IndexEntries(st, rules)) << name << " round " << round;
    }
  }
}

TEST(StateCodecTest, PositionAndUnitBytesArePinned) {
  PositionDef p{"kab-sleman", "pos7", {}};
  for (int v = 0; v < 3; ++v) {
    p.versions.push_back(PositionVersion{{static_cast<uint32_t>(20200101 + v), static_cast<uint64_t>(v + 1)},
                                         Text("Analis", v),
                                         s::JabatanLevel::PELAKSANA,
                                         Text("unit", v),
                                         s::Golongan::IIA,
                                         s::Golongan::IIID,
                                         {{Text("K", v), s::CompetencyKind::MANAGERIAL, 3}},
                                         s::TrainingKind::PKA,
                                         s::EducationLevel::S1});
  }
  const UnitDef u{{20200101, 3}, "kab-sleman", "unit-1", "Bagian Umum", "unit-0"};
  const std::string pb = EncodePosition(p);
  const std::string ub = EncodeUnit(u);
  EXPECT_EQ(pb.size(), 432u);
  EXPECT_EQ(Digest(pb), 0x9787688b8b3eef6full);
  EXPECT_EQ(ub.size(), 120u);
  EXPECT_EQ(Digest(ub), 0xb081db4fa286f889ull);
  auto p2 = DecodePosition(pb);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(*p2, p);
  auto u2 = DecodeUnit(ub);
  ASSERT_TRUE(u2.ok());
  EXPECT_EQ(*u2, u);
}

TEST(StateCodecTest, PackedProfilesRoundTripSmallerThanStoredOnes) {
  ProfileEncoder encoder;
  std::string packed = "stale bytes of an earlier value";
  for (int round = 0; round < 2; ++round) {
    for (const auto& [name, st] : Pinned()) {
      encoder.EncodePacked(st, &packed);
      EXPECT_LT(packed.size(), EncodeProfile(st).size()) << name;
      auto back = DecodePackedProfile(packed);
      ASSERT_TRUE(back.ok()) << name << ": " << back.status().ToString();
      EXPECT_EQ(*back, st) << name;
    }
  }
}

// Cut short anywhere, a packed profile is Corruption; with any one byte
// damaged it is Corruption or some profile, never a crash or a throw.
TEST(StateCodecTest, DamagedPackedProfilesAreCorruption) {
  ProfileEncoder encoder;
  std::string packed;
  encoder.EncodePacked(Full(3), &packed);
  for (size_t n = 0; n < packed.size(); ++n) {
    auto cut = DecodePackedProfile(packed.substr(0, n));
    ASSERT_FALSE(cut.ok()) << "cut to " << n << " of " << packed.size() << " bytes";
    EXPECT_TRUE(cut.status().IsCorruption()) << cut.status().ToString();
  }
  for (size_t i = 0; i < packed.size(); ++i) {
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string damaged = packed;
      damaged[i] = static_cast<char>(damaged[i] ^ flip);
      auto r = DecodePackedProfile(damaged);
      if (!r.ok()) {
        EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
      }
    }
  }
}

// A damaged value whose placements list claims a million elements of an
// empty struct (one tag word of data) is Corruption: the decode is bounded
// by the value's size. Cap'n Proto's default traversal limit (8M words)
// lets it through, a C++ Placement per claimed element (such a 2 KB value
// took seconds and most of a GB).
TEST(StateCodecTest, AValueClaimingAMillionEmptyElementsIsCorruption) {
  capnp::MallocMessageBuilder message;
  auto root = message.initRoot<s::Profile>();
  root.setNip("199001012015031001");
  const auto field = capnp::Schema::from<s::Profile>().getFieldByName("placements");
  const uint32_t pointer = field.getProto().getSlot().getOffset();
  capnp::AnyStruct::Builder any = capnp::toAny(root);
  any.getPointerSection()[pointer].initAsListOfAnyStruct(0, 0, 1'000'000);
  const auto words = capnp::messageToFlatArray(message);
  const auto bytes = words.asBytes();
  const std::string value(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
  ASSERT_LT(value.size(), 256u);
  auto decoded = DecodeProfile(value);
  ASSERT_FALSE(decoded.ok()) << decoded->placements.size() << " placements";
  EXPECT_TRUE(decoded.status().IsCorruption()) << decoded.status().ToString();

  // Packed, the same claim is a few bytes: still Corruption.
  kj::VectorOutputStream packed_stream;
  capnp::writePackedMessage(packed_stream, message);
  const auto packed_bytes = packed_stream.getArray();
  const std::string packed(reinterpret_cast<const char*>(packed_bytes.begin()), packed_bytes.size());
  ASSERT_LT(packed.size(), value.size());
  auto unpacked = DecodePackedProfile(packed);
  ASSERT_FALSE(unpacked.ok()) << unpacked->placements.size() << " placements";
  EXPECT_TRUE(unpacked.status().IsCorruption()) << unpacked.status().ToString();
}

}  // namespace
}  // namespace jejak::projection
