#include "event_summary.h"

#include <capnp/dynamic.h>

#include <cmath>
#include <sstream>

#include "event_type.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"

namespace jejak::cli {

namespace {

namespace s = ::jejak::schema;
using projection::EnumName;

std::string Rank(s::Rank::Reader r) {
  switch (r.which()) {
    case s::Rank::GOLONGAN: return std::string(domain::GolonganName(r.getGolongan()));
    case s::Rank::PPPK_GRADE: return "PPPK grade " + std::to_string(r.getPppkGrade());
    default: return "?";
  }
}

std::string Date(s::Date::Reader d) {
  return d.getYyyymmdd() == 0 ? std::string("-") : domain::FormatDate(d.getYyyymmdd());
}

std::string Place(const std::string& agency, const std::string& unit) {
  return unit.empty() ? agency : agency + "/" + unit;
}

std::string Post(capnp::Text::Reader name, capnp::Text::Reader id, s::JabatanLevel level) {
  std::string post = name.size() > 0 ? name.cStr() : id.cStr();
  if (level != s::JabatanLevel::UNSPECIFIED) post += " (" + EnumName(level) + ")";
  return post;
}

std::string Number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// "field=value" for every field of `value` that is set (generic: kinds
// without a line of their own).
std::string Fields(capnp::DynamicStruct::Reader value) {
  std::string out;
  for (auto field : value.getSchema().getFields()) {
    if (!value.has(field, capnp::HasMode::NON_DEFAULT)) continue;
    kj::String text = kj::str(value.get(field));
    if (!out.empty()) out += ", ";
    out += std::string(field.getProto().getName().cStr()) + "=" + text.cStr();
  }
  return out;
}

}  // namespace

std::string SummarizePayload(s::Payload::Reader p) {
  switch (p.which()) {
    case s::Payload::RECRUITED: {
      auto r = p.getRecruited();
      return "recruited " + std::string(r.getName().cStr()) + " as " + EnumName(r.getEmploymentType()) +
             ", rank " + Rank(r.getStartingRank()) + ", " + Place(r.getAgency(), r.getUnit()) +
             (r.getPositionId().size() > 0 ? ", post " + std::string(r.getPositionId().cStr()) : "");
    }
    case s::Payload::CIVIL_SERVANT_CONFIRMED:
      return "confirmed as PNS (latsar " + std::string(p.getCivilServantConfirmed().getLatsarCertificate().cStr()) +
             ")";
    case s::Payload::POSITION_ASSIGNED: {
      auto r = p.getPositionAssigned();
      return "post " + Post(r.getPositionName(), r.getPositionId(), r.getLevel()) + " at " +
             Place(r.getAgency(), r.getUnit());
    }
    case s::Payload::TRANSFERRED: {
      auto r = p.getTransferred();
      std::string line = "moved " + Place(r.getFromAgency(), r.getFromUnit()) + " -> " +
                         Place(r.getToAgency(), r.getToUnit());
      if (r.getPositionId().size() > 0 || r.getPositionName().size() > 0) {
        line += ", post " + Post(r.getPositionName(), r.getPositionId(), r.getLevel());
      }
      return line;
    }
    case s::Payload::RANK_PROMOTED: {
      auto r = p.getRankPromoted();
      std::string line = "rank " + Rank(r.getFrom()) + " -> " + Rank(r.getTo()) + " (" + EnumName(r.getKind()) + ")";
      if (r.getCreditPoints() > 0) line += ", credit points " + Number(r.getCreditPoints());
      return line;
    }
    case s::Payload::POSITION_PROMOTED: {
      auto r = p.getPositionPromoted();
      return "promoted to post " + Post(r.getPositionName(), r.getPositionId(), r.getLevel()) + " at " +
             Place(r.getAgency(), r.getUnit()) + " (selection " + r.getSelectionId().cStr() + ")";
    }
    case s::Payload::COMPETENCY_ASSESSED: {
      auto r = p.getCompetencyAssessed();
      std::string levels;
      for (auto l : r.getLevels()) levels += (levels.empty() ? "" : " ") + std::string(l.getCode().cStr()) + "=" + std::to_string(l.getLevel());
      return "competencies " + levels + ", potential " + EnumName(r.getPotential());
    }
    case s::Payload::PERFORMANCE_RATED: {
      auto r = p.getPerformanceRated();
      if (r.getDp3Score() > 0) return "DP3 " + std::to_string(r.getYear()) + ": score " + std::to_string(r.getDp3Score());
      if (r.getSkpScore() > 0) {
        return "SKP " + std::to_string(r.getYear()) + ": score " + Number(r.getSkpScore()) + ", " +
               EnumName(r.getPredikat());
      }
      return "rating " + std::to_string(r.getYear()) + ": " + EnumName(r.getPredikat()) + " (result " +
             EnumName(r.getWorkResult()) + ", behaviour " + EnumName(r.getBehaviour()) + ")";
    }
    case s::Payload::TRAINING_COMPLETED: {
      auto r = p.getTrainingCompleted();
      return "training " + EnumName(r.getKind()) + " \"" + r.getName().cStr() + "\", " + std::to_string(r.getJp()) + " JP";
    }
    case s::Payload::SANCTION_IMPOSED: {
      auto r = p.getSanctionImposed();
      return "sanction " + EnumName(r.getKind()) + " (" + EnumName(r.getLevel()) + ") " + Date(r.getStart()) +
             " .. " + Date(r.getEnd());
    }
    case s::Payload::SANCTION_LIFTED: {
      auto r = p.getSanctionLifted();
      return "sanction #" + std::to_string(r.getSanctionPosition()) + " lifted: " + r.getReason().cStr();
    }
    case s::Payload::SEPARATED: {
      auto r = p.getSeparated();
      return "separated: " + EnumName(r.getReason()) + (r.getNote().size() > 0 ? " (" + std::string(r.getNote().cStr()) + ")" : "");
    }
    case s::Payload::EXAM_PASSED: {
      auto r = p.getExamPassed();
      std::string line = "passed " + EnumName(r.getKind());
      if (r.getEducation() != s::EducationLevel::UNSPECIFIED) line += " (" + EnumName(r.getEducation()) + ")";
      if (r.getCertificateNo().size() > 0) line += ", certificate " + std::string(r.getCertificateNo().cStr());
      return line;
    }
    case s::Payload::CREDIT_POINTS_AWARDED: {
      auto r = p.getCreditPointsAwarded();
      return "credit points +" + Number(r.getPoints()) + " for " + Date(r.getPeriodStart()) + " .. " +
             Date(r.getPeriodEnd()) +
             (r.getPositionId().size() > 0 ? " in " + std::string(r.getPositionId().cStr()) : "");
    }
    case s::Payload::AGENCY_DEFINED: {
      auto r = p.getAgencyDefined();
      std::string line = "agency " + std::string(r.getName().cStr());
      if (r.getEstablished().getYyyymmdd() != 0) line += ", established " + Date(r.getEstablished());
      if (r.getLegalBasis().size() > 0) line += " by " + std::string(r.getLegalBasis().cStr());
      return line;
    }
    case s::Payload::CORRECTED:
    case s::Payload::RETRACTED:
      return SummarizeAmendment(p, "");
    default:
      break;
  }
  KJ_IF_MAYBE(field, capnp::toDynamic(p).which()) {
    return Fields(capnp::toDynamic(p).get(*field).as<capnp::DynamicStruct>());
  }
  return EventTypeName(p);
}

std::string SummarizeAmendment(s::Payload::Reader p, const std::string& target_summary) {
  if (p.isCorrected()) {
    auto c = p.getCorrected();
    std::string line = "corrects #" + std::to_string(c.getTarget());
    line += target_summary.empty() ? ": now " : " (was: " + target_summary + "; now: ";
    line += SummarizePayload(c.getReplacement());
    if (!target_summary.empty()) line += ")";
    return line + "; reason: " + c.getReason().cStr() + (c.getAuthority().size() > 0 ? ", by " + std::string(c.getAuthority().cStr()) : "");
  }
  if (p.isRetracted()) {
    auto r = p.getRetracted();
    std::string line = "retracts #" + std::to_string(r.getTarget());
    if (!target_summary.empty()) line += " (" + target_summary + ")";
    return line + "; reason: " + r.getReason().cStr() +
           (r.getAuthority().size() > 0 ? ", by " + std::string(r.getAuthority().cStr()) : "");
  }
  return SummarizePayload(p);
}

}  // namespace jejak::cli
