#include "jejak/integrity/checkpoint.h"

#include <limits>

#include "jejak/integrity/base64.h"

namespace jejak::integrity {

namespace {

// A field holds one line: valid note text once "\n" is added (no "\n",
// no control character, valid UTF-8).
Status ValidateLine(std::string_view field, const std::string& line) {
  if (line.empty()) return Status::InvalidArgument("checkpoint " + std::string(field) + ": empty");
  if (line.find('\n') != std::string::npos) {
    return Status::InvalidArgument("checkpoint " + std::string(field) + ": holds a newline");
  }
  Status s = ValidateNoteText(line + "\n");
  if (!s.ok())
    return Status::InvalidArgument("checkpoint " + std::string(field) + ": " + s.message());
  return Status::Ok();
}

}  // namespace

std::optional<uint64_t> ParseCanonicalDecimal(std::string_view s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

Status ValidateCheckpoint(const Checkpoint& checkpoint) {
  JEJAK_RETURN_IF_ERROR(ValidateLine("origin", checkpoint.origin));
  for (size_t i = 0; i < checkpoint.extensions.size(); ++i) {
    JEJAK_RETURN_IF_ERROR(
        ValidateLine("extension line " + std::to_string(i + 1), checkpoint.extensions[i]));
  }
  return Status::Ok();
}

std::string FormatCheckpoint(const Checkpoint& checkpoint) {
  std::string out = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                    Base64Encode(checkpoint.root) + "\n";
  for (const std::string& line : checkpoint.extensions) out += line + "\n";
  return out;
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  Status valid = ValidateNoteText(text);
  if (!valid.ok()) return Status::InvalidArgument("checkpoint: " + valid.message());
  std::vector<std::string_view> lines;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);  // found: the text ends in "\n"
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  if (lines.size() < 3) {
    return Status::InvalidArgument("checkpoint: " + std::to_string(lines.size()) +
                                   " lines, want origin, size and root hash");
  }
  Checkpoint c;
  if (lines[0].empty()) return Status::InvalidArgument("checkpoint line 1: empty origin");
  c.origin = lines[0];
  const auto size = ParseCanonicalDecimal(lines[1]);
  if (!size) {
    return Status::InvalidArgument("checkpoint line 2: tree size \"" + std::string(lines[1]) +
                                   "\" is not a canonical decimal number");
  }
  c.size = *size;
  auto root = Base64Decode(lines[2]);
  if (!root.ok() || root->size() != c.root.size()) {
    return Status::InvalidArgument("checkpoint line 3: root hash is not base64 of 32 bytes");
  }
  std::copy(root->begin(), root->end(), c.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      return Status::InvalidArgument("checkpoint line " + std::to_string(i + 1) +
                                     ": empty extension line");
    }
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

Result<Checkpoint> ParseSignedCheckpoint(std::string_view signed_note,
                                         const NoteLimits& limits) {
  auto note = ParseNote(signed_note, limits);
  if (!note.ok()) return note.status();
  return ParseCheckpoint(note->text);
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, std::span<const NoteVerifier> known,
                                  const NoteLimits& limits) {
  auto note = OpenNote(signed_note, known, limits);
  if (!note.ok()) return note.status();
  return ParseCheckpoint(note->text);
}

}  // namespace jejak::integrity
