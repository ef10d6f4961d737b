// Field-level checks shared by the per-stream-kind validators (internal).
//
// Every check takes the field path ("payload.recruited.name") and returns
// InvalidArgument with a message starting with that path, or OK.
#pragma once

#include <capnp/schema.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "jejak/domain/validate.h"
#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"
#include "jejak/status.h"
#include "jejak/text_view.h"

namespace jejak::domain::internal {

// Length limits of text fields, in bytes.
inline constexpr size_t kIdMax = 64;          // ids and codes
inline constexpr size_t kNameMax = 200;       // names, titles, numbers of decrees
inline constexpr size_t kFreeTextMax = 4000;  // reasons, notes, justifications

// The text in double quotes, for messages.
std::string Quoted(capnp::Text::Reader t);

// "<path>: <message>" as InvalidArgument.
Status FieldError(std::string_view path, std::string_view message);

// A field path ("payload.recruited.nip", "payload.x.members[2]") built on
// the stack. Validation makes one for every field it checks but reads it
// only to report an error, so making one must not allocate. A path longer
// than kMaxBytes is cut, ending in "...".
class FieldPath {
 public:
  static constexpr size_t kMaxBytes = 240;
  // `path` + "." + `field`.
  FieldPath(std::string_view path, std::string_view field);
  // `path` + "[" + `index` + "]".
  FieldPath(std::string_view path, uint32_t index);
  operator std::string_view() const { return {bytes_, size_}; }

 private:
  void Append(std::string_view s);
  char bytes_[kMaxBytes];
  size_t size_ = 0;
};

// `path` + "." + `field`.
inline FieldPath Join(std::string_view path, std::string_view field) {
  return FieldPath(path, field);
}

// Text of at most `max` bytes; non-empty when `required`.
Status CheckText(std::string_view path, capnp::Text::Reader text, size_t max,
                 bool required);
inline Status CheckId(std::string_view path, capnp::Text::Reader t, bool required) {
  return CheckText(path, t, kIdMax, required);
}
inline Status CheckName(std::string_view path, capnp::Text::Reader t, bool required) {
  return CheckText(path, t, kNameMax, required);
}
inline Status CheckFreeText(std::string_view path, capnp::Text::Reader t, bool required) {
  return CheckText(path, t, kFreeTextMax, required);
}

// A date that is set (non-zero) must be valid; a required one must be set.
Status CheckDate(std::string_view path, schema::Date::Reader date, bool required);
// Both dates checked; when both are set, start <= end.
Status CheckPeriod(std::string_view start_path, schema::Date::Reader start,
                   std::string_view end_path, schema::Date::Reader end,
                   bool start_required);

// A NIP-valued field: when set (or when required), a valid NIP by the
// PPPK rule (which accepts every valid PNS NIP too).
Status CheckNipField(std::string_view path, capnp::Text::Reader nip, bool required);

// A finite number in [lo, hi].
Status CheckNumber(std::string_view path, double value, double lo, double hi);

// Enum value is a known enumerant, and not unspecified when `required`.
Status CheckEnumValue(std::string_view path, uint16_t value, capnp::EnumSchema schema,
                      bool required);
template <typename E>
Status CheckEnum(std::string_view path, E value, bool required) {
  // The enumerant count, read from the schema once per enum type (reading
  // it is a walk of the schema node, ~200 instructions per check).
  static const size_t known = capnp::Schema::from<E>().getEnumerants().size();
  const auto v = static_cast<uint16_t>(value);
  if (v < known && (v != 0 || !required)) return Status::Ok();
  return CheckEnumValue(path, v, capnp::Schema::from<E>(), required);
}

// An event id: 1..128 bytes of printable ASCII, no spaces.
Status CheckEventId(std::string_view path, capnp::Text::Reader id);
// A reference to an earlier event (corrected/retracted.target,
// sanctionLifted.sanctionPosition): a position >= 1, or a valid event id
// (then the position may be 0: the store fills it in), or both (the store
// checks they agree).
Status CheckEventRef(std::string_view position_path, uint64_t position,
                     std::string_view id_path, capnp::Text::Reader id);

// A rank: golongan I/a..IV/e or PPPK grade 1..17. When `required`, must be
// set.
Status CheckRank(std::string_view path, schema::Rank::Reader rank, bool required);

// Competency levels: codes non-empty ids, kind set, level 1..5, no code
// listed twice; non-empty when `required`.
Status CheckCompetencies(std::string_view path,
                         capnp::List<schema::CompetencyLevel>::Reader levels,
                         bool required);

// Per stream kind: validates the member of `payload` (which the caller
// has already matched to the kind). `path` is the member's path, e.g.
// "payload.recruited".
Status ValidateEmployeePayload(schema::Payload::Reader payload, std::string_view path);
Status ValidateSelectionPayload(schema::Payload::Reader payload, std::string_view path);
Status ValidateAgencyPayload(schema::Payload::Reader payload, std::string_view path);

}  // namespace jejak::domain::internal
