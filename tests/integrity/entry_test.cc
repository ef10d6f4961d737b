// The entry of a log position (include/jejak/integrity/entry.h): the
// public body clears exactly the listed personal fields and nothing else,
// the commitment binds the salt and the whole body, and entries split and
// hash as the format says.
#include "jejak/integrity/entry.h"

#include <gtest/gtest.h>

#include <functional>

#include <capnp/message.h>
#include <capnp/serialize.h>

#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/merkle.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::integrity {
namespace {

using PayloadFiller = std::function<void(schema::Payload::Builder)>;

void FillRecruited(schema::Recruited::Builder r, bool personal) {
  r.setNip("199001012015031001");
  if (personal) {
    r.setNik("3273010101900001");
    r.setName("Siti Rahmawati");
    r.initBirthDate().setYyyymmdd(19900101);
  }
  r.setGender(schema::Gender::MALE);
  r.setEducation(schema::EducationLevel::S1);
  r.setEducationMajor("Akuntansi");
  r.setAgency("bkd-jabar");
  r.setUnit("bidang-mutasi");
  r.setEmploymentType(schema::EmploymentType::PNS);
  r.initStartingRank().setGolongan(schema::Golongan::IIIA);
  r.setSelectionScore(412.5);
  r.setPositionId("staf-mutasi");
}

// The canonical body of an event at position 7 whose payload `fill` sets.
std::string Body(const PayloadFiller& fill) {
  capnp::MallocMessageBuilder message;
  auto ev = message.initRoot<schema::Event>();
  ev.setPosition(7);
  ev.setStream("emp/199001012015031001");
  ev.setVersion(3);
  ev.setEventId("ev-7");
  ev.setSchemaVersion(1);
  ev.initRecordedAt().setUnixMicros(1700000000000000);
  ev.initEffectiveDate().setYyyymmdd(20150301);
  auto actor = ev.initActor();
  actor.setUser("budi.santoso");
  actor.setRole("hr-officer");
  actor.setAgency("bkd-jabar");
  ev.initSource().setDecreeNumber("800/1234/BKD/2015");
  fill(ev.initPayload());
  auto words = capnp::canonicalize(ev.asReader());
  auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

struct Case {
  const char* name;
  PayloadFiller with_personal;     // the payload as recorded
  PayloadFiller without_personal;  // the same with the personal fields left null
};

std::vector<Case> PersonalCases() {
  return {
      {"recruited", [](auto p) { FillRecruited(p.initRecruited(), true); },
       [](auto p) { FillRecruited(p.initRecruited(), false); }},
      {"relationshipDeclared",
       [](auto p) {
         auto r = p.initRelationshipDeclared();
         r.setOtherNip("198501012010011001");
         r.setOtherName("Ahmad Fauzi");
         r.setRelation(schema::Relation::SPOUSE);
       },
       [](auto p) {
         auto r = p.initRelationshipDeclared();
         r.setOtherNip("198501012010011001");
         r.setRelation(schema::Relation::SPOUSE);
       }},
      {"candidateRegistered",
       [](auto p) {
         auto c = p.initCandidateRegistered();
         c.setNip("199001012015031001");
         c.setName("Siti Rahmawati");
       },
       [](auto p) { p.initCandidateRegistered().setNip("199001012015031001"); }},
      {"corrected recruited",
       [](auto p) {
         auto c = p.initCorrected();
         c.setTarget(1);
         FillRecruited(c.initReplacement().initRecruited(), true);
         c.setReason("name misspelt");
         c.setAuthority("Kepala BKD");
       },
       [](auto p) {
         auto c = p.initCorrected();
         c.setTarget(1);
         FillRecruited(c.initReplacement().initRecruited(), false);
         c.setReason("name misspelt");
         c.setAuthority("Kepala BKD");
       }},
  };
}

TEST(EntryTest, RedactionClearsExactlyThePersonalFields) {
  for (const Case& c : PersonalCases()) {
    SCOPED_TRACE(c.name);
    const std::string body = Body(c.with_personal);
    std::string public_body;
    auto personal = RedactPersonalFields(body, &public_body);
    ASSERT_TRUE(personal.ok()) << personal.status().ToString();
    EXPECT_TRUE(*personal);
    // Byte for byte the event built without them: nothing else changed.
    EXPECT_EQ(public_body, Body(c.without_personal));
    EXPECT_NE(public_body, body);
  }
}

TEST(EntryTest, PayloadsWithoutPersonalFieldsAreTheirOwnPublicBody) {
  const std::vector<PayloadFiller> fills = {
      [](auto p) {
        auto r = p.initPerformanceRated();
        r.setYear(2016);
        r.setEvaluatorNip("198001012005011002");
      },
      [](auto p) { p.initUnitDefined().setName("Bidang Mutasi"); },
      // A correction whose replacement has no personal fields.
      [](auto p) {
        auto c = p.initCorrected();
        c.setTarget(3);
        c.initReplacement().initPerformanceRated().setYear(2016);
      },
      // A correction without a replacement.
      [](auto p) { p.initCorrected().setTarget(3); },
  };
  for (size_t i = 0; i < fills.size(); ++i) {
    SCOPED_TRACE(i);
    const std::string body = Body(fills[i]);
    std::string public_body = "untouched";
    auto personal = RedactPersonalFields(body, &public_body);
    ASSERT_TRUE(personal.ok()) << personal.status().ToString();
    EXPECT_FALSE(*personal);
    EXPECT_EQ(public_body, "untouched");
  }
  EXPECT_TRUE(MayHavePersonalFields(schema::Payload::RECRUITED));
  EXPECT_TRUE(MayHavePersonalFields(schema::Payload::CORRECTED));
  EXPECT_FALSE(MayHavePersonalFields(schema::Payload::PERFORMANCE_RATED));
  EXPECT_FALSE(MayHavePersonalFields(schema::Payload::UNIT_DEFINED));
}

TEST(EntryTest, UnreadableBodyIsCorruption) {
  std::string out;
  EXPECT_TRUE(RedactPersonalFields("", &out).status().IsCorruption());
  EXPECT_TRUE(RedactPersonalFields("1234567", &out).status().IsCorruption());
  // A root pointer far outside the message.
  std::string bad(16, '\0');
  bad[0] = 0x7c;
  bad[4] = 0x7f;
  bad[6] = 0x7f;
  EXPECT_TRUE(RedactPersonalFields(bad, &out).status().IsCorruption());
}

TEST(EntryTest, CommitmentIsSha256OfPrefixSaltAndBody) {
  const std::string body = Body(PersonalCases()[0].with_personal);
  Salt salt{};
  for (size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<uint8_t>(i * 7 + 1);
  const Hash c = PersonalCommitment(salt, body);
  EXPECT_EQ(ToHex(c),
            ToHex(Sha256("jejak.personal.v1" +
                         std::string(reinterpret_cast<const char*>(salt.data()), salt.size()) +
                         body)));
  Salt other = salt;
  other[31] ^= 1;
  EXPECT_NE(ToHex(PersonalCommitment(other, body)), ToHex(c));
  std::string changed = body;
  changed[changed.size() - 1] ^= 1;
  EXPECT_NE(ToHex(PersonalCommitment(salt, changed)), ToHex(c));
  EXPECT_NE(ToHex(c), ToHex(kNoCommitment));
}

TEST(EntryTest, EntryComposesSplitsAndHashesAsOneString) {
  const std::string body = Body(PersonalCases()[0].with_personal);
  std::string public_body;
  ASSERT_TRUE(RedactPersonalFields(body, &public_body).ok());
  Salt salt{};
  salt[0] = 9;
  const Hash commitment = PersonalCommitment(salt, body);
  const std::string entry = ComposeEntry(public_body, commitment);
  ASSERT_EQ(entry.size(), public_body.size() + kCommitmentBytes);
  EXPECT_EQ(ToHex(EntryLeafHash(public_body, commitment)), ToHex(RecordHash(entry)));
  EXPECT_EQ(ToHex(EntryLeafHash(body, kNoCommitment)),
            ToHex(RecordHash(ComposeEntry(body, kNoCommitment))));
  auto parts = SplitEntry(entry);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(parts->public_body, public_body);
  EXPECT_EQ(ToHex(parts->commitment), ToHex(commitment));
}

TEST(EntryTest, SplitEntryRejectsShortAndMisalignedEntries) {
  for (size_t size : {size_t{0}, size_t{8}, size_t{32}, size_t{39}, size_t{41}, size_t{47},
                      size_t{44}}) {
    SCOPED_TRACE(size);
    EXPECT_TRUE(SplitEntry(std::string(size, 'e')).status().IsInvalidArgument());
  }
  for (size_t size : {size_t{40}, size_t{48}, size_t{32 + 800}}) {
    SCOPED_TRACE(size);
    auto parts = SplitEntry(std::string(size, 'e'));
    ASSERT_TRUE(parts.ok());
    EXPECT_EQ(parts->public_body.size(), size - 32);
  }
}

}  // namespace
}  // namespace jejak::integrity
