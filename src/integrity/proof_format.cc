#include "jejak/integrity/proof_format.h"

#include <algorithm>

#include "jejak/integrity/base64.h"
#include "jejak/integrity/merkle.h"

namespace jejak::integrity {

namespace {

// Reads "\n"-terminated lines off the front of a text, counting them for
// error messages.
class LineReader {
 public:
  LineReader(std::string_view text, std::string_view format) : rest_(text), format_(format) {}

  // The next line without its "\n"; InvalidArgument at the end of the text
  // or when the line has no "\n".
  Result<std::string_view> Next(std::string_view what) {
    ++number_;
    const size_t end = rest_.find('\n');
    if (end == std::string_view::npos) {
      return Error(rest_.empty() ? "missing " + std::string(what)
                                 : std::string(what) + " does not end in a newline");
    }
    std::string_view line = rest_.substr(0, end);
    rest_.remove_prefix(end + 1);
    return line;
  }

  // InvalidArgument "<format> line <n>: <message>" for the last line read.
  Status Error(const std::string& message) const {
    return Status::InvalidArgument(std::string(format_) + " line " + std::to_string(number_) +
                                   ": " + message);
  }

  std::string_view rest() const { return rest_; }
  size_t number() const { return number_; }

 private:
  std::string_view rest_;
  std::string_view format_;
  size_t number_ = 0;
};

// "<prefix><canonical decimal>".
Result<uint64_t> ReadNumberLine(LineReader& in, std::string_view prefix) {
  auto line = in.Next(std::string(prefix) + "line");
  if (!line.ok()) return line.status();
  if (!line->starts_with(prefix)) {
    return in.Error("want \"" + std::string(prefix) + "<number>\"");
  }
  const auto n = ParseCanonicalDecimal(line->substr(prefix.size()));
  if (!n) return in.Error("\"" + std::string(*line) + "\" is not a canonical decimal number");
  return *n;
}

// Hash lines up to and including the empty line that ends them.
Result<std::vector<Hash>> ReadHashLines(LineReader& in, size_t max_hashes) {
  std::vector<Hash> hashes;
  for (;;) {
    auto line = in.Next("empty line before the checkpoint");
    if (!line.ok()) return line.status();
    if (line->empty()) return hashes;
    if (hashes.size() == max_hashes) {
      return in.Error("more than " + std::to_string(max_hashes) + " proof hashes");
    }
    auto bytes = Base64Decode(*line);
    if (!bytes.ok() || bytes->size() != Hash().size()) {
      return in.Error("proof hash is not base64 of 32 bytes");
    }
    Hash& h = hashes.emplace_back();
    std::copy(bytes->begin(), bytes->end(), h.begin());
  }
}

// The rest of the text as a signed checkpoint: its size, for the caller's
// checks.
Result<Checkpoint> ReadCheckpoint(const LineReader& in, const NoteLimits& limits) {
  const std::string where = "checkpoint from line " + std::to_string(in.number() + 1);
  auto note = ParseNote(in.rest(), limits);
  if (!note.ok()) return note.status().WithContext(where);
  auto checkpoint = ParseCheckpoint(note->text);
  if (!checkpoint.ok()) return checkpoint.status().WithContext(where);
  return checkpoint;
}

std::string HashLines(std::span<const Hash> hashes) {
  std::string out;
  for (const Hash& h : hashes) out += Base64Encode(h) + "\n";
  return out;
}

Status CheckLength(std::string_view text, std::string_view format, const NoteLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status::InvalidArgument(std::string(format) + ": " + std::to_string(text.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(limits.max_bytes));
  }
  return Status::Ok();
}

}  // namespace

std::string FormatTlogProof(const TlogProof& proof) {
  std::string out = std::string(kTlogProofHeader) + "\n";
  if (proof.extra) out += "extra " + Base64Encode(*proof.extra) + "\n";
  out += "index " + std::to_string(proof.index) + "\n";
  out += HashLines(proof.inclusion_proof) + "\n" + proof.checkpoint;
  return out;
}

Result<TlogProof> ParseTlogProof(std::string_view text, const NoteLimits& limits) {
  JEJAK_RETURN_IF_ERROR(CheckLength(text, "tlog-proof", limits));
  LineReader in(text, "tlog-proof");
  auto header = in.Next("header line");
  if (!header.ok()) return header.status();
  if (*header != kTlogProofHeader) {
    return in.Error("want \"" + std::string(kTlogProofHeader) + "\"");
  }
  TlogProof proof;
  // The optional extra line, told apart from the index line by its prefix.
  if (in.rest().starts_with("extra ")) {
    auto line = in.Next("extra line");
    if (!line.ok()) return line.status();
    auto extra = Base64Decode(line->substr(6));
    if (!extra.ok()) return in.Error("extra data is not base64");
    proof.extra.emplace(extra->begin(), extra->end());
  }
  auto index = ReadNumberLine(in, "index ");
  if (!index.ok()) return index.status();
  proof.index = *index;
  auto hashes = ReadHashLines(in, kMaxInclusionProofHashes);
  if (!hashes.ok()) return hashes.status();
  proof.inclusion_proof = std::move(*hashes);
  auto checkpoint = ReadCheckpoint(in, limits);
  if (!checkpoint.ok()) return checkpoint.status();
  proof.checkpoint = in.rest();
  return proof;
}

Result<Checkpoint> VerifyTlogProof(const TlogProof& proof, const Hash& leaf_hash,
                                   std::span<const NoteVerifier> known, const NoteLimits& limits) {
  auto checkpoint = OpenCheckpoint(proof.checkpoint, known, limits);
  if (!checkpoint.ok()) return checkpoint.status();
  Status s = CheckInclusion(proof.inclusion_proof, checkpoint->size, checkpoint->root, proof.index,
                            leaf_hash);
  if (!s.ok()) {
    return s.WithContext("inclusion of leaf " + std::to_string(proof.index) + " in " +
                         checkpoint->origin + " at size " + std::to_string(checkpoint->size));
  }
  return checkpoint;
}

std::string FormatAddCheckpointRequest(const AddCheckpointRequest& request) {
  return "old " + std::to_string(request.old_size) + "\n" + HashLines(request.consistency_proof) +
         "\n" + request.checkpoint;
}

Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body,
                                                       const NoteLimits& limits) {
  JEJAK_RETURN_IF_ERROR(CheckLength(body, "add-checkpoint", limits));
  LineReader in(body, "add-checkpoint");
  AddCheckpointRequest request;
  auto old_size = ReadNumberLine(in, "old ");
  if (!old_size.ok()) return old_size.status();
  request.old_size = *old_size;
  auto hashes = ReadHashLines(in, kMaxConsistencyProofHashes);
  if (!hashes.ok()) return hashes.status();
  request.consistency_proof = std::move(*hashes);
  auto checkpoint = ReadCheckpoint(in, limits);
  if (!checkpoint.ok()) return checkpoint.status();
  if (request.old_size > checkpoint->size) {
    return Status::InvalidArgument(
        "add-checkpoint line 1: old size " + std::to_string(request.old_size) +
        " exceeds the checkpoint's size " + std::to_string(checkpoint->size));
  }
  request.checkpoint = in.rest();
  return request;
}

}  // namespace jejak::integrity
