#include "jejak/audit/bundle.h"

#include <filesystem>
#include <fstream>

#include "jejak/audit/report_format.h"
#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/entry.h"
#include "jejak/integrity/note.h"
#include "jejak/integrity/proof_format.h"

namespace jejak::audit {

namespace {

namespace fs = std::filesystem;

template <typename F>
Status WriteFile(const fs::path& path, F write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot create " + path.string());
  write(out);
  out.close();
  if (!out) return Status::IOError("writing " + path.string() + " failed");
  return Status::Ok();
}

Status WriteText(const fs::path& path, std::string_view text) {
  return WriteFile(path, [&](std::ostream& o) { o.write(text.data(), text.size()); });
}

constexpr std::string_view kReadme =
    "jejak audit bundle\n"
    "==================\n"
    "\n"
    "report.json / report.html  the audit report; every event it cites carries its\n"
    "                           position, stream, type, TMT, leafHash and treeLeaf.\n"
    "checkpoint                 the log's signed checkpoint (C2SP tlog-checkpoint) of the\n"
    "                           tree the audit read: origin, size, root.\n"
    "vkey                       the verifier key it is signed with. Compare it with the key\n"
    "                           the agency publishes: a bundle proves nothing about a key\n"
    "                           you did not get from the agency yourself.\n"
    "evidence/P.entry           the entry of the event at position P: its public body (a\n"
    "                           canonical Cap'n Proto jejak Event, personal fields cleared)\n"
    "                           and a 32-byte commitment to its personal fields.\n"
    "evidence/P.tlog-proof      a C2SP tlog-proof: leaf P-1 is in the checkpoint's tree.\n"
    "\n"
    "To verify, with the key you got from the agency:\n"
    "\n"
    "    jejak-verify-bundle DIR --vkey VKEY_FILE\n"
    "\n"
    "and, to check that a later checkpoint of the same log still contains this one\n"
    "(nothing rewritten since the audit):\n"
    "\n"
    "    jejak-verify-bundle DIR --vkey VKEY_FILE --checkpoint LATER --consistency BODY\n"
    "\n"
    "where BODY comes from `jejak prove consistency SIZE` on the ledger. Any C2SP-aware\n"
    "tool can check the proofs too (Go: golang.org/x/mod/sumdb/note and sumdb/tlog;\n"
    "the leaf hash is tlog.RecordHash(entry)). See docs/verification.md.\n";

}  // namespace

Result<BundleStats> WriteBundle(store::EventStore& store, AuditReport& report,
                                const std::string& dir, const integrity::NoteSigner* signer) {
  const uint64_t size = report.head.position;
  std::string note;
  std::string vkey;
  if (signer != nullptr) {
    auto signed_note = store.SignCheckpoint(*signer);
    if (!signed_note.ok()) return signed_note.status();
    note = std::move(signed_note).value();
    vkey = signer->VerifierKey();
  } else {
    auto latest = store.LatestCheckpoint();
    if (!latest.ok()) {
      if (!latest.status().IsNotFound()) return latest.status();
      return Status::NotFound(
          "the ledger has no signed checkpoint for the bundle: pass --key KEYFILE");
    }
    note = std::move(latest).value();
    auto stored_vkey = store.CheckpointVerifierKey();
    if (!stored_vkey.ok()) return stored_vkey.status();
    vkey = std::move(stored_vkey).value();
  }
  auto checkpoint = integrity::ParseSignedCheckpoint(note);
  if (!checkpoint.ok()) return checkpoint.status().WithContext("the bundle's checkpoint");
  if (checkpoint->size != size) {
    return Status::Conflict("the checkpoint is of tree size " + std::to_string(checkpoint->size) +
                            ", the audit read " + std::to_string(size) + " events" +
                            (signer != nullptr ? " (the ledger moved on: audit again)"
                                               : ": sign one of the head with --key"));
  }
  if (checkpoint->root != report.head.tree_root) {
    return Status::Corruption("the checkpoint's root differs from the tree the audit read");
  }

  std::error_code ec;
  const fs::path root(dir);
  fs::create_directories(root / "evidence", ec);
  if (ec) return Status::IOError("creating " + (root / "evidence").string() + ": " + ec.message());

  // Every event the report cites: the evidence list, and the decisions and
  // record findings' subjects (which the report writes in full).
  for (const auto& d : report.decisions) report.events.emplace(d.decision.position, d.decision);
  for (const auto& f : report.record_findings) {
    report.events.emplace(f.subject.position, f.subject);
  }
  BundleStats stats;
  stats.tree_size = size;
  for (auto& [position, ref] : report.events) {
    auto entry = store.ReadEntry(position);
    if (!entry.ok()) return entry.status();
    auto parts = integrity::SplitEntry(*entry);
    if (!parts.ok()) return parts.status().WithContext("entry " + std::to_string(position));
    ref.tree_leaf = integrity::EntryLeafHash(parts->public_body, parts->commitment);
    auto proof = store.ProveInclusion(position, size);
    if (!proof.ok()) return proof.status();
    integrity::TlogProof tlog;
    tlog.index = position - 1;
    tlog.inclusion_proof = std::move(proof).value();
    tlog.checkpoint = note;
    const std::string base = std::to_string(position);
    JEJAK_RETURN_IF_ERROR(WriteText(root / "evidence" / (base + ".entry"), *entry));
    JEJAK_RETURN_IF_ERROR(WriteText(root / "evidence" / (base + ".tlog-proof"),
                                    integrity::FormatTlogProof(tlog)));
    ++stats.evidence;
  }
  // The decisions' and findings' copies of cited events carry the leaf too.
  auto fill = [&](EventRef& e) {
    if (const EventRef* cited = report.Event(e.position)) e.tree_leaf = cited->tree_leaf;
  };
  for (auto& d : report.decisions) fill(d.decision);
  for (auto& f : report.record_findings) fill(f.subject);

  JEJAK_RETURN_IF_ERROR(
      WriteFile(root / "report.json", [&](std::ostream& o) { WriteJson(report, o); }));
  JEJAK_RETURN_IF_ERROR(
      WriteFile(root / "report.html", [&](std::ostream& o) { WriteHtml(report, o); }));
  JEJAK_RETURN_IF_ERROR(WriteText(root / "checkpoint", note));
  JEJAK_RETURN_IF_ERROR(WriteText(root / "vkey", vkey + "\n"));
  JEJAK_RETURN_IF_ERROR(WriteText(root / "README.txt", kReadme));
  return stats;
}

}  // namespace jejak::audit
