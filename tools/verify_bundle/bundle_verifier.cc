#include "bundle_verifier.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "jejak/domain/date.h"
#include "jejak/domain/payload_kind.h"
#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/entry.h"
#include "jejak/integrity/merkle.h"
#include "jejak/integrity/proof_format.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::bundle {

namespace {

namespace fs = std::filesystem;
using integrity::Hash;

// No file of a bundle is near this size but the report (64 MiB bounds a
// report of millions of decisions).
constexpr uintmax_t kMaxFileBytes = 1ull << 30;

Result<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::NotFound(path.string() + ": " + ec.message());
  if (size > kMaxFileBytes) return Status::InvalidArgument(path.string() + " is too large");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path.string());
  std::string data(static_cast<size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (!in) return Status::IOError("reading " + path.string());
  return data;
}

Status Bad(const fs::path& file, const std::string& what) {
  return Status::Corruption(file.string() + ": " + what);
}

std::string FirstLine(const std::string& s) {
  const size_t eol = s.find('\n');
  return eol == std::string::npos ? s : s.substr(0, eol);
}

// What the report says of one cited event.
struct Cited {
  uint64_t position = 0;
  std::string stream, event_id, type, effective, recorded_at, leaf_hash, tree_leaf;
  bool operator==(const Cited&) const = default;
};

