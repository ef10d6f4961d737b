#include "jejak/integrity/entry.h"

#include <cstring>
#include <vector>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include "jejak/integrity/merkle.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::integrity {

namespace {

constexpr std::string_view kPersonalPrefix = "jejak.personal.v1";

}  // namespace

// A kind added later names its own personal fields here when it is added
// (an existing kind's list never changes, as it would change the entries
// of recorded events).
bool ClearPersonalFields(schema::Payload::Builder payload) {
  switch (payload.which()) {
    case schema::Payload::RECRUITED: {
      auto r = payload.getRecruited();
      r.disownName();
      r.disownNik();
      r.disownBirthDate();
      return true;
    }
    case schema::Payload::RELATIONSHIP_DECLARED:
      payload.getRelationshipDeclared().disownOtherName();
      return true;
    case schema::Payload::CANDIDATE_REGISTERED:
      payload.getCandidateRegistered().disownName();
      return true;
    case schema::Payload::CORRECTED:
      return payload.getCorrected().hasReplacement() &&
             ClearPersonalFields(payload.getCorrected().getReplacement());
    default:
      return false;
  }
}

bool MayHavePersonalFields(schema::Payload::Which kind) {
  return kind == schema::Payload::RECRUITED ||
         kind == schema::Payload::RELATIONSHIP_DECLARED ||
         kind == schema::Payload::CANDIDATE_REGISTERED ||
         kind == schema::Payload::CORRECTED;
}

Status ReadEventBody(std::string_view body,
                     const std::function<void(schema::Event::Reader)>& read) {
  if (body.empty() || body.size() % sizeof(capnp::word) != 0) {
    return Status::Corruption("event body of " + std::to_string(body.size()) +
                              " bytes is not a whole number of words");
  }
  // An aligned copy: the body may sit anywhere in a caller's buffer.
  std::vector<capnp::word> words(body.size() / sizeof(capnp::word));
  std::memcpy(words.data(), body.data(), body.size());
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
                kj::ArrayPtr<const capnp::word> segments[1] = {
                    kj::arrayPtr(words.data(), words.size())};
                capnp::ReaderOptions options;
                options.traversalLimitInWords = words.size() * 64 + 1024;
                options.nestingLimit = 64;
                capnp::SegmentArrayMessageReader reader(segments, options);
                read(reader.getRoot<schema::Event>());
              })) {
    return Status::Corruption(std::string("event body does not decode: ") +
                              e->getDescription().cStr());
  }
  return Status::Ok();
}

Result<bool> RedactPersonalFields(std::string_view body, std::string* public_body) {
  bool personal = false;
  Status read = ReadEventBody(body, [&](schema::Event::Reader event) {
    if (!MayHavePersonalFields(event.getPayload().which())) return;
    capnp::MallocMessageBuilder builder(static_cast<capnp::uint>(body.size() / 8 + 8));
    builder.setRoot(event);
    personal = ClearPersonalFields(builder.getRoot<schema::Event>().getPayload());
    if (!personal) return;
    auto canonical = capnp::canonicalize(builder.getRoot<schema::Event>().asReader());
    auto bytes = canonical.asBytes();
    public_body->assign(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
  });
  if (!read.ok()) return read.WithContext("entry");
  return personal;
}

Hash PersonalCommitment(const Salt& salt, std::string_view body) {
  Sha256Hasher h;
  h.Update(kPersonalPrefix);
  h.Update(std::string_view(reinterpret_cast<const char*>(salt.data()), salt.size()));
  h.Update(body);
  return h.Final();
}

Hash EntryLeafHash(std::string_view public_body, const Hash& commitment) {
  return RecordHash(public_body,
                    std::string_view(reinterpret_cast<const char*>(commitment.data()),
                                     commitment.size()));
}

std::string ComposeEntry(std::string_view public_body, const Hash& commitment) {
  std::string entry;
  entry.reserve(public_body.size() + commitment.size());
  entry.append(public_body);
  entry.append(reinterpret_cast<const char*>(commitment.data()), commitment.size());
  return entry;
}

Result<EntryParts> SplitEntry(std::string_view entry) {
  if (entry.size() < kCommitmentBytes + sizeof(capnp::word) ||
      (entry.size() - kCommitmentBytes) % sizeof(capnp::word) != 0) {
    return Status::InvalidArgument("entry of " + std::to_string(entry.size()) +
                                   " bytes: want a body of whole 8-byte words and a "
                                   "32-byte commitment");
  }
  EntryParts parts;
  parts.public_body = entry.substr(0, entry.size() - kCommitmentBytes);
  std::memcpy(parts.commitment.data(), entry.data() + parts.public_body.size(),
              kCommitmentBytes);
  return parts;
}

}  // namespace jejak::integrity
