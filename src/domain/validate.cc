// Stream ids, the envelope, the payload dispatch by stream kind, and the
// events allowed on any stream (corrected, retracted).
#include "jejak/domain/validate.h"

#include <string>
#include <vector>

#include "domain/field_checks.h"
#include "jejak/domain/date.h"
#include "jejak/domain/nip.h"
#include "jejak/domain/payload_kind.h"

namespace jejak::domain {

namespace {

using internal::CheckDate;
using internal::CheckFreeText;
using internal::CheckName;
using internal::FieldError;
using internal::FieldPath;
using internal::Join;
using jejak::View;
using schema::Payload;

constexpr size_t kStreamIdMax = 64;
constexpr size_t kEventIdMax = 128;

const char* KindPrefix(StreamKind k) {
  switch (k) {
    case StreamKind::kEmployee: return "emp/";
    case StreamKind::kSelection: return "sel/";
    case StreamKind::kAgency: return "org/";
  }
  return "?";
}

// The stream kind a payload member belongs to (HomeOf); nullopt for the
// members allowed on any stream and for unknown ones.
std::optional<StreamKind> HomeKind(Payload::Which w) {
  switch (HomeOf(w)) {
    case PayloadHome::kEmployee: return StreamKind::kEmployee;
    case PayloadHome::kSelection: return StreamKind::kSelection;
    case PayloadHome::kAgency: return StreamKind::kAgency;
    case PayloadHome::kAnyStream:
    case PayloadHome::kUnknown: return std::nullopt;
  }
  return std::nullopt;
}

// The payload member's field name of discriminant `which` ("recruited"),
// or "" for none: read from the schema once (a schema walk per event was
// ~1k instructions).
std::string_view PayloadMemberName(uint16_t which) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto field : capnp::Schema::from<Payload>().getUnionFields()) {
      const auto proto = field.getProto();
      const uint16_t d = proto.getDiscriminantValue();
      if (out.size() <= d) out.resize(d + 1u);
      out[d] = proto.getName().cStr();
    }
    return out;
  }();
  return which < names.size() ? std::string_view(names[which]) : std::string_view();
}

Status ValidateCorrected(schema::Corrected::Reader r, StreamKind kind, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(internal::CheckEventRef(Join(p, "target"), r.getTarget(),
                                                Join(p, "targetEventId"), r.getTargetEventId()));
  const FieldPath rp = Join(p, "replacement");
  const auto w = r.getReplacement().which();
  if (w == Payload::CORRECTED || w == Payload::RETRACTED) {
    return FieldError(rp, "a replacement cannot itself be a correction or retraction");
  }
  JEJAK_RETURN_IF_ERROR(ValidatePayload(r.getReplacement(), kind, rp));
  JEJAK_RETURN_IF_ERROR(CheckFreeText(Join(p, "reason"), r.getReason(), true));
  return CheckName(Join(p, "authority"), r.getAuthority(), true);
}

Status ValidateRetracted(schema::Retracted::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(internal::CheckEventRef(Join(p, "target"), r.getTarget(),
                                                Join(p, "targetEventId"), r.getTargetEventId()));
  JEJAK_RETURN_IF_ERROR(CheckFreeText(Join(p, "reason"), r.getReason(), true));
  return CheckName(Join(p, "authority"), r.getAuthority(), true);
}

// Checks of a `recruited` payload against its envelope: the NIP is the
// stream's, and the appointment (the envelope's TMT; for a correction, the
// TMT of the fact as corrected, docs/events.md) is not before the birth.
Status CheckRecruitedInEnvelope(Payload::Reader payload, std::string_view path,
                                std::string_view stream, uint32_t effective_date) {
  if (payload.which() != Payload::RECRUITED) return Status::Ok();
  auto r = payload.getRecruited();
  const FieldPath p = Join(path, "recruited");
  if (View(r.getNip()) != stream.substr(4)) {
    return FieldError(Join(p, "nip"), "differs from the stream's NIP (" +
                                          std::string(stream) + ")");
  }
  if (effective_date < r.getBirthDate().getYyyymmdd()) {
    return FieldError("effectiveDate", "TMT " + FormatDate(effective_date) +
                                           " is before the birth date " +
                                           FormatDate(r.getBirthDate().getYyyymmdd()));
  }
  return Status::Ok();
}

Status CheckEnvelope(schema::EventInput::Reader in) {
  JEJAK_RETURN_IF_ERROR(internal::CheckEventId("eventId", in.getEventId()));
  const auto ev = in.getExpectedVersion();
  if (ev.which() > schema::ExpectedVersion::EXACT) {
    return FieldError("expectedVersion", "unknown kind " + std::to_string(ev.which()));
  }
  JEJAK_RETURN_IF_ERROR(CheckDate("effectiveDate", in.getEffectiveDate(), true));
  const auto actor = in.getActor();
  JEJAK_RETURN_IF_ERROR(CheckName("actor.user", actor.getUser(), false));
  JEJAK_RETURN_IF_ERROR(CheckName("actor.role", actor.getRole(), false));
  JEJAK_RETURN_IF_ERROR(internal::CheckId("actor.agency", actor.getAgency(), false));
  const auto source = in.getSource();
  JEJAK_RETURN_IF_ERROR(CheckName("source.decreeNumber", source.getDecreeNumber(), false));
  JEJAK_RETURN_IF_ERROR(CheckName("source.signer", source.getSigner(), false));
  JEJAK_RETURN_IF_ERROR(CheckName("source.migration", source.getMigration(), false));
  return CheckDate("source.signingDate", source.getSigningDate(), false);
}

}  // namespace