std::string Str(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "null";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// Every object of the report that cites an event (it has a position), by
// position; two citations of one event must agree. A bundle's report gives
// every cited event its leafHash and treeLeaf: a citation without them
// would escape the check of its event, so it is refused. Only position 0
// (evidence of something absent from the record) cites no event.
Status CollectCited(const nlohmann::json& node, std::map<uint64_t, Cited>* out,
                    const fs::path& file) {
  if (node.is_array()) {
    for (const auto& e : node) JEJAK_RETURN_IF_ERROR(CollectCited(e, out, file));
    return Status::Ok();
  }
  if (!node.is_object()) return Status::Ok();
  if (node.contains("position") &&
      (node.contains("leafHash") || node.contains("treeLeaf") || node["position"] != 0)) {
    if (!node["position"].is_number_unsigned()) return Bad(file, "a position is not a number");
    Cited c;
    c.position = node["position"].get<uint64_t>();
    for (const char* hash : {"leafHash", "treeLeaf"}) {
      if (!node.contains(hash) || !node[hash].is_string()) {
        return Bad(file, "event " + std::to_string(c.position) + " is cited without its " +
                             hash);
      }
    }
    c.stream = Str(node, "stream");
    c.event_id = Str(node, "eventId");
    c.type = Str(node, "type");
    c.effective = Str(node, "effectiveDate");
    c.recorded_at = Str(node, "recordedAt");
    c.leaf_hash = Str(node, "leafHash");
    c.tree_leaf = Str(node, "treeLeaf");
    auto [it, fresh] = out->emplace(c.position, c);
    if (!fresh && !(it->second == c)) {
      return Bad(file, "event " + std::to_string(c.position) + " is cited twice, differently");
    }
  }
  for (const auto& [key, value] : node.items()) {
    JEJAK_RETURN_IF_ERROR(CollectCited(value, out, file));
  }
  return Status::Ok();
}

// The fields of the event the entry's public body holds, as the report
// writes them.
Result<Cited> Decode(std::string_view public_body, const fs::path& file) {
  Cited c;
  Status read = integrity::ReadEventBody(public_body, [&](schema::Event::Reader ev) {
    c.position = ev.getPosition();
    c.stream = ev.getStream().cStr();
    c.event_id = ev.getEventId().cStr();
    c.type = domain::PayloadKindName(ev.getPayload().which());
    const uint32_t tmt = ev.getEffectiveDate().getYyyymmdd();
    c.effective = tmt == 0 ? "null" : domain::FormatDate(tmt);
    c.recorded_at = domain::FormatTimestamp(ev.getRecordedAt().getUnixMicros());
  });
  if (!read.ok()) return Bad(file, "the public body: " + read.message());
  return c;
}

// The bundle's checkpoint: its note as signed (bytes) and as opened.
struct Head {
  std::string note;
  integrity::Checkpoint checkpoint;
};

Status CheckEvent(const fs::path& dir, const Cited& cited, const Head& bundle_head,
                  std::span<const integrity::NoteVerifier> keys) {
  const integrity::Checkpoint& head = bundle_head.checkpoint;
  const std::string base = std::to_string(cited.position);
  const fs::path entry_file = dir / "evidence" / (base + ".entry");
  const fs::path proof_file = dir / "evidence" / (base + ".tlog-proof");
  // Evidence the report cites but the bundle lacks proves nothing: the
  // bundle fails (exit 3), it is not a failure to read (exit 1).
  auto missing = [&](const fs::path& file, const Status& s) {
    return s.IsNotFound() ? Bad(file, "missing: the report cites position " + base) : s;
  };
  auto entry = ReadFile(entry_file);
  if (!entry.ok()) return missing(entry_file, entry.status());
  auto parts = integrity::SplitEntry(*entry);
  if (!parts.ok()) return Bad(entry_file, parts.status().message());
  auto decoded = Decode(parts->public_body, entry_file);
  if (!decoded.ok()) return decoded.status();
  auto differs = [&](const char* field, const std::string& in_entry,
                     const std::string& in_report) {
    return Bad(entry_file, std::string(field) + " is " + in_entry + ", report.json says " +
                               in_report);
  };
  if (decoded->position != cited.position) {
    return differs("position", std::to_string(decoded->position), base);
  }
  if (decoded->stream != cited.stream) return differs("stream", decoded->stream, cited.stream);
  if (decoded->event_id != cited.event_id) {
    return differs("event id", decoded->event_id, cited.event_id);
  }
  if (decoded->type != cited.type) return differs("type", decoded->type, cited.type);
  if (decoded->effective != cited.effective) {
    return differs("TMT", decoded->effective, cited.effective);
  }
  if (decoded->recorded_at != cited.recorded_at) {
    return differs("recorded at", decoded->recorded_at, cited.recorded_at);
  }
  const Hash leaf = integrity::EntryLeafHash(parts->public_body, parts->commitment);
  if (integrity::ToHex(leaf) != cited.tree_leaf) {
    return differs("Merkle leaf", integrity::ToHex(leaf), cited.tree_leaf);
  }
  // Without personal fields the public body is the stored record's body,
  // whose BLAKE2b leaf hash the report (and `jejak history`) quote.
  if (parts->commitment == integrity::kNoCommitment) {
    const std::string blake = integrity::ToHex(integrity::ChainLeafHash(parts->public_body));
    if (blake != cited.leaf_hash) return differs("leaf hash", blake, cited.leaf_hash);
  }
  auto proof_text = ReadFile(proof_file);
  if (!proof_text.ok()) return missing(proof_file, proof_text.status());
  auto proof = integrity::ParseTlogProof(*proof_text);
  if (!proof.ok()) return Bad(proof_file, proof.status().message());
  if (proof->index != cited.position - 1) {
    return Bad(proof_file, "proves leaf " + std::to_string(proof->index) + ", not leaf " +
                               std::to_string(cited.position - 1));
  }
  // A proof carrying the bundle's own checkpoint, byte for byte, needs
  // only its hashes checked (the signature was verified once); another
  // note (e.g. with cosignatures) is opened and verified in full.
  if (proof->checkpoint == bundle_head.note) {
    Status included = integrity::CheckInclusion(proof->inclusion_proof, head.size, head.root,
                                                proof->index, leaf);
    if (!included.ok()) return Bad(proof_file, included.message());
    return Status::Ok();
  }
  auto proven = integrity::VerifyTlogProof(*proof, leaf, keys);
  if (!proven.ok()) return Bad(proof_file, proven.status().message());
  if (proven->size != head.size || proven->root != head.root || proven->origin != head.origin) {
    return Bad(proof_file, "proves inclusion in another tree (size " +
                               std::to_string(proven->size) + ") than the bundle's checkpoint");
  }
  return Status::Ok();
}

}  // namespace

