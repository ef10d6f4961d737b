#include "gen/json_line.h"
#include "jejak/json_string.h"
#include "jejak/text_view.h"

#include <capnp/schema.h>
#include <kj/string.h>


namespace jejak::gen {

namespace {

// The $Json.name annotation (capnp/compat/json.capnp).
constexpr uint64_t kJsonNameAnnotation = 0xfa5b1fd61c2e7c3dull;

void LearnEnum(capnp::EnumSchema schema,
               std::unordered_map<uint64_t, std::vector<std::string>>* names) {
  std::vector<std::string>& out = (*names)[schema.getProto().getId()];
  if (!out.empty()) return;
  for (auto e : schema.getEnumerants()) {
    std::string name = e.getProto().getName().cStr();
    for (auto a : e.getProto().getAnnotations()) {
      if (a.getId() == kJsonNameAnnotation) name = a.getValue().getText().cStr();
    }
    out.push_back(std::move(name));
  }
}

// Every enum reachable from `schema` (through structs, unions and lists):
// an enum added with a new event kind is written by name like the others.
void LearnEnums(capnp::StructSchema schema, std::unordered_map<uint64_t, bool>* seen,
                std::unordered_map<uint64_t, std::vector<std::string>>* names) {
  if (!seen->emplace(schema.getProto().getId(), true).second) return;
  for (auto field : schema.getFields()) {
    capnp::Type t = field.getType();
    while (t.isList()) t = t.asList().getElementType();
    if (t.isEnum()) LearnEnum(t.asEnum(), names);
    if (t.isStruct()) LearnEnums(t.asStruct(), seen, names);
  }
}

}  // namespace

// Appends JSON tokens to a string, placing the commas: a comma goes before
// a key or an array element whenever a value was written at that level.
class JsonOut {
 public:
  JsonOut(const JsonLineWriter& w, std::string* out) : w_(w), o_(*out) {}

  void Open(char c) {
    o_.push_back(c);
    comma_ = false;
  }
  void Close(char c) {
    o_.push_back(c);
    comma_ = true;
  }
  void Key(const char* name) {
    if (comma_) o_.push_back(',');
    o_.push_back('"');
    o_.append(name);
    o_.append("\":");
    comma_ = false;
  }
  void Element() {
    if (comma_) o_.push_back(',');
    comma_ = false;
  }

