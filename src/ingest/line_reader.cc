#include "ingest/line_reader.h"

namespace jejak::ingest::internal {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

LineReader::LineReader(std::istream* in, size_t max_line_bytes)
    : source_(in), max_line_bytes_(max_line_bytes) {}

bool LineReader::SkipRestOfLine() {
  while (true) {
    const std::string_view avail = source_.Available();
    if (avail.empty()) return false;
    const size_t lf = avail.find('\n');
    if (lf != std::string_view::npos) {
      source_.Consume(lf + 1);
      return true;
    }
    source_.Consume(avail.size());
  }
}

Result<bool> LineReader::Next(std::string* line) {
  line->clear();
  if (skipping_) {
    skipping_ = false;
    SkipRestOfLine();
  }
  if (!started_) {
    started_ = true;
    if (source_.Available().starts_with(kBom)) source_.Consume(kBom.size());
  }
  bool any = false;  // a byte of this line was seen (else: the end)
  while (true) {
    const std::string_view avail = source_.Available();
    if (avail.empty()) {
      if (!source_.status().ok()) {
        return source_.status().WithContext("line " + std::to_string(line_no_ + 1));
      }
      if (!any) return false;
      break;  // a last line without its LF
    }
    any = true;
    const size_t lf = avail.find('\n');
    const std::string_view piece = avail.substr(0, lf);
    const size_t used = lf == std::string_view::npos ? avail.size() : lf + 1;
    const size_t nul = piece.find('\0');
    if (nul != std::string_view::npos || line->size() + piece.size() > max_line_bytes_) {
      // Refused before the rest of the line is read; the next call skips it.
      ++line_no_;
      source_.Consume(used);
      skipping_ = lf == std::string_view::npos;
      const std::string where = "line " + std::to_string(line_no_) + ": ";
      if (nul != std::string_view::npos) {
        return Status::InvalidArgument(where + "a NUL byte at byte " +
                                       std::to_string(line->size() + nul + 1) +
                                       " (text has none: save the file as UTF-8, not UTF-16)");
      }
      return Status::InvalidArgument(where + "longer than the limit of " +
                                     std::to_string(max_line_bytes_) + " bytes");
    }
    line->append(piece);
    source_.Consume(used);
    if (lf != std::string_view::npos) break;
  }
  ++line_no_;
  return true;
}

}  // namespace jejak::ingest::internal
