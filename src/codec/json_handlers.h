// capnp-json handlers for schema::Date and schema::Timestamp (internal).
//
// Date: "YYYY-MM-DD" both ways; the absent date (0) is written as null and
// null reads back as 0. Timestamp: RFC 3339 UTC with microseconds
// ("2026-11-22T10:37:07.123456Z"); reads any RFC 3339 form
// domain::ParseTimestamp accepts, null as 0. Invalid input throws
// kj::Exception naming the value (JsonChecker reports it with the field
// path before the codec gets there).
#pragma once

#include <capnp/compat/json.h>

#include "jejak/schema/common.capnp.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::codec::internal {

class DateHandler final : public capnp::JsonCodec::Handler<schema::Date> {
 public:
  void encode(const capnp::JsonCodec& codec, schema::Date::Reader input,
              capnp::JsonValue::Builder output) const override;
  void decode(const capnp::JsonCodec& codec, capnp::JsonValue::Reader input,
              schema::Date::Builder output) const override;
};

class TimestampHandler final : public capnp::JsonCodec::Handler<schema::Timestamp> {
 public:
  void encode(const capnp::JsonCodec& codec, schema::Timestamp::Reader input,
              capnp::JsonValue::Builder output) const override;
  void decode(const capnp::JsonCodec& codec, capnp::JsonValue::Reader input,
              schema::Timestamp::Builder output) const override;
};

// Configures `codec` the way EventJson does: the two handlers above (which
// must outlive the codec), $Json annotations of EventInput and Event,
// unknown fields rejected, nesting bounded by `max_depth`, `pretty` output.
void ConfigureCodec(capnp::JsonCodec& codec, DateHandler& date, TimestampHandler& timestamp,
                    int max_depth, bool pretty);

}  // namespace jejak::codec::internal
