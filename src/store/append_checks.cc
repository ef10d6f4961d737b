#include "store/append_checks.h"

#include "jejak/domain/payload_kind.h"

namespace jejak::store {

namespace {

constexpr std::string_view kEmployeePrefix = "emp/";
constexpr std::string_view kSelectionPrefix = "sel/";

std::string EmploymentName(schema::EmploymentType t) {
  switch (t) {
    case schema::EmploymentType::PNS: return "pns";
    case schema::EmploymentType::PPPK: return "pppk";
    default: return "unspecified";
  }
}

std::string RankScaleName(schema::Rank::Which w) {
  return w == schema::Rank::GOLONGAN ? "golongan" : "pppkGrade";
}

// The payload fields that name an earlier event, by position and by id.
struct RefFields {
  std::string position;
  std::string event_id;
};

RefFields RefFieldsOf(schema::Payload::Which kind) {
  switch (kind) {
    case schema::Payload::CORRECTED:
      return {"payload.corrected.target", "payload.corrected.targetEventId"};
    case schema::Payload::RETRACTED:
      return {"payload.retracted.target", "payload.retracted.targetEventId"};
    default:
      return {"payload.sanctionLifted.sanctionPosition",
              "payload.sanctionLifted.sanctionEventId"};
  }
}

Status FailAt(const PreparedEvent& ev, std::string_view stream, const std::string& reason) {
  return Status::InvalidArgument("stream " + std::string(stream) + ", event " +
                                 std::to_string(ev.index) + ": " + reason);
}

class Checker {
 public:
  Checker(const PreparedEvent& ev, uint64_t target, std::string_view stream, CheckContext& ctx)
      : ev_(ev), target_(target), stream_(stream), ctx_(ctx) {}

  Status Fail(const std::string& reason) const { return FailAt(ev_, stream_, reason); }

  // "position N", with the event id it was named by.
  std::string TargetLabel() const {
    std::string label = "position " + std::to_string(target_);
    if (!ev_.target_event_id.empty()) label += " (event id \"" + ev_.target_event_id + "\")";
    return label;
  }

  // The earlier event of this stream at target_, or an error.
  Result<TargetInfo> Target(std::string_view field) {
    auto found = ctx_.EventAt(target_);
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return Fail(std::string(field) + ": " + TargetLabel() + " does not exist");
    }
    TargetInfo info = std::move(**found);
    if (info.stream != stream_) {
      return Fail(std::string(field) + ": " + TargetLabel() + " belongs to stream " +
                  info.stream + ", not this stream");
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
        const std::string field = RefFieldsOf(ev_.kind).position;
        auto target = Target(field);
        if (!target.ok()) return target.status();
        // A retraction may be retracted (that restores its target,
        // docs/audit.md); it has nothing to correct.
        if (corrected && target->kind == schema::Payload::RETRACTED) {
          return Fail(field + ": " + TargetLabel() +
                      " is a retraction, which cannot be corrected (retract it instead)");
        }
        if (!corrected) return Status::Ok();
        if (ev_.replacement_kind != target->kind) {
          return Fail("payload.corrected.replacement: is " +
                      domain::PayloadKindName(ev_.replacement_kind) + ", " + TargetLabel() +
                      " is " + domain::PayloadKindName(target->kind));
        }
        if (ev_.replacement_kind == schema::Payload::RECRUITED &&
            ev_.employment != target->employment) {
          return Fail("payload.corrected.replacement.recruited.employmentType: is " +
                      EmploymentName(ev_.employment) + ", the recruited at position " +
                      std::to_string(target_) + " is " + EmploymentName(target->employment) +
                      "; an employee's employment type cannot be corrected (the ranks on "
                      "record are on its scale)");
        }
        if (ev_.replacement_kind == schema::Payload::RANK_PROMOTED) {
          return CheckRankScale("payload.corrected.replacement.rankPromoted");
        }
        return Status::Ok();
      }
      case schema::Payload::SANCTION_LIFTED: {
        const std::string field = RefFieldsOf(ev_.kind).position;
        auto target = Target(field);
        if (!target.ok()) return target.status();
        if (target->kind != schema::Payload::SANCTION_IMPOSED) {
          return Fail(field + ": " + TargetLabel() + " is " +
                      domain::PayloadKindName(target->kind) + ", not sanctionImposed");
        }
        return Status::Ok();
      }
      case schema::Payload::RANK_PROMOTED:
        return CheckRankScale("payload.rankPromoted");
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
  // PNS ranks and PPPK grades never mix: the rank of ev_ (a rankPromoted,
  // or a correction to one; `field` names it) is on the scale of the
  // employee's type, which is that of the stream's first event, its
  // `recruited` (a correction cannot change it, above).
  Status CheckRankScale(const std::string& field) {
    if (!stream_.starts_with(kEmployeePrefix) || ev_.rank_scale == schema::Rank::UNSPECIFIED) {
      return Status::Ok();
    }
    auto meta = ctx_.Stream(stream_);
    if (!meta.ok()) return meta.status();
    auto first = ctx_.EventAt(meta->first_position);
    if (!first.ok()) return first.status();
    if (!first->has_value() || (*first)->kind != schema::Payload::RECRUITED) return Status::Ok();
    const schema::EmploymentType type = (*first)->employment;
    const schema::Rank::Which expected = type == schema::EmploymentType::PPPK
                                             ? schema::Rank::PPPK_GRADE
                                             : schema::Rank::GOLONGAN;
    if (ev_.rank_scale == expected) return Status::Ok();
    return Fail(field + ": a " + RankScaleName(ev_.rank_scale) +
                " rank for an employee recruited as " + EmploymentName(type) +
                " (the recruited at position " + std::to_string(meta->first_position) +
                "): a " + EmploymentName(type) + " employee's ranks are " +
                RankScaleName(expected) + "; PNS golongan and PPPK grades never mix");
  }

  const PreparedEvent& ev_;
  const uint64_t target_;
  std::string_view stream_;
  CheckContext& ctx_;
};

}  // namespace

Result<uint64_t> ResolveTarget(const PreparedEvent& ev, std::string_view stream,
                               CheckContext& ctx) {
  if (ev.target_event_id.empty()) return ev.target;
  const RefFields fields = RefFieldsOf(ev.kind);
  auto found = ctx.PositionOfEventId(ev.target_event_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return FailAt(ev, stream,
                  fields.event_id + ": event id \"" + ev.target_event_id +
                      "\" is not recorded (nor earlier in this append)");
  }
  const uint64_t position = **found;
  if (ev.target != 0 && ev.target != position) {
    return FailAt(ev, stream,
                  fields.position + ": position " + std::to_string(ev.target) +
                      " disagrees with " + fields.event_id + " \"" + ev.target_event_id +
                      "\", which is at position " + std::to_string(position));
  }
  return position;
}

Status CheckStateful(const PreparedEvent& ev, uint64_t target, std::string_view stream,
                     uint64_t version_before, CheckContext& ctx) {
  Checker checker(ev, target, stream, ctx);
  JEJAK_RETURN_IF_ERROR(checker.CheckFirstEvent(version_before));
  return checker.CheckReferences();
}

}  // namespace jejak::store
