#include "jejak/codec/event_capnp.h"

#include <capnp/any.h>
#include <capnp/dynamic.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include <algorithm>
#include <cstring>

#include "common/utf8.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::codec {

namespace {

// The strict checks ParseCapnpInputs promises, over one message's root.
// Each returns "" when the value passes, else the reason; *path names
// the field.
class StrictWalk {
 public:
  explicit StrictWalk(std::string* path) : path_(path) {}

  std::string Struct(capnp::DynamicStruct::Reader s) {
    const capnp::StructSchema schema = s.getSchema();
    const auto proto = schema.getProto().getStruct();
    if (!proto.getIsGroup()) {
      const capnp::AnyStruct::Reader any = s;
      const auto data = any.getDataSection();
      for (size_t i = proto.getDataWordCount() * sizeof(capnp::word); i < data.size(); ++i) {
        if (data[i] != 0) return "data past the fields this schema knows (a newer schema?)";
      }
      const auto pointers = any.getPointerSection();
      for (uint i = proto.getPointerCount(); i < pointers.size(); ++i) {
        if (!pointers[i].isNull()) {
          return "a pointer past the fields this schema knows (a newer schema?)";
        }
      }
    }
    if (schema.getUnionFields().size() > 0 && s.which() == nullptr) {
      return "a union member this schema does not know";
    }
    for (const capnp::StructSchema::Field field : schema.getNonUnionFields()) {
      if (auto why = Field(s, field); !why.empty()) return why;
    }
    KJ_IF_MAYBE(member, s.which()) {
      if (auto why = Field(s, *member); !why.empty()) return why;
    }
    return "";
  }

 private:
  std::string Field(capnp::DynamicStruct::Reader s, capnp::StructSchema::Field field) {
    const size_t mark = path_->size();
    if (!path_->empty()) *path_ += '.';
    *path_ += field.getProto().getName().cStr();
    std::string why = Value(s.get(field));
    if (why.empty()) path_->resize(mark);
    return why;
  }

  std::string Value(const capnp::DynamicValue::Reader& v) {
    switch (v.getType()) {
      case capnp::DynamicValue::TEXT: {
        const capnp::Text::Reader t = v.as<capnp::Text>();
        const std::string_view text(t.begin(), t.size());
        if (text.find('\0') != std::string_view::npos) return "a NUL byte in text";
        if (!IsValidUtf8(text)) return "text that is not UTF-8";
        return "";
      }
      case capnp::DynamicValue::ENUM:
        if (v.as<capnp::DynamicEnum>().getEnumerant() == nullptr) {
          return "an enumerant this schema does not know (" +
                 std::to_string(v.as<capnp::DynamicEnum>().getRaw()) + ")";
        }
        return "";
      case capnp::DynamicValue::STRUCT:
        return Struct(v.as<capnp::DynamicStruct>());
      case capnp::DynamicValue::LIST: {
        const auto list = v.as<capnp::DynamicList>();
        for (uint i = 0; i < list.size(); ++i) {
          const size_t mark = path_->size();
          *path_ += "[" + std::to_string(i) + "]";
          std::string why = Value(list[i]);
          if (!why.empty()) return why;
          path_->resize(mark);
        }
        return "";
      }
      case capnp::DynamicValue::ANY_POINTER:
      case capnp::DynamicValue::CAPABILITY:
        return "a pointer of a kind events never hold";
      default:
        return "";  // numbers, bools, void, data
    }
  }

  std::string* path_;
};

using Kind = CapnpInputError::Kind;

Status Reject(CapnpInputError* error, Kind kind, size_t item, std::string field,
              const std::string& why) {
  error->kind = kind;
  error->item = item;
  error->field = std::move(field);
  return Status::InvalidArgument("item " + std::to_string(item) +
                                 (error->field.empty() ? "" : ", " + error->field) + ": " + why);
}

}  // namespace

Result<std::vector<store::NewEvent>> ParseCapnpInputs(std::string_view body,
                                                      const CapnpInputLimits& limits,
                                                      CapnpInputError* error) {
  CapnpInputError ignored;
  if (error == nullptr) error = &ignored;
  if (body.size() % sizeof(capnp::word) != 0) {
    return Reject(error, Kind::kMalformed, 0, "",
                  "the body is " + std::to_string(body.size()) +
                      " bytes, not whole 8-byte words of framed Cap'n Proto messages");
  }
  // Aligned for the reader.
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(body.size() / sizeof(capnp::word));
  if (!body.empty()) std::memcpy(words.begin(), body.data(), body.size());
  kj::ArrayPtr<const capnp::word> rest = words.asPtr();

  std::vector<store::NewEvent> events;
  while (rest.size() > 0) {
    const size_t item = events.size();
    if (item >= limits.max_events) {
      return Reject(error, Kind::kTooMany, item, "", "more than " + std::to_string(limits.max_events) +
                                         " events in one request");
    }
    std::string path;
    std::string why;
    KJ_IF_MAYBE(exception, kj::runCatchingExceptions([&] {
      // The segment table gives the message's size (when it claims more
      // than the body holds, the reader below says so); its reads are then
      // bounded by a few times that size (no amplification).
      const size_t message_words =
          std::min(capnp::expectedSizeInWordsFromPrefix(rest), rest.size());
      capnp::ReaderOptions options;
      options.traversalLimitInWords = 4 * message_words + 64;
      options.nestingLimit = limits.max_nesting;
      capnp::FlatArrayMessageReader reader(rest.slice(0, message_words), options);
      const auto in = reader.getRoot<schema::EventInput>();
      why = StrictWalk(&path).Struct(in);
      if (why.empty()) events.push_back(store::NewEvent::CopyOf(in));
      rest = rest.slice(message_words, rest.size());
    })) {
      return Reject(error, Kind::kMalformed, item, path,
                    "not a well-formed Cap'n Proto EventInput message: " +
                        std::string(exception->getDescription().cStr()));
    }
    if (!why.empty()) return Reject(error, Kind::kInvalid, item, path, why);
  }
  return events;
}

}  // namespace jejak::codec
