// Fuzz target: a POST body of framed Cap'n Proto EventInput messages
// through codec::ParseCapnpInputs. Whatever the bytes, it returns OK or
// InvalidArgument and never crashes or throws. When it accepts them, each
// event's JSON (what the store and the clients then see) parses back to
// the same message, so a Cap'n Proto client can submit nothing a JSON
// client could not.
#include <capnp/message.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "jejak/codec/event_capnp.h"
#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "event_capnp_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jejak::codec::EventJson* json = new jejak::codec::EventJson();  // never freed
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  jejak::codec::CapnpInputError error;
  auto events = jejak::codec::ParseCapnpInputs(body, {.max_events = 64, .max_nesting = 32}, &error);
  if (!events.ok()) {
    if (!events.status().IsInvalidArgument()) Fail("not InvalidArgument", events.status().ToString());
    return 0;
  }
  for (const auto& event : *events) {
    const auto in = event.reader();
    (void)jejak::domain::ValidateEventInput(in);
    const std::string encoded = json->InputToJson(in);
    auto again = json->ParseInput(encoded);
    if (!again.ok()) Fail("its JSON does not parse", encoded + "\n" + again.status().ToString());
    if (capnp::canonicalize(in).asBytes() != capnp::canonicalize(again->reader()).asBytes()) {
      Fail("its JSON is another message", encoded);
    }
  }
  return 0;
}
