#include "jejak/ingest/import_check.h"

#include <capnp/message.h>
#include <kj/exception.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "ingest/event_diff.h"
#include "jejak/domain/date.h"
#include "jejak/domain/payload_kind.h"
#include "jejak/integrity/sha256.h"

namespace jejak::ingest {

namespace {

using Digest = std::array<uint8_t, 16>;

struct DigestHash {
  size_t operator()(const Digest& d) const {
    uint64_t v;
    std::memcpy(&v, d.data(), sizeof v);
    return static_cast<size_t>(v);
  }
};

template <typename Reader>
std::string_view CanonicalBytes(Reader reader, kj::Array<capnp::word>* words) {
  *words = capnp::canonicalize(reader);
  const auto bytes = words->asBytes();
  return std::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

Digest Truncated(const integrity::Hash& h) {
  Digest d;
  std::copy_n(h.begin(), d.size(), d.begin());
  return d;
}

// What makes two events the same fact whatever their ids and envelopes:
// the stream, the TMT and the payload.
Digest Fact(std::string_view stream, uint32_t effective_date, schema::Payload::Reader payload) {
  kj::Array<capnp::word> words;
  const std::string_view payload_bytes = CanonicalBytes(payload, &words);
  const std::string date = std::to_string(effective_date);
  integrity::Sha256Hasher h;
  h.Update(stream).Update(std::string_view("\0", 1)).Update(date).Update(std::string_view("\0", 1));
  return Truncated(h.Update(payload_bytes).Final());
}

// The whole event as submitted.
Digest Content(schema::EventInput::Reader in) {
  kj::Array<capnp::word> words;
  return Truncated(integrity::Sha256(CanonicalBytes(in, &words)));
}

std::string DateText(uint32_t yyyymmdd) {
  return yyyymmdd == 0 ? std::string("no TMT") : "TMT " + domain::FormatDate(yyyymmdd);
}

}  // namespace

struct ImportCheck::State {
  struct Stream {
    bool exists = false;         // in the ledger
    uint64_t recruited_row = 0;  // the row to be appended that recruits it
    std::unordered_map<Digest, uint64_t, DigestHash> recorded;  // fact -> position
  };
  struct Row {
    uint64_t row = 0;
    Digest content{};
  };
  std::unordered_map<std::string, Stream> streams;
  std::unordered_map<std::string, Row> ids;                     // of rows checked
  std::unordered_map<Digest, uint64_t, DigestHash> facts;       // of rows to append -> row
};

ImportCheck::ImportCheck(store::EventStore* store, const codec::EventJson* json,
                         ImportCheckOptions options)
    : store_(store), json_(json), options_(options), state_(std::make_unique<State>()) {}

ImportCheck::~ImportCheck() = default;

Result<ImportVerdict> ImportCheck::Check(const store::NewEvent& event, uint64_t row,
                                         std::string_view key) {
  using Kind = ImportVerdict::Kind;
  const auto in = event.reader();
  const std::string stream = in.getStream();
  const std::string id = in.getEventId();
  const std::string where = "row " + std::to_string(row) + ": ";
  const std::string keyed = key.empty() ? "" : " (" + std::string(key) + ")";
  ++counts_.checked;
  ImportVerdict v;

  // The same id earlier in this input.
  const Digest content = Content(in);
  if (auto it = state_->ids.find(id); it != state_->ids.end()) {
    v.row = it->second.row;
    if (it->second.content == content) {
      ++counts_.repeated;
      v.kind = Kind::kRepeatsRow;
      v.message = where + "repeats row " + std::to_string(v.row) + " (the same event" + keyed +
                  "): not appended twice";
    } else {
      ++counts_.refused;
      v.kind = Kind::kKeyClash;
      v.message = where + "has the key of row " + std::to_string(v.row) + keyed +
                  " but other content: both would be event \"" + id +
                  "\". Fix the row, or add to the mapping's key a column that tells them apart";
      v.error = Status::InvalidArgument(v.message);
    }
    return v;
  }
  state_->ids[id] = {row, content};

  // The id recorded already.
  auto found = store_->FindEventId(id);
  if (!found.ok() && !found.status().IsNotFound()) return found.status();
  if (found.ok()) {
    v.position = *found;
    auto recorded = store_->ReadAt(*found);
    if (!recorded.ok()) return recorded.status();
    std::vector<std::string> differences;
    KJ_IF_MAYBE (e, kj::runCatchingExceptions([&] {
                   differences = internal::EventDifferences(*json_, in, recorded->event());
                 })) {
      return Status::Corruption("reading the event at position " + std::to_string(*found) +
                                ": " + e->getDescription().cStr());
    }
    if (differences.empty()) {
      ++counts_.recorded;
      v.kind = Kind::kRecorded;
      return v;
    }
    ++counts_.recorded_otherwise;
    v.kind = Kind::kRecordedOtherwise;
    // The first few differences say enough; a row whose id now names
    // another record differs everywhere.
    constexpr size_t kShown = 6;
    std::string list;
    for (size_t i = 0; i < differences.size() && i < kShown; ++i) {
      list += (list.empty() ? "" : "; ") + differences[i];
    }
    if (differences.size() > kShown) {
      list += "; and " + std::to_string(differences.size() - kShown) + " more";
    }
    v.message = where + "event \"" + id + "\"" + keyed + " is recorded at position " +
                std::to_string(v.position) + " with other content: " + list +
                ". A recorded event never changes: import with the mapping as it was, or "
                "record a correction";
    v.error = Status::Conflict(v.message);
    return v;
  }

  // The stream as the ledger has it, once per stream.
  auto [it, fresh] = state_->streams.try_emplace(stream);
  State::Stream& st = it->second;
  if (fresh) {
    auto events = store_->ReadStream(stream);
    if (!events.ok() && !events.status().IsNotFound()) return events.status();
    if (events.ok()) {
      st.exists = true;
      KJ_IF_MAYBE (e, kj::runCatchingExceptions([&] {
                     std::unordered_map<uint64_t, uint32_t> dates;  // position -> TMT
                     for (const store::RecordedEvent& r : *events) {
                       const auto ev = r.event();
                       const uint32_t date = ev.getEffectiveDate().getYyyymmdd();
                       dates[r.position()] = date;
                       const auto payload = ev.getPayload();
                       st.recorded.emplace(Fact(stream, date, payload), r.position());
                       // A correction states the fact its target should have said.
                       if (payload.isCorrected()) {
                         const auto c = payload.getCorrected();
                         if (auto t = dates.find(c.getTarget()); t != dates.end()) {
                           st.recorded.emplace(Fact(stream, t->second, c.getReplacement()),
                                               r.position());
                         }
                       }
                     }
                   })) {
        return Status::Corruption("reading stream " + stream + ": " + e->getDescription().cStr());
      }
    }
  }

  const auto payload = in.getPayload();
  const bool recruits = payload.isRecruited();
  if (stream.starts_with("emp/") && !st.exists && st.recruited_row == 0 && !recruits) {
    ++counts_.refused;
    v.kind = Kind::kNoRecruitment;
    v.message = where + stream + " has no recruited event, in the ledger or an earlier row: "
                "the employee's recruitment (CPNS) row must come first";
    v.error = Status::InvalidArgument(v.message);
    state_->ids.erase(id);
    return v;
  }

  const uint32_t date = in.getEffectiveDate().getYyyymmdd();
  const Digest fact = Fact(stream, date, payload);
  const std::string what = "the same employee, " + domain::PayloadKindName(payload.which()) +
                           ", " + DateText(date) + " and payload";
  const std::string allow = options_.allow_duplicates
                                ? ": kept all the same (--allow-duplicates)"
                                : ": not appended (--allow-duplicates would append it)";
  if (auto r = st.recorded.find(fact); r != st.recorded.end()) {
    ++counts_.probable_recorded;
    v.kind = Kind::kProbableDuplicate;
    v.position = r->second;
    std::string recorded_id;
    if (auto e = store_->ReadAt(v.position); e.ok()) {
      KJ_IF_MAYBE (x, kj::runCatchingExceptions(
                          [&] { recorded_id = e->event().getEventId().cStr(); })) {
        (void)x;  // named by position only
      }
    }
    v.message = where + "probably a duplicate of the event recorded at position " +
                std::to_string(v.position) +
                (recorded_id.empty() ? "" : " as \"" + recorded_id + "\"") + " (" + what +
                "; this row's id would be \"" + id + "\")" + allow;
  } else if (auto f = state_->facts.find(fact); f != state_->facts.end()) {
    ++counts_.probable_in_input;
    v.kind = Kind::kDuplicateOfRow;
    v.row = f->second;
    v.message = where + "probably a duplicate of row " + std::to_string(v.row) + " (" + what +
                "; another key" + keyed + ")" + allow;
  }
  if (v.kind != Kind::kAppend) {
    if (!options_.allow_duplicates) {
      v.error = Status::Conflict(v.message);
      state_->ids.erase(id);
      return v;
    }
  }
  v.append = true;
  ++counts_.to_append;
  state_->facts.try_emplace(fact, row);
  if (recruits && st.recruited_row == 0) st.recruited_row = row;
  return v;
}

void ImportCheck::Refused(const store::NewEvent& event, uint64_t row) {
  const auto in = event.reader();
  const std::string id = in.getEventId();
  if (auto it = state_->ids.find(id); it != state_->ids.end() && it->second.row == row) {
    state_->ids.erase(it);
  }
  const std::string stream = in.getStream();
  const Digest fact = Fact(stream, in.getEffectiveDate().getYyyymmdd(), in.getPayload());
  if (auto it = state_->facts.find(fact); it != state_->facts.end() && it->second == row) {
    state_->facts.erase(it);
  }
  if (auto it = state_->streams.find(stream);
      it != state_->streams.end() && it->second.recruited_row == row) {
    it->second.recruited_row = 0;
  }
  if (counts_.to_append > 0) --counts_.to_append;
}

std::string ImportCheck::AlreadyImportedWarning() const {
  const uint64_t known = counts_.recorded + counts_.recorded_otherwise + counts_.probable_recorded;
  if (counts_.checked < 2 || 2 * known <= counts_.checked) return "";
  return std::to_string(known) + " of the " + std::to_string(counts_.checked) +
         " rows that make an event are in the ledger already (by their key, or as probable "
         "duplicates): was this file, or another export of the same records, imported before? "
         "Those rows are not appended again";
}

}  // namespace jejak::ingest