  // Values (each sets the comma flag).
  void Null() { Raw("null"); }
  void UInt(uint64_t v) {
    char buf[24];
    char* end = buf + sizeof buf;
    char* p = end;
    do {
      *--p = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    o_.append(p, static_cast<size_t>(end - p));
    comma_ = true;
  }
  void QuotedUInt(uint64_t v) {  // capnp-json writes 64-bit integers as strings
    o_.push_back('"');
    UInt(v);
    o_.push_back('"');
  }
  void Double(double v) { Raw(kj::str(v).cStr()); }
  void Bool(bool v) { Raw(v ? "true" : "false"); }
  void Date(uint32_t v) {
    char buf[12] = {'"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, '"'};
    const uint32_t y = v / 10000 % 10000, m = v / 100 % 100, d = v % 100;
    buf[1] = static_cast<char>('0' + y / 1000);
    buf[2] = static_cast<char>('0' + y / 100 % 10);
    buf[3] = static_cast<char>('0' + y / 10 % 10);
    buf[4] = static_cast<char>('0' + y % 10);
    buf[6] = static_cast<char>('0' + m / 10);
    buf[7] = static_cast<char>('0' + m % 10);
    buf[9] = static_cast<char>('0' + d / 10);
    buf[10] = static_cast<char>('0' + d % 10);
    o_.append(buf, sizeof buf);
    comma_ = true;
  }
  template <typename E>
  void Enum(E v) {
    const auto* names = w_.EnumNames(capnp::typeId<E>());
    const auto i = static_cast<uint16_t>(v);
    if (names != nullptr && i < names->size()) {
      o_.push_back('"');
      o_.append((*names)[i]);
      o_.push_back('"');
      comma_ = true;
    } else {
      UInt(i);
    }
  }
  void Text(capnp::Text::Reader t) {
    AppendJsonString(View(t), &o_);
    comma_ = true;
  }

  // Members: key and value; pointer members only when set (non-null).
  void TextField(const char* k, capnp::Text::Reader t, bool has) {
    if (!has) return;
    Key(k);
    Text(t);
  }
  void UIntField(const char* k, uint64_t v) {
    Key(k);
    UInt(v);
  }
  void UInt64Field(const char* k, uint64_t v) {
    Key(k);
    QuotedUInt(v);
  }
  void DoubleField(const char* k, double v) {
    Key(k);
    Double(v);
  }
  void BoolField(const char* k, bool v) {
    Key(k);
    Bool(v);
  }
  template <typename E>
  void EnumField(const char* k, E v) {
    Key(k);
    Enum(v);
  }
  void DateField(const char* k, schema::Date::Reader d, bool has) {
    if (!has) return;
    Key(k);
    Date(d.getYyyymmdd());
  }

 private:
  void Raw(const char* s) {
    o_.append(s);
    comma_ = true;
  }

  const JsonLineWriter& w_;
  std::string& o_;
  bool comma_ = false;
};

namespace {

using namespace jejak::schema;  // NOLINT: one writer per schema struct below

void WriteRank(JsonOut& j, Rank::Reader r) {
  j.Open('{');
  switch (r.which()) {
    case Rank::UNSPECIFIED: j.Key("unspecified"); j.Null(); break;
    case Rank::GOLONGAN: j.EnumField("golongan", r.getGolongan()); break;
    case Rank::PPPK_GRADE: j.UIntField("pppkGrade", r.getPppkGrade()); break;
  }
  j.Close('}');
}

void RankField(JsonOut& j, const char* k, Rank::Reader r, bool has) {
  if (!has) return;
  j.Key(k);
  WriteRank(j, r);
}

void CompetencyListField(JsonOut& j, const char* k, capnp::List<CompetencyLevel>::Reader list,
                         bool has) {
  if (!has) return;
  j.Key(k);
  j.Open('[');
  for (auto c : list) {
    j.Element();
    j.Open('{');
    j.TextField("code", c.getCode(), c.hasCode());
    j.EnumField("kind", c.getKind());
    j.UIntField("level", c.getLevel());
    j.Close('}');
  }
  j.Close(']');
}

void TextListField(JsonOut& j, const char* k, capnp::List<capnp::Text>::Reader list, bool has) {
  if (!has) return;
  j.Key(k);
  j.Open('[');
  for (auto t : list) {
    j.Element();
    j.Text(t);
  }
  j.Close(']');
}

void WriteRecruited(JsonOut& j, Recruited::Reader r) {
  j.TextField("nip", r.getNip(), r.hasNip());
  j.TextField("nik", r.getNik(), r.hasNik());
  j.TextField("name", r.getName(), r.hasName());
  j.DateField("birthDate", r.getBirthDate(), r.hasBirthDate());
  j.EnumField("gender", r.getGender());
  j.EnumField("education", r.getEducation());
  j.TextField("educationMajor", r.getEducationMajor(), r.hasEducationMajor());
  j.TextField("agency", r.getAgency(), r.hasAgency());
  j.TextField("unit", r.getUnit(), r.hasUnit());
  j.EnumField("employmentType", r.getEmploymentType());
  RankField(j, "startingRank", r.getStartingRank(), r.hasStartingRank());
  j.DoubleField("selectionScore", r.getSelectionScore());
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
}

void WritePositionAssigned(JsonOut& j, PositionAssigned::Reader r) {
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
  j.TextField("positionName", r.getPositionName(), r.hasPositionName());
  j.EnumField("level", r.getLevel());
  j.TextField("agency", r.getAgency(), r.hasAgency());
  j.TextField("unit", r.getUnit(), r.hasUnit());
}

void WriteTransferred(JsonOut& j, Transferred::Reader r) {
  j.TextField("fromAgency", r.getFromAgency(), r.hasFromAgency());
  j.TextField("fromUnit", r.getFromUnit(), r.hasFromUnit());
  j.TextField("toAgency", r.getToAgency(), r.hasToAgency());
  j.TextField("toUnit", r.getToUnit(), r.hasToUnit());
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
  j.TextField("positionName", r.getPositionName(), r.hasPositionName());
  j.EnumField("level", r.getLevel());
  j.TextField("reason", r.getReason(), r.hasReason());
}

void WriteRankPromoted(JsonOut& j, RankPromoted::Reader r) {
  j.EnumField("kind", r.getKind());
  RankField(j, "from", r.getFrom(), r.hasFrom());
  RankField(j, "to", r.getTo(), r.hasTo());
  j.DoubleField("creditPoints", r.getCreditPoints());
}

void WritePositionPromoted(JsonOut& j, PositionPromoted::Reader r) {
  j.TextField("selectionId", r.getSelectionId(), r.hasSelectionId());
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
  j.TextField("positionName", r.getPositionName(), r.hasPositionName());
  j.EnumField("level", r.getLevel());
  j.TextField("agency", r.getAgency(), r.hasAgency());
  j.TextField("unit", r.getUnit(), r.hasUnit());
}

void WriteCompetencyAssessed(JsonOut& j, CompetencyAssessed::Reader r) {
  CompetencyListField(j, "levels", r.getLevels(), r.hasLevels());
  j.DoubleField("potentialScore", r.getPotentialScore());
  j.EnumField("potential", r.getPotential());
  j.TextField("assessor", r.getAssessor(), r.hasAssessor());
  j.TextField("method", r.getMethod(), r.hasMethod());
}

void WritePerformanceRated(JsonOut& j, PerformanceRated::Reader r) {
  j.UIntField("year", r.getYear());
  j.DateField("periodStart", r.getPeriodStart(), r.hasPeriodStart());
  j.DateField("periodEnd", r.getPeriodEnd(), r.hasPeriodEnd());
  j.EnumField("workResult", r.getWorkResult());
  j.EnumField("behaviour", r.getBehaviour());
  j.EnumField("predikat", r.getPredikat());
  j.TextField("evaluatorNip", r.getEvaluatorNip(), r.hasEvaluatorNip());
  j.UIntField("dp3Score", r.getDp3Score());
  j.DoubleField("skpScore", r.getSkpScore());
}

void WriteTrainingCompleted(JsonOut& j, TrainingCompleted::Reader r) {
  j.EnumField("kind", r.getKind());
  j.TextField("name", r.getName(), r.hasName());
  j.UIntField("jp", r.getJp());
  j.TextField("provider", r.getProvider(), r.hasProvider());
  j.DateField("startDate", r.getStartDate(), r.hasStartDate());
  j.DateField("endDate", r.getEndDate(), r.hasEndDate());
}

void WriteMentoringRecorded(JsonOut& j, MentoringRecorded::Reader r) {
  j.TextField("mentorNip", r.getMentorNip(), r.hasMentorNip());
  j.TextField("menteeNip", r.getMenteeNip(), r.hasMenteeNip());
  j.DateField("periodStart", r.getPeriodStart(), r.hasPeriodStart());
  j.DateField("periodEnd", r.getPeriodEnd(), r.hasPeriodEnd());
  j.TextField("topic", r.getTopic(), r.hasTopic());
}

void WriteSanctionImposed(JsonOut& j, SanctionImposed::Reader r) {
  j.EnumField("level", r.getLevel());
  j.EnumField("kind", r.getKind());
  j.DateField("start", r.getStart(), r.hasStart());
  j.DateField("end", r.getEnd(), r.hasEnd());
  j.TextField("reason", r.getReason(), r.hasReason());
}

void WriteSanctionLifted(JsonOut& j, SanctionLifted::Reader r) {
  j.UInt64Field("sanctionPosition", r.getSanctionPosition());
  j.TextField("reason", r.getReason(), r.hasReason());
}

void WriteRelationshipDeclared(JsonOut& j, RelationshipDeclared::Reader r) {
  j.TextField("otherNip", r.getOtherNip(), r.hasOtherNip());
  j.TextField("otherName", r.getOtherName(), r.hasOtherName());
  j.EnumField("relation", r.getRelation());
}

void WriteSeparated(JsonOut& j, Separated::Reader r) {
  j.EnumField("reason", r.getReason());
  j.TextField("note", r.getNote(), r.hasNote());
}

void WriteExamPassed(JsonOut& j, ExamPassed::Reader r) {
  j.EnumField("kind", r.getKind());
  j.TextField("certificateNo", r.getCertificateNo(), r.hasCertificateNo());
  j.TextField("organiser", r.getOrganiser(), r.hasOrganiser());
  j.EnumField("education", r.getEducation());
}

void WriteCreditPointsAwarded(JsonOut& j, CreditPointsAwarded::Reader r) {
  j.DoubleField("points", r.getPoints());
  j.DateField("periodStart", r.getPeriodStart(), r.hasPeriodStart());
  j.DateField("periodEnd", r.getPeriodEnd(), r.hasPeriodEnd());
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
}

void WriteSelectionOpened(JsonOut& j, SelectionOpened::Reader r) {
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
  j.TextField("positionName", r.getPositionName(), r.hasPositionName());
  j.EnumField("level", r.getLevel());
  j.TextField("agency", r.getAgency(), r.hasAgency());
  j.EnumField("kind", r.getKind());
  j.TextField("announcement", r.getAnnouncement(), r.hasAnnouncement());
}

void WriteCommitteeAppointed(JsonOut& j, CommitteeAppointed::Reader r) {
  if (r.hasMembers()) {
    j.Key("members");
    j.Open('[');
    for (auto m : r.getMembers()) {
      j.Element();
      j.Open('{');
      j.TextField("memberId", m.getMemberId(), m.hasMemberId());
      j.TextField("name", m.getName(), m.hasName());
      j.BoolField("internal", m.getInternal());
      j.EnumField("role", m.getRole());
      j.EnumField("level", m.getLevel());
      j.Close('}');
    }
    j.Close(']');
  }
  j.TextField("ppkNip", r.getPpkNip(), r.hasPpkNip());
}

void WriteCandidateScored(JsonOut& j, CandidateScored::Reader r) {
  j.TextField("memberId", r.getMemberId(), r.hasMemberId());
  j.TextField("candidateNip", r.getCandidateNip(), r.hasCandidateNip());
  if (r.hasScores()) {
    j.Key("scores");
    j.Open('[');
    for (auto s : r.getScores()) {
      j.Element();
      j.Open('{');
      j.TextField("criterion", s.getCriterion(), s.hasCriterion());
      j.DoubleField("score", s.getScore());
      j.DoubleField("weight", s.getWeight());
      j.Close('}');
    }
    j.Close(']');
  }
  j.DoubleField("total", r.getTotal());
}

void WritePositionDefined(JsonOut& j, PositionDefined::Reader r) {
  j.TextField("positionId", r.getPositionId(), r.hasPositionId());
  j.TextField("name", r.getName(), r.hasName());
  j.EnumField("level", r.getLevel());
  j.TextField("unitId", r.getUnitId(), r.hasUnitId());
  j.EnumField("minRank", r.getMinRank());
  j.EnumField("maxRank", r.getMaxRank());
  CompetencyListField(j, "requiredCompetencies", r.getRequiredCompetencies(),
                      r.hasRequiredCompetencies());
  j.EnumField("requiredTraining", r.getRequiredTraining());
  j.EnumField("minEducation", r.getMinEducation());
}

void WritePayload(JsonOut& j, Payload::Reader p);

void WritePayloadMember(JsonOut& j, Payload::Reader p) {
  switch (p.which()) {
    case Payload::UNSPECIFIED: j.Key("unspecified"); j.Null(); return;
    case Payload::RECRUITED: j.Key("recruited"); j.Open('{'); WriteRecruited(j, p.getRecruited()); break;
    case Payload::CIVIL_SERVANT_CONFIRMED: {
      auto r = p.getCivilServantConfirmed();
      j.Key("civilServantConfirmed");
      j.Open('{');
      j.TextField("latsarCertificate", r.getLatsarCertificate(), r.hasLatsarCertificate());
      break;
    }
    case Payload::POSITION_ASSIGNED:
      j.Key("positionAssigned"); j.Open('{'); WritePositionAssigned(j, p.getPositionAssigned()); break;
    case Payload::TRANSFERRED:
      j.Key("transferred"); j.Open('{'); WriteTransferred(j, p.getTransferred()); break;
    case Payload::RANK_PROMOTED:
      j.Key("rankPromoted"); j.Open('{'); WriteRankPromoted(j, p.getRankPromoted()); break;
    case Payload::POSITION_PROMOTED:
      j.Key("positionPromoted"); j.Open('{'); WritePositionPromoted(j, p.getPositionPromoted()); break;
    case Payload::COMPETENCY_ASSESSED:
      j.Key("competencyAssessed"); j.Open('{'); WriteCompetencyAssessed(j, p.getCompetencyAssessed()); break;
    case Payload::PERFORMANCE_RATED:
      j.Key("performanceRated"); j.Open('{'); WritePerformanceRated(j, p.getPerformanceRated()); break;
    case Payload::TRAINING_COMPLETED:
      j.Key("trainingCompleted"); j.Open('{'); WriteTrainingCompleted(j, p.getTrainingCompleted()); break;
    case Payload::MENTORING_RECORDED:
      j.Key("mentoringRecorded"); j.Open('{'); WriteMentoringRecorded(j, p.getMentoringRecorded()); break;
    case Payload::SANCTION_IMPOSED:
      j.Key("sanctionImposed"); j.Open('{'); WriteSanctionImposed(j, p.getSanctionImposed()); break;
    case Payload::SANCTION_LIFTED:
      j.Key("sanctionLifted"); j.Open('{'); WriteSanctionLifted(j, p.getSanctionLifted()); break;
    case Payload::RELATIONSHIP_DECLARED:
      j.Key("relationshipDeclared"); j.Open('{');
      WriteRelationshipDeclared(j, p.getRelationshipDeclared());
      break;
    case Payload::SEPARATED: j.Key("separated"); j.Open('{'); WriteSeparated(j, p.getSeparated()); break;
    case Payload::SELECTION_OPENED:
      j.Key("selectionOpened"); j.Open('{'); WriteSelectionOpened(j, p.getSelectionOpened()); break;
    case Payload::COMMITTEE_APPOINTED:
      j.Key("committeeAppointed"); j.Open('{');
      WriteCommitteeAppointed(j, p.getCommitteeAppointed());
      break;
    case Payload::CANDIDATE_REGISTERED: {
      auto r = p.getCandidateRegistered();
      j.Key("candidateRegistered");
      j.Open('{');
      j.TextField("nip", r.getNip(), r.hasNip());
      j.TextField("name", r.getName(), r.hasName());
      break;
    }
    case Payload::MEMBER_RECUSED: {
      auto r = p.getMemberRecused();
      j.Key("memberRecused");
      j.Open('{');
      j.TextField("memberId", r.getMemberId(), r.hasMemberId());
      j.TextField("candidateNip", r.getCandidateNip(), r.hasCandidateNip());
      j.TextField("reason", r.getReason(), r.hasReason());
      break;
    }
    case Payload::CANDIDATE_SCORED:
      j.Key("candidateScored"); j.Open('{'); WriteCandidateScored(j, p.getCandidateScored()); break;
    case Payload::SHORTLIST_SUBMITTED: {
      auto r = p.getShortlistSubmitted();
      j.Key("shortlistSubmitted");
      j.Open('{');
      TextListField(j, "ranked", r.getRanked(), r.hasRanked());
      break;
    }
    case Payload::SELECTION_DECIDED: {
      auto r = p.getSelectionDecided();
      j.Key("selectionDecided");
      j.Open('{');
      j.TextField("appointeeNip", r.getAppointeeNip(), r.hasAppointeeNip());
      j.TextField("decidingOfficialNip", r.getDecidingOfficialNip(), r.hasDecidingOfficialNip());
      j.TextField("justification", r.getJustification(), r.hasJustification());
      break;
    }
    case Payload::UNIT_DEFINED: {
      auto r = p.getUnitDefined();
      j.Key("unitDefined");
      j.Open('{');
      j.TextField("unitId", r.getUnitId(), r.hasUnitId());
      j.TextField("name", r.getName(), r.hasName());
      j.TextField("parentUnitId", r.getParentUnitId(), r.hasParentUnitId());
      break;
    }
    case Payload::POSITION_DEFINED:
      j.Key("positionDefined"); j.Open('{'); WritePositionDefined(j, p.getPositionDefined()); break;
    case Payload::AGENCY_DEFINED: {
      auto r = p.getAgencyDefined();
      j.Key("agencyDefined");
      j.Open('{');
      j.TextField("name", r.getName(), r.hasName());
      j.DateField("established", r.getEstablished(), r.hasEstablished());
      j.TextField("legalBasis", r.getLegalBasis(), r.hasLegalBasis());
      j.TextField("regionCode", r.getRegionCode(), r.hasRegionCode());
      break;
    }
    case Payload::CORRECTED: {
      auto r = p.getCorrected();
      j.Key("corrected");
      j.Open('{');
      j.UInt64Field("target", r.getTarget());
      if (r.hasReplacement()) {
        j.Key("replacement");
        WritePayload(j, r.getReplacement());
      }
      j.TextField("reason", r.getReason(), r.hasReason());
      j.TextField("authority", r.getAuthority(), r.hasAuthority());
      break;
    }
    case Payload::RETRACTED: {
      auto r = p.getRetracted();
      j.Key("retracted");
      j.Open('{');
      j.UInt64Field("target", r.getTarget());
      j.TextField("reason", r.getReason(), r.hasReason());
      j.TextField("authority", r.getAuthority(), r.hasAuthority());
      break;
    }
    case Payload::EXAM_PASSED:
      j.Key("examPassed"); j.Open('{'); WriteExamPassed(j, p.getExamPassed()); break;
    case Payload::CREDIT_POINTS_AWARDED:
      j.Key("creditPointsAwarded"); j.Open('{');
      WriteCreditPointsAwarded(j, p.getCreditPointsAwarded());
      break;
    default:  // a member this build does not know: nothing to write
      return;
  }
  j.Close('}');
}

void WritePayload(JsonOut& j, Payload::Reader p) {
  j.Open('{');
  WritePayloadMember(j, p);
  j.Close('}');
}

}  // namespace

JsonLineWriter::JsonLineWriter() {
  std::unordered_map<uint64_t, bool> seen;
  LearnEnums(capnp::Schema::from<EventInput>(), &seen, &enum_names_);
}

const std::vector<std::string>* JsonLineWriter::EnumNames(uint64_t type_id) const {
  auto it = enum_names_.find(type_id);
  return it == enum_names_.end() ? nullptr : &it->second;
}

void JsonLineWriter::Append(EventInput::Reader in, std::string* out) const {
  JsonOut j(*this, out);
  j.Open('{');
  j.TextField("stream", in.getStream(), in.hasStream());
  j.TextField("eventId", in.getEventId(), in.hasEventId());
  if (in.hasExpectedVersion()) {
    auto ev = in.getExpectedVersion();
    j.Key("expectedVersion");
    j.Open('{');
    switch (ev.which()) {
      case ExpectedVersion::ANY: j.Key("any"); j.Null(); break;
      case ExpectedVersion::NO_STREAM: j.Key("noStream"); j.Null(); break;
      case ExpectedVersion::EXACT: j.UInt64Field("exact", ev.getExact()); break;
    }
    j.Close('}');
  }
  j.DateField("effectiveDate", in.getEffectiveDate(), in.hasEffectiveDate());
  if (in.hasActor()) {
    auto a = in.getActor();
    j.Key("actor");
    j.Open('{');
    j.TextField("user", a.getUser(), a.hasUser());
    j.TextField("role", a.getRole(), a.hasRole());
    j.TextField("agency", a.getAgency(), a.hasAgency());
    j.Close('}');
  }
  if (in.hasSource()) {
    auto s = in.getSource();
    j.Key("source");
    j.Open('{');
    j.TextField("decreeNumber", s.getDecreeNumber(), s.hasDecreeNumber());
    j.TextField("signer", s.getSigner(), s.hasSigner());
    j.DateField("signingDate", s.getSigningDate(), s.hasSigningDate());
    j.Close('}');
  }
  if (in.hasPayload()) {
    j.Key("payload");
    WritePayload(j, in.getPayload());
  }
  j.Close('}');
}

}  // namespace jejak::gen