Result<BundleResult> VerifyBundle(const BundleCheck& check) {
  if (check.later_checkpoint.empty() != check.consistency.empty()) {
    return Status::InvalidArgument("--checkpoint and --consistency go together");
  }
  const fs::path dir(check.dir);
  auto vkey_text = ReadFile(check.vkey_file);
  if (!vkey_text.ok()) return vkey_text.status();
  auto vkey = integrity::ParseVerifierKey(FirstLine(*vkey_text));
  if (!vkey.ok()) return vkey.status().WithContext(check.vkey_file);
  const integrity::NoteVerifier keys[] = {*vkey};

  const fs::path checkpoint_file = dir / "checkpoint";
  auto note = ReadFile(checkpoint_file);
  if (!note.ok()) return note.status();
  auto head = integrity::OpenCheckpoint(*note, keys);
  if (!head.ok()) {
    if (head.status().IsCorruption()) return Bad(checkpoint_file, head.status().message());
    return head.status().WithContext(checkpoint_file.string());
  }

  const fs::path report_file = dir / "report.json";
  auto report_text = ReadFile(report_file);
  if (!report_text.ok()) return report_text.status();
  const nlohmann::json report = nlohmann::json::parse(*report_text, nullptr, false);
  if (report.is_discarded() || !report.is_object()) {
    return Bad(report_file, "not a JSON report");
  }
  const auto ledger = report.value("ledger", nlohmann::json());
  if (!ledger.is_object() || !ledger.contains("treeSize") ||
      !ledger["treeSize"].is_number_unsigned() || !ledger.contains("treeRoot")) {
    return Bad(report_file, "no ledger treeSize and treeRoot");
  }
  if (ledger["treeSize"].get<uint64_t>() != head->size ||
      Str(ledger, "treeRoot") != integrity::ToHex(head->root)) {
    return Bad(report_file, "the report's ledger (tree size " + ledger["treeSize"].dump() +
                                ") is not the tree of the checkpoint (size " +
                                std::to_string(head->size) + ")");
  }
  const Head bundle_head{*note, *head};
  std::map<uint64_t, Cited> cited;
  JEJAK_RETURN_IF_ERROR(CollectCited(report, &cited, report_file));
  for (const auto& [position, c] : cited) {
    if (position == 0 || position > head->size) {
      return Bad(report_file, "cites position " + std::to_string(position) +
                                  " outside the checkpoint's tree");
    }
    JEJAK_RETURN_IF_ERROR(CheckEvent(dir, c, bundle_head, keys));
  }

  BundleResult result;
  result.origin = head->origin;
  result.tree_size = head->size;
  result.events = cited.size();
  if (!check.later_checkpoint.empty()) {
    auto later_note = ReadFile(check.later_checkpoint);
    if (!later_note.ok()) return later_note.status();
    auto later = integrity::OpenCheckpoint(*later_note, keys);
    if (!later.ok()) return Bad(check.later_checkpoint, later.status().message());
    auto body = ReadFile(check.consistency);
    if (!body.ok()) return body.status();
    auto request = integrity::ParseAddCheckpointRequest(*body);
    if (!request.ok()) return Bad(check.consistency, request.status().message());
    if (request->old_size != head->size) {
      return Bad(check.consistency, "proves consistency from size " +
                                        std::to_string(request->old_size) +
                                        ", the bundle's tree has " + std::to_string(head->size));
    }
    Status consistent = integrity::CheckConsistency(request->consistency_proof, later->size,
                                                    later->root, head->size, head->root);
    if (!consistent.ok()) {
      return Bad(check.consistency, "the later checkpoint does not extend the bundle's tree: " +
                                        consistent.message());
    }
    result.later_size = later->size;
  }
  return result;
}

}  // namespace jejak::bundle
