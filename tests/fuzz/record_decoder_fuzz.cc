// Fuzz target: one stored log record value through RecordedEvent::Decode
// (as the record at position 1). Decode returns OK or Corruption and never
// crashes; when it accepts the bytes, a full traversal of the event
// (capnp's totalSize() follows every pointer) and EventJson::EventToJson
// either succeed or throw kj::Exception, caught here as the store's
// readers catch it — never a crash, a hang or a sanitizer report.
#include <kj/exception.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "jejak/codec/event_json.h"
#include "jejak/store/recorded_event.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jejak::codec::EventJson* json = new jejak::codec::EventJson();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jejak::store::RecordedEvent record;
  jejak::Status status = record.Decode(1, bytes);
  if (!status.ok()) {
    if (!status.IsCorruption()) {
      std::fprintf(stderr, "record_decoder_fuzz: not Corruption: %s\n", status.ToString().c_str());
      std::abort();
    }
    return 0;
  }
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 const auto event = record.event();
                 (void)event.totalSize();
                 const std::string text =
                     json->EventToJson(event, &record.leaf_hash(), &record.chain_hash());
                 if (text.empty() || text.back() != '}') std::abort();
               })) {
    (void)e;  // a malformed body: the readers' boundary turns this into Corruption
  }
  return 0;
}
