// Fuzz target: one NDJSON line through EventJson::ParseInput. Whatever the
// input, ParseInput returns OK or InvalidArgument and never crashes. When it
// accepts the input:
//   - ValidateEventInput runs (any verdict);
//   - InputToJson's output parses again to the same message, and encodes to
//     the same text (the decoder and capnp-json's encoder agree);
//   - capnp::JsonCodec's own decoder, configured as EventJson configures it,
//     reads that text to the same message (our decoder and capnp-json's
//     agree).
#include <capnp/compat/json.h>
#include <capnp/message.h>
#include <kj/exception.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "codec/json_handlers.h"
#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"

namespace {

using jejak::codec::EventJson;

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "json_decoder_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

bool SameMessage(jejak::schema::EventInput::Reader a, jejak::schema::EventInput::Reader b) {
  return capnp::canonicalize(a).asBytes() == capnp::canonicalize(b).asBytes();
}

struct CapnpReference {
  CapnpReference() { jejak::codec::internal::ConfigureCodec(codec, date, timestamp, 20, false); }
  jejak::codec::internal::DateHandler date;
  jejak::codec::internal::TimestampHandler timestamp;
  capnp::JsonCodec codec;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const EventJson* json = new EventJson();  // built once, never freed
  static CapnpReference* reference = new CapnpReference();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  jejak::Result<jejak::store::NewEvent> parsed = json->ParseInput(text);
  if (!parsed.ok()) {
    if (!parsed.status().IsInvalidArgument()) Fail("not InvalidArgument", parsed.status().ToString());
    return 0;
  }
  const auto in = parsed->reader();
  (void)jejak::domain::ValidateEventInput(in);

  const std::string encoded = json->InputToJson(in);
  jejak::Result<jejak::store::NewEvent> again = json->ParseInput(encoded);
  if (!again.ok()) Fail("InputToJson output does not parse", encoded + "\n" + again.status().ToString());
  if (!SameMessage(in, again->reader())) Fail("round trip changed the message", encoded);
  if (json->InputToJson(again->reader()) != encoded) Fail("encoding is not stable", encoded);

  capnp::MallocMessageBuilder message;
  auto root = message.initRoot<jejak::schema::EventInput>();
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 reference->codec.decode(kj::ArrayPtr<const char>(encoded.data(), encoded.size()),
                                         root);
               })) {
    Fail("capnp-json rejects what EventJson wrote", encoded + "\n" + e->getDescription().cStr());
  }
  if (!SameMessage(in, root.asReader())) Fail("capnp-json decodes differently", encoded);
  return 0;
}
