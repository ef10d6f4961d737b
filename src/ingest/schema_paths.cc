#include "ingest/schema_paths.h"

#include "jejak/domain/payload_kind.h"
#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"

namespace jejak::ingest::internal {

namespace {

using schema::Payload;

bool IsStruct(capnp::Type t, uint64_t id) {
  return t.isStruct() && t.asStruct().getProto().getId() == id;
}

}  // namespace

Result<capnp::StructSchema> EmployeeKind(std::string_view kind) {
  const capnp::StructSchema payload = capnp::Schema::from<Payload>();
  KJ_IF_MAYBE (field, payload.findFieldByName(kj::StringPtr(std::string(kind).c_str()))) {
    const uint16_t d = field->getProto().getDiscriminantValue();
    if (domain::HomeOf(static_cast<Payload::Which>(d)) == domain::PayloadHome::kEmployee) {
      return field->getType().asStruct();
    }
    return Status::InvalidArgument("event kind " + std::string(kind) +
                                   " does not belong on employee streams");
  }
  return Status::InvalidArgument("no event kind named " + std::string(kind));
}

bool IsLeaf(capnp::Type t) {
  if (t.isStruct()) {
    return IsStruct(t, capnp::typeId<schema::Date>()) || IsStruct(t, capnp::typeId<schema::Rank>());
  }
  return t.isText() || t.isBool() || t.isEnum() || t.isInt8() || t.isInt16() || t.isInt32() ||
         t.isInt64() || t.isUInt8() || t.isUInt16() || t.isUInt32() || t.isUInt64() ||
         t.isFloat32() || t.isFloat64();
}

std::string TypeName(capnp::Type t) {
  if (t.isEnum()) return t.asEnum().getUnqualifiedName().cStr();
  if (t.isStruct()) return t.asStruct().getUnqualifiedName().cStr();
  if (t.isText()) return "Text";
  if (t.isBool()) return "Bool";
  if (t.isFloat32() || t.isFloat64()) return "number";
  return "integer";
}

Result<capnp::Type> ResolvePath(capnp::StructSchema root, std::string_view path,
                                std::vector<PathStep>* steps) {
  steps->clear();
  capnp::StructSchema current = root;
  capnp::Type type = root;
  size_t pos = 0;
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("field \"" + std::string(path) + "\": " + why);
  };
  if (path.empty()) return bad("empty path");
  while (pos <= path.size()) {
    size_t end = path.find('.', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view step = path.substr(pos, end - pos);
    PathStep s;
    const size_t bracket = step.find('[');
    if (bracket != std::string_view::npos) {
      if (step.back() != ']' || bracket + 2 > step.size() - 1) return bad("bad index in " + std::string(step));
      int index = 0;
      for (char c : step.substr(bracket + 1, step.size() - bracket - 2)) {
        if (c < '0' || c > '9' || index > 10000) return bad("bad index in " + std::string(step));
        index = index * 10 + (c - '0');
      }
      s.index = index;
      step = step.substr(0, bracket);
    }
    s.field = std::string(step);
    if (!type.isStruct()) return bad(TypeName(type) + " has no field " + s.field);
    current = type.asStruct();
    KJ_IF_MAYBE (f, current.findFieldByName(kj::StringPtr(s.field.c_str()))) {
      type = f->getType();
    } else {
      return bad(std::string(current.getUnqualifiedName().cStr()) + " has no field " + s.field);
    }
    if (s.index >= 0) {
      if (!type.isList()) return bad(s.field + " is not a list");
      type = type.asList().getElementType();
    } else if (type.isList()) {
      return bad(s.field + " is a list: name an element, e.g. " + s.field + "[0]");
    }
    steps->push_back(std::move(s));
    if (end == path.size()) break;
    pos = end + 1;
  }
  if (!IsLeaf(type)) {
    return bad("ends on " + TypeName(type) + ", which one cell cannot hold: name a field inside it");
  }
  return type;
}

}  // namespace jejak::ingest::internal