Result<StreamKind> ParseStreamId(std::string_view stream) {
  auto bad = [&](const std::string& why) {
    std::string shown(stream.substr(0, 80));
    if (stream.size() > 80) shown += "...";
    return Status::InvalidArgument("stream \"" + shown + "\": " + why);
  };
  StreamKind kind;
  if (stream.substr(0, 4) == "emp/") {
    kind = StreamKind::kEmployee;
  } else if (stream.substr(0, 4) == "sel/") {
    kind = StreamKind::kSelection;
  } else if (stream.substr(0, 4) == "org/") {
    kind = StreamKind::kAgency;
  } else {
    return bad("must start with emp/, sel/ or org/");
  }
  const std::string_view id = stream.substr(4);
  if (id.empty() || id.size() > kStreamIdMax) {
    return bad("the id after the prefix must be 1.." + std::to_string(kStreamIdMax) +
               " characters");
  }
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return bad("the id may only hold A-Z a-z 0-9 . _ -");
  }
  if (kind == StreamKind::kEmployee) {
    Result<NipParts> nip = ParseNip(id, /*pppk=*/true);
    if (!nip.ok()) return bad(nip.status().message());
  }
  return kind;
}

Status ValidatePayload(Payload::Reader payload, StreamKind kind, std::string_view path) {
  const auto which = payload.which();
  if (which == Payload::UNSPECIFIED) {
    return FieldError(path, "no event kind set (exactly one payload member is required)");
  }
  if (const std::string_view member = PayloadMemberName(which); !member.empty()) {
    const FieldPath p = Join(path, member);
    if (which == Payload::CORRECTED) return ValidateCorrected(payload.getCorrected(), kind, p);
    if (which == Payload::RETRACTED) return ValidateRetracted(payload.getRetracted(), p);
    const std::optional<StreamKind> home = HomeKind(which);
    if (!home) return FieldError(path, "unknown event kind " + std::to_string(which));
    if (home != kind) {
      return FieldError(p, std::string("belongs on ") + KindPrefix(*home) +
                               " streams, not on " + KindPrefix(kind));
    }
    switch (kind) {
      case StreamKind::kEmployee: return internal::ValidateEmployeePayload(payload, p);
      case StreamKind::kSelection: return internal::ValidateSelectionPayload(payload, p);
      case StreamKind::kAgency: return internal::ValidateAgencyPayload(payload, p);
    }
  }
  return FieldError(path, "unknown event kind " + std::to_string(which));
}

Status ValidateEventInput(schema::EventInput::Reader in) {
  Result<StreamKind> kind = ParseStreamId(View(in.getStream()));
  if (!kind.ok()) return kind.status();
  return ValidateEventInput(in, *kind);
}

Status ValidateEventInput(schema::EventInput::Reader in, StreamKind kind) {
  const std::string_view stream = View(in.getStream());
  JEJAK_RETURN_IF_ERROR(CheckEnvelope(in));
  const auto payload = in.getPayload();
  JEJAK_RETURN_IF_ERROR(ValidatePayload(payload, kind, "payload"));
  if (kind != StreamKind::kEmployee) return Status::Ok();
  const uint32_t tmt = in.getEffectiveDate().getYyyymmdd();
  if (payload.which() == Payload::CORRECTED) {
    return CheckRecruitedInEnvelope(payload.getCorrected().getReplacement(),
                                    "payload.corrected.replacement", stream, tmt);
  }
  return CheckRecruitedInEnvelope(payload, "payload", stream, tmt);
}

namespace internal {

Status CheckEventId(std::string_view path, capnp::Text::Reader id) {
  if (id.size() == 0) return FieldError(path, "required, is empty");
  if (id.size() > kEventIdMax) {
    return FieldError(path, "too long (" + std::to_string(id.size()) + " bytes, at most " +
                                std::to_string(kEventIdMax) + ")");
  }
  for (size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (c < 0x21 || c > 0x7e) {
      return FieldError(path, "byte " + std::to_string(i) + " is not printable ASCII (no spaces)");
    }
  }
  return Status::Ok();
}

Status CheckEventRef(std::string_view position_path, uint64_t position,
                     std::string_view id_path, capnp::Text::Reader id) {
  if (id.size() > 0) return CheckEventId(id_path, id);
  if (position < 1) {
    return FieldError(position_path, "must be a position >= 1 (or give " +
                                         std::string(id_path) + ")");
  }
  return Status::Ok();
}

}  // namespace internal

}  // namespace jejak::domain
