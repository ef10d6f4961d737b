#include "jejak/store/event_store.h"

#include <charconv>
#include <cstring>

namespace jejak::store {

namespace {

ExpectedVersion ExpectedOf(schema::EventInput::Reader in) {
  if (!in.hasExpectedVersion()) return ExpectedVersion::Any();
  auto ev = in.getExpectedVersion();
  switch (ev.which()) {
    case schema::ExpectedVersion::NO_STREAM: return ExpectedVersion::NoStream();
    case schema::ExpectedVersion::EXACT: return ExpectedVersion::Exact(ev.getExact());
    default: return ExpectedVersion::Any();
  }
}

}  // namespace

std::vector<StreamAppend> StreamRuns(std::span<const NewEvent> events) {
  std::vector<StreamAppend> runs;
  size_t i = 0;
  while (i < events.size()) {
    auto first = events[i].reader();
    std::string stream = first.getStream();
    const ExpectedVersion expected = ExpectedOf(first);
    size_t j = i + 1;
    while (j < events.size()) {
      auto next = events[j].reader();
      if (next.getStream() != stream.c_str()) break;
      if (ExpectedOf(next).kind != ExpectedVersion::Kind::kAny) break;
      ++j;
    }
    runs.push_back({std::move(stream), expected, events.subspan(i, j - i)});
    i = j;
  }
  return runs;
}

std::optional<size_t> EventIndexOfError(const Status& s) {
  const std::string& m = s.message();
  for (size_t at = m.find("event "); at != std::string::npos; at = m.find("event ", at + 1)) {
    const char* begin = m.data() + at + std::strlen("event ");
    size_t index = 0;
    auto [ptr, ec] = std::from_chars(begin, m.data() + m.size(), index);
    if (ec != std::errc() || ptr == begin) continue;
    return index;
  }
  return std::nullopt;
}

}  // namespace jejak::store
