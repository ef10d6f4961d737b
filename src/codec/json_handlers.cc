#include "codec/json_handlers.h"

#include <string>

#include "jejak/domain/date.h"
#include "jejak/text_view.h"

namespace jejak::codec::internal {

void DateHandler::encode(const capnp::JsonCodec&, schema::Date::Reader input,
                         capnp::JsonValue::Builder output) const {
  const uint32_t v = input.getYyyymmdd();
  if (v == 0) {
    output.setNull();
    return;
  }
  const std::string text = domain::FormatDate(v);
  output.setString(kj::StringPtr(text.c_str(), text.size()));
}

void DateHandler::decode(const capnp::JsonCodec&, capnp::JsonValue::Reader input,
                         schema::Date::Builder output) const {
  if (input.isNull()) {
    output.setYyyymmdd(0);
    return;
  }
  KJ_REQUIRE(input.isString(), "a date must be a \"YYYY-MM-DD\" string");
  Result<uint32_t> date = domain::ParseDate(View(input.getString()));
  KJ_REQUIRE(date.ok(), date.status().message().c_str());
  output.setYyyymmdd(*date);
}

void TimestampHandler::encode(const capnp::JsonCodec&, schema::Timestamp::Reader input,
                              capnp::JsonValue::Builder output) const {
  const std::string text = domain::FormatTimestamp(input.getUnixMicros());
  output.setString(kj::StringPtr(text.c_str(), text.size()));
}

void TimestampHandler::decode(const capnp::JsonCodec&, capnp::JsonValue::Reader input,
                              schema::Timestamp::Builder output) const {
  if (input.isNull()) {
    output.setUnixMicros(0);
    return;
  }
  KJ_REQUIRE(input.isString(), "a timestamp must be an RFC 3339 string");
  Result<int64_t> t = domain::ParseTimestamp(View(input.getString()));
  KJ_REQUIRE(t.ok(), t.status().message().c_str());
  output.setUnixMicros(*t);
}

void ConfigureCodec(capnp::JsonCodec& codec, DateHandler& date, TimestampHandler& timestamp,
                    int max_depth, bool pretty) {
  // Type handlers first: handleByAnnotation builds its handlers over them.
  codec.addTypeHandler(date);
  codec.addTypeHandler(timestamp);
  codec.handleByAnnotation<schema::EventInput>();
  codec.handleByAnnotation<schema::Event>();
  codec.setRejectUnknownFields(true);
  codec.setMaxNestingDepth(max_depth);
  codec.setPrettyPrint(pretty);
}

}  // namespace jejak::codec::internal
