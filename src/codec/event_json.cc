// EventJson: capnp::JsonCodec configured for jejak events, with field-path
// errors (JsonChecker) in front of it.
//
// Parsing one line: the \u-escape rewrite (only when the line has one; see
// json_escapes.h), capnp-json's parser into a JsonValue tree, then one
// checking walk of the tree into the EventInput (JsonDecoder, which says
// why it replaces capnp-json's own decode). Encoding is capnp-json's.
#include "jejak/codec/event_json.h"

#include <capnp/compat/json.h>
#include <capnp/message.h>
#include <kj/exception.h>

#include "codec/json_decoder.h"
#include "codec/json_escapes.h"
#include "codec/json_handlers.h"

namespace jejak::codec {

namespace {

// Deepest legitimate nesting is about 8 (event > payload > corrected >
// replacement > positionDefined > requiredCompetencies > item); anything
// much deeper is garbage, refused before it costs stack.
constexpr int kMaxNesting = 20;

// Words of the on-stack first segment of the parsed JSON tree: a typical
// event line of ~2 KB fits (a 650-byte line takes ~300 words), so parsing does not touch malloc for it.
constexpr size_t kScratchWords = 1024;

// kj descriptions look like "expected !exhausted(); JSON message ends
// prematurely."; keep the readable part. A bare failed condition
// ("expected wrapped.size() >= expected.size() [3 >= 4]") says nothing to a
// user.
std::string CleanKjMessage(const kj::Exception& e) {
  std::string d = e.getDescription().cStr();
  if (d.rfind("expected ", 0) == 0) {
    const size_t semi = d.find("; ");
    d = semi == std::string::npos ? "unexpected input" : d.substr(semi + 2);
  }
  return d;
}

std::string Hex(const store::Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(h.size() * 2, '0');
  for (size_t i = 0; i < h.size(); ++i) {
    out[2 * i] = kDigits[h[i] >> 4];
    out[2 * i + 1] = kDigits[h[i] & 0xF];
  }
  return out;
}

}  // namespace

struct EventJson::Impl {
  Impl()
      : decoder({capnp::Schema::from<schema::EventInput>(), capnp::Schema::from<schema::Event>()},
                kMaxNesting) {
    internal::ConfigureCodec(compact, date, timestamp, kMaxNesting, false);
    internal::ConfigureCodec(pretty, date, timestamp, kMaxNesting, true);
  }

  // Handlers before codecs: the codecs hold references to them.
  internal::DateHandler date;
  internal::TimestampHandler timestamp;
  capnp::JsonCodec compact;
  capnp::JsonCodec pretty;
  internal::JsonDecoder decoder;
};

EventJson::EventJson() : impl_(std::make_unique<Impl>()) {}
EventJson::~EventJson() = default;

Result<store::NewEvent> EventJson::ParseInput(std::string_view json, size_t max_bytes) const {
  if (json.size() > max_bytes) {
    return Status::InvalidArgument("event JSON is " + std::to_string(json.size()) +
                                   " bytes, over the limit of " + std::to_string(max_bytes));
  }
  // capnp-json's parser stops at a NUL byte as at the end of its input and
  // would ignore whatever follows it.
  if (const size_t nul = json.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument("a NUL byte at offset " + std::to_string(nul) +
                                   " (JSON text holds none; is the file UTF-16?)");
  }
  std::string rewritten;
  if (internal::HasUnicodeEscape(json)) {
    Result<std::string> r = internal::RewriteUnicodeEscapes(json);
    if (!r.ok()) return r.status();
    rewritten = std::move(*r);
    json = rewritten;
  }

  capnp::word scratch[kScratchWords] = {};
  capnp::MallocMessageBuilder tree_message(kj::arrayPtr(scratch, kScratchWords));
  auto tree = tree_message.initRoot<capnp::JsonValue>();
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 impl_->compact.decodeRaw(kj::ArrayPtr<const char>(json.data(), json.size()),
                                          tree);
               })) {
    return Status::InvalidArgument("invalid JSON: " + CleanKjMessage(*e));
  }
  store::NewEvent event;
  Status status;
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 status = impl_->decoder.Decode(tree.asReader(), capnp::toDynamic(event.builder()));
               })) {
    return Status::InvalidArgument("event JSON: " + CleanKjMessage(*e));
  }
  if (!status.ok()) return status;
  return event;
}

std::string EventJson::InputToJson(schema::EventInput::Reader in) const {
  return impl_->compact.encode(in).cStr();
}

std::string EventJson::EventToJson(schema::Event::Reader ev, const store::Hash* leaf,
                                   const store::Hash* chain, bool pretty) const {
  std::string out = (pretty ? impl_->pretty : impl_->compact).encode(ev).cStr();
  if (leaf == nullptr && chain == nullptr) return out;
  // Append the hashes as the last members of the object.
  out.resize(out.find_last_of('}'));  // drop the object's closing brace
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  const char* sep = pretty ? ",\n  " : ",";
  const char* colon = pretty ? ": " : ":";
  auto add = [&](const char* name, const store::Hash* h) {
    if (h == nullptr) return;
    out += sep;
    out += '"';
    out += name;
    out += '"';
    out += colon;
    out += '"' + Hex(*h) + '"';
  };
  add("leafHash", leaf);
  add("chainHash", chain);
  out += pretty ? " }" : "}";
  return out;
}

std::string EventJson::PayloadToJson(schema::Payload::Reader p) const {
  return impl_->compact.encode(p).cStr();
}

}  // namespace jejak::codec
