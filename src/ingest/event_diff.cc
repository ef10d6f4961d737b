#include "ingest/event_diff.h"

#include <capnp/compat/json.h>
#include <capnp/message.h>
#include <kj/exception.h>

#include <charconv>
#include <map>
#include <string_view>

#include "jejak/domain/payload_kind.h"
#include "jejak/json_string.h"

namespace jejak::ingest::internal {

namespace {

using capnp::JsonValue;

// The parts of an event that its content digest covers.
constexpr std::string_view kCompared[] = {"stream", "effectiveDate", "actor", "source",
                                          "payload"};

void Flatten(JsonValue::Reader v, const std::string& path, std::map<std::string, std::string>* out) {
  switch (v.which()) {
    case JsonValue::OBJECT:
      for (auto f : v.getObject()) {
        Flatten(f.getValue(), path + "." + f.getName().cStr(), out);
      }
      return;
    case JsonValue::ARRAY: {
      unsigned i = 0;
      for (auto e : v.getArray()) Flatten(e, path + "[" + std::to_string(i++) + "]", out);
      return;
    }
    case JsonValue::STRING: (*out)[path] = JsonString(v.getString().cStr()); return;
    case JsonValue::NUMBER: {
      char text[32];
      (*out)[path] = std::string(text, std::to_chars(text, text + sizeof text, v.getNumber()).ptr);
      return;
    }
    case JsonValue::BOOLEAN: (*out)[path] = v.getBoolean() ? "true" : "false"; return;
    default: (*out)[path] = "null"; return;
  }
}

// path -> value text of the compared parts of one event's JSON.
std::map<std::string, std::string> Leaves(const std::string& json) {
  std::map<std::string, std::string> out;
  capnp::MallocMessageBuilder message;
  auto root = message.initRoot<JsonValue>();
  capnp::JsonCodec codec;
  KJ_IF_MAYBE (e, kj::runCatchingExceptions([&]() {
                 codec.decodeRaw(kj::ArrayPtr<const char>(json.data(), json.size()), root);
               })) {
    (void)e;  // the codec's own output: cannot fail
    return out;
  }
  if (root.which() != JsonValue::OBJECT) return out;
  for (auto f : root.asReader().getObject()) {
    const std::string_view name = f.getName().cStr();
    for (std::string_view part : kCompared) {
      if (name == part) Flatten(f.getValue(), std::string(name), &out);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> EventDifferences(const codec::EventJson& json,
                                          schema::EventInput::Reader here,
                                          schema::Event::Reader recorded) {
  auto now = Leaves(json.InputToJson(here));
  auto then = Leaves(json.EventToJson(recorded));
  std::vector<std::string> out;
  // Payloads of two kinds differ in every field: the kinds say it.
  const auto kind_here = here.getPayload().which();
  const auto kind_recorded = recorded.getPayload().which();
  if (kind_here != kind_recorded) {
    out.push_back("payload: " + domain::PayloadKindName(kind_recorded) + " recorded, " +
                  domain::PayloadKindName(kind_here) + " here");
    std::erase_if(now, [](const auto& leaf) { return leaf.first.starts_with("payload."); });
    std::erase_if(then, [](const auto& leaf) { return leaf.first.starts_with("payload."); });
  }
  auto a = then.begin();
  auto b = now.begin();
  auto add = [&](const std::string& path, const std::string& was, const std::string& is) {
    out.push_back(path + ": " + was + " recorded, " + is + " here");
  };
  while (a != then.end() || b != now.end()) {
    if (b == now.end() || (a != then.end() && a->first < b->first)) {
      add(a->first, a->second, "(none)");
      ++a;
    } else if (a == then.end() || b->first < a->first) {
      add(b->first, "(none)", b->second);
      ++b;
    } else {
      if (a->second != b->second) add(a->first, a->second, b->second);
      ++a;
      ++b;
    }
  }
  return out;
}

}  // namespace jejak::ingest::internal
