#include "store/append_checks.h"

#include "jejak/domain/payload_kind.h"

namespace jejak::store {

namespace {

constexpr std::string_view kEmployeePrefix = "emp/";
constexpr std::string_view kSelectionPrefix = "sel/";

class Checker {
 public:
  Checker(const PreparedEvent& ev, std::string_view stream, CheckContext& ctx)
      : ev_(ev), stream_(stream), ctx_(ctx) {}

  Status Fail(const std::string& reason) const {
    return Status::InvalidArgument("stream " + std::string(stream_) +
                                   ", event " + std::to_string(ev_.index) +
                                   ": " + reason);
  }

  // The earlier event of this stream at ev_.target, or an error.
  Result<TargetInfo> Target(std::string_view field) {
    const std::string pos = std::to_string(ev_.target);
    auto found = ctx_.EventAt(ev_.target);
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return Fail(std::string(field) + ": position " + pos + " does not exist");
    }
    TargetInfo info = std::move(**found);
    if (info.stream != stream_) {
      return Fail(std::string(field) + ": position " + pos +
                  " belongs to stream " + info.stream + ", not this stream");
    }
    return info;
  }

  Status CheckFirstEvent(uint64_t version_before) {
    const auto kind = ev_.kind;
    if (kind == schema::Payload::RECRUITED && version_before != 0) {
      return Fail("recruited is only allowed as version 1; the stream is at version " +
                  std::to_string(version_before));
    }
    if (stream_.starts_with(kEmployeePrefix)) {
      if (kind == schema::Payload::RECRUITED) {
        const std::string_view nip = stream_.substr(kEmployeePrefix.size());
        if (ev_.ref != nip) {
          return Fail("payload.recruited.nip " + ev_.ref +
                      " differs from the stream's NIP " + std::string(nip));
        }
      } else if (version_before == 0) {
        return Fail("employee never recruited: the first event of an employee "
                    "stream must be recruited, not " + domain::PayloadKindName(kind));
      }
    }
    if (stream_.starts_with(kSelectionPrefix) && version_before == 0 &&
        kind != schema::Payload::SELECTION_OPENED) {
      return Fail("selection never opened: the first event of a selection "
                  "stream must be selectionOpened, not " + domain::PayloadKindName(kind));
    }
    return Status::Ok();
  }

  Status CheckReferences() {
    switch (ev_.kind) {
      case schema::Payload::CORRECTED:
      case schema::Payload::RETRACTED: {
        const bool corrected = ev_.kind == schema::Payload::CORRECTED;
        const std::string field =
            corrected ? "payload.corrected.target" : "payload.retracted.target";
        auto target = Target(field);
        if (!target.ok()) return target.status();
        if (target->kind == schema::Payload::RETRACTED) {
          return Fail(field + ": position " + std::to_string(ev_.target) +
                      " is a retraction, which cannot be corrected or retracted");
        }
        if (corrected && ev_.replacement_kind != target->kind) {
          return Fail("payload.corrected.replacement: is " +
                      domain::PayloadKindName(ev_.replacement_kind) + ", position " +
                      std::to_string(ev_.target) + " is " +
                      domain::PayloadKindName(target->kind));
        }
        return Status::Ok();
      }
      case schema::Payload::SANCTION_LIFTED: {
        const std::string field = "payload.sanctionLifted.sanctionPosition";
        auto target = Target(field);
        if (!target.ok()) return target.status();
        if (target->kind != schema::Payload::SANCTION_IMPOSED) {
          return Fail(field + ": position " + std::to_string(ev_.target) +
                      " is " + domain::PayloadKindName(target->kind) +
                      ", not sanctionImposed");
        }
        return Status::Ok();
      }
      case schema::Payload::POSITION_PROMOTED: {
        std::string selection = ev_.ref;
        if (!selection.starts_with(kSelectionPrefix)) {
          selection.insert(0, kSelectionPrefix);
        }
        auto meta = ctx_.Stream(selection);
        if (!meta.ok()) return meta.status();
        if (meta->version == 0) {
          return Fail("payload.positionPromoted.selectionId: selection " +
                      selection + " does not exist");
        }
        return Status::Ok();
      }
      default:
        return Status::Ok();
    }
  }

 private:
  const PreparedEvent& ev_;
  std::string_view stream_;
  CheckContext& ctx_;
};

}  // namespace

Status CheckStateful(const PreparedEvent& ev, std::string_view stream,
                     uint64_t version_before, CheckContext& ctx) {
  Checker checker(ev, stream, ctx);
  JEJAK_RETURN_IF_ERROR(checker.CheckFirstEvent(version_before));
  return checker.CheckReferences();
}

}  // namespace jejak::store
