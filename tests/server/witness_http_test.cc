// The server as a C2SP tlog-witness (serve --witness-key): POST
// /add-checkpoint answers each case with the status the spec prescribes.
#include <gtest/gtest.h>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/integrity/proof_format.h"
#include "server/server_fixture.h"

namespace jejak::server::testing {
namespace {

constexpr char kLogOrigin[] = "bkpsdm.example.go.id/jejak";

integrity::NoteKeyPair NewKey(const std::string& name, bool cosigner) {
  auto pair = cosigner ? integrity::GenerateCosignerKey(name) : integrity::GenerateNoteKey(name);
  EXPECT_TRUE(pair.ok()) << pair.status().ToString();
  return pair.ok() ? *pair : integrity::NoteKeyPair{};
}

class WitnessHttpTest : public ServerFixture {
 protected:
  void Configure(ServerOptions& o) override {
    log_key_ = NewKey(kLogOrigin, false);
    witness_key_ = NewKey("witness.example.go.id", true);
    auto signer = integrity::ParseCosignerKey(witness_key_.signer_key);
    auto log = integrity::ParseVerifierKey(log_key_.verifier_key);
    ASSERT_TRUE(signer.ok() && log.ok());
    o.witness = WitnessOptions{*signer, {*log}, dir_ + "/witness"};
  }

  // The ledger's checkpoint at its head, signed by `signer_key`.
  std::string Sign(const std::string& signer_key) {
    auto signer = integrity::ParseSignerKey(signer_key);
    EXPECT_TRUE(signer.ok());
    auto note = ledger_->store().SignCheckpoint(*signer);
    EXPECT_TRUE(note.ok()) << note.status().ToString();
    return note.ok() ? *note : "";
  }

  std::string Body(uint64_t old_size, const std::string& note) {
    integrity::AddCheckpointRequest request;
    request.old_size = old_size;
    auto size = integrity::ParseSignedCheckpoint(note);
    EXPECT_TRUE(size.ok());
    if (old_size > 0 && size.ok() && old_size <= size->size) {
      auto proof = ledger_->store().ProveConsistency(old_size, size->size);
      EXPECT_TRUE(proof.ok());
      request.consistency_proof = *proof;
    }
    request.checkpoint = note;
    return integrity::FormatAddCheckpointRequest(request);
  }

  HttpAnswer Add(const std::string& body) {
    return HttpClient(port()).Send("POST", "/add-checkpoint", "", body, "text/plain");
  }

  void Grow() {
    AppendLines(*ledger_, {TrainingJson(kNipA, "grow-" + std::to_string(++grown_))});
  }

  integrity::NoteKeyPair log_key_;
  integrity::NoteKeyPair witness_key_;
  int grown_ = 0;
};

TEST_F(WitnessHttpTest, CosignsConsistentCheckpointsAndAnswersTheSpecStatuses) {
  const std::string first = Sign(log_key_.signer_key);
  const uint64_t first_size = ledger_->Head().position;
  HttpAnswer a = Add(Body(0, first));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body.rfind("\xE2\x80\x94 witness.example.go.id ", 0), 0u) << a.body;
  // The cosignature verifies on the checkpoint.
  auto witness = integrity::ParseCosignerVerifierKey(witness_key_.verifier_key);
  ASSERT_TRUE(witness.ok());
  const integrity::NoteVerifier known[] = {*witness};
  EXPECT_TRUE(integrity::OpenCheckpoint(first + a.body, known).ok());

  // A replay from 0: the witness is at first_size (409, its size as the body).
  a = Add(Body(0, first));
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.headers["content-type"], "text/x.tlog.size");
  EXPECT_EQ(a.body, std::to_string(first_size) + "\n");

  Grow();
  const std::string second = Sign(log_key_.signer_key);
  // Old size above the checkpoint's: 400.
  EXPECT_EQ(Add(Body(ledger_->Head().position + 1, second)).status, 400);
  // A damaged proof: 422, and the witness stays where it was.
  std::string damaged = Body(first_size, second);
  const size_t proof_at = damaged.find('\n') + 1;
  damaged[proof_at] = damaged[proof_at] == 'A' ? 'B' : 'A';
  a = Add(damaged);
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_NE(a.body.find("\"code\":\"inconsistent\""), std::string::npos) << a.body;
  a = Add(Body(first_size, second));
  EXPECT_EQ(a.status, 200) << a.body;

  // A log this witness does not witness: 404.
  const std::string other = NewKey("other.example/jejak", false).signer_key;
  std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-other-XXXXXX").string();
  const std::string other_dir = ::mkdtemp(tmpl.data());
  {
    LedgerOptions lo;
    lo.create_if_missing = true;
    lo.sync = false;
    auto ledger = Ledger::Open(other_dir, lo);
    ASSERT_TRUE(ledger.ok());
    AppendLines(**ledger, {"{\"stream\":\"org/other\",\"eventId\":\"o-1\",\"effectiveDate\":"
                           "\"2015-01-01\",\"payload\":{\"unitDefined\":{\"unitId\":\"u\","
                           "\"name\":\"U\",\"parentUnitId\":\"\"}}}"});
    auto signer = integrity::ParseSignerKey(other);
    auto note = (*ledger)->store().SignCheckpoint(*signer);
    ASSERT_TRUE(note.ok());
    a = Add(integrity::FormatAddCheckpointRequest({0, {}, *note}));
    EXPECT_EQ(a.status, 404) << a.body;
    // The log's name with another key (an impostor): 403.
    const std::string impostor = NewKey(kLogOrigin, false).signer_key;
    auto other_checkpoint = integrity::ParseSignedCheckpoint(*note);
    ASSERT_TRUE(other_checkpoint.ok());
    auto forged = integrity::SignNote(
        integrity::FormatCheckpoint({kLogOrigin, other_checkpoint->size, other_checkpoint->root, {}}),
        *integrity::ParseSignerKey(impostor));
    ASSERT_TRUE(forged.ok()) << forged.status().ToString();
    a = Add(integrity::FormatAddCheckpointRequest({0, {}, *forged}));
    EXPECT_EQ(a.status, 403) << a.body;
  }
  std::filesystem::remove_all(other_dir);
  // Garbage: 400; and the server is still well.
  EXPECT_EQ(Add("old x\n\nnot a checkpoint\n").status, 400);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace jejak::server::testing
