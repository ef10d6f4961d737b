// Encoding of the projected states (schema/projection.capnp). Builders fill
// fields and lists in one fixed order, so equal states give equal bytes.
#include "state_codec.h"

#include <capnp/message.h>
#include <capnp/serialize-packed.h>
#include <capnp/serialize.h>
#include <kj/common.h>
#include <kj/exception.h>
#include <kj/io.h>

#include <cstring>
#include <vector>

#include "jejak/schema/projection.capnp.h"

namespace jejak::projection {

namespace {

namespace s = ::jejak::schema;

std::string ToBytes(capnp::MallocMessageBuilder& message) {
  auto words = capnp::messageToFlatArray(message);
  auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

// A Text as a std::string without the strlen of the conversion through
// const char*.
std::string Str(capnp::Text::Reader t) { return std::string(t.begin(), t.size()); }

// A std::string as Text without the strlen that Text's c_str() adapter does.
capnp::Text::Reader Txt(const std::string& v) { return capnp::Text::Reader(v.data(), v.size()); }

void SetKey(s::FactKey::Builder b, const FactKey& k) {
  b.setEffective(k.effective);
  b.setPosition(k.position);
}
FactKey GetKey(s::FactKey::Reader r) { return FactKey{r.getEffective(), r.getPosition()}; }

void SetRank(s::Rank::Builder b, const RankValue& v) {
  if (v.pppk_grade != 0) {
    b.setPppkGrade(v.pppk_grade);
  } else if (v.golongan != s::Golongan::UNSPECIFIED) {
    b.setGolongan(v.golongan);
  }
}
RankValue GetRank(s::Rank::Reader r) {
  RankValue v;
  if (r.isGolongan()) v.golongan = r.getGolongan();
  if (r.isPppkGrade()) v.pppk_grade = r.getPppkGrade();
  return v;
}

// Fills list `name` of builder `b` from vector `v` with `fill(builder, item)`.
template <typename ListBuilder, typename T, typename Fill>
void FillList(ListBuilder list, const std::vector<T>& v, Fill fill) {
  for (unsigned i = 0; i < v.size(); ++i) fill(list[i], v[i]);
}

template <typename T, typename ListReader, typename Read>
std::vector<T> ReadList(ListReader list, Read read) {
  std::vector<T> out;
  out.reserve(list.size());
  for (auto item : list) out.push_back(read(item));
  return out;
}

// How many words a decode may traverse per word of the value. The decoders
// read each pointer once, so a well-formed value is traversed about once;
// the bound stops a damaged value whose lists claim millions of empty
// elements (each costs one word of traversal but a whole C++ object here)
// at a few times its own size instead of Cap'n Proto's default of 64 MiB.
constexpr uint64_t kTraversalPerWord = 4;

// A packed message unpacks to at most this many words per byte: a zero
// tag and its count byte stand for up to 256 zero words.
constexpr uint64_t kMaxUnpackedWordsPerByte = 128;

// Appends what is written to a std::string (cleared first).
class StringOutputStream final : public kj::OutputStream {
 public:
  explicit StringOutputStream(std::string* out) : out_(out) { out_->clear(); }
  void write(const void* buffer, size_t size) override {
    out_->append(static_cast<const char*>(buffer), size);
  }

 private:
  std::string* out_;
};

// Runs `decode` over `bytes` as a flat-array message; Corruption on any
// malformed input (Cap'n Proto throws, we do not). Time and memory are
// bounded by the value's size (kTraversalPerWord).
template <typename Root, typename Decode>
auto DecodeMessage(std::string_view bytes, const char* what, Decode decode)
    -> Result<decltype(decode(std::declval<typename Root::Reader>()))> {
  if (bytes.size() % sizeof(capnp::word) != 0 || bytes.empty()) {
    return Status::Corruption(std::string(what) + ": value of " + std::to_string(bytes.size()) +
                              " bytes is not whole words");
  }
  std::vector<capnp::word> words(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.data(), bytes.data(), bytes.size());
  try {
    capnp::ReaderOptions options;
    options.traversalLimitInWords = kTraversalPerWord * words.size() + 64;
    capnp::FlatArrayMessageReader reader(kj::arrayPtr(words.data(), words.size()), options);
    return decode(reader.getRoot<Root>());
  } catch (const kj::Exception& e) {
    return Status::Corruption(std::string(what) + ": " + e.getDescription().cStr());
  }
}

void FillPositionVersion(s::PositionVersion::Builder b, const PositionVersion& v) {
  SetKey(b.initKey(), v.key);
  b.setName(Txt(v.name));
  b.setLevel(v.level);
  b.setUnitId(Txt(v.unit_id));
  b.setMinRank(v.min_rank);
  b.setMaxRank(v.max_rank);
  FillList(b.initRequired(static_cast<unsigned>(v.required.size())), v.required,
           [](s::CompetencyRequirement::Builder c, const CompetencyRequirement& r) {
             c.setCode(Txt(r.code));
             c.setKind(r.kind);
             c.setLevel(r.level);
           });
  b.setRequiredTraining(v.required_training);
  b.setMinEducation(v.min_education);
}

PositionVersion ReadPositionVersion(s::PositionVersion::Reader r) {
  PositionVersion v;
  v.key = GetKey(r.getKey());
  v.name = Str(r.getName());
  v.level = r.getLevel();
  v.unit_id = Str(r.getUnitId());
  v.min_rank = r.getMinRank();
  v.max_rank = r.getMaxRank();
  v.required = ReadList<CompetencyRequirement>(r.getRequired(), [](auto c) {
    return CompetencyRequirement{Str(c.getCode()), c.getKind(), c.getLevel()};
  });
  v.required_training = r.getRequiredTraining();
  v.min_education = r.getMinEducation();
  return v;
}

#define JEJAK_LIST(field, n) b.init##field(static_cast<unsigned>(n))

// A profile message's first segment, in words. Part of the stored format:
// a profile larger than this is written as several segments, the next
// sized by capnp's growth heuristic from this one.
constexpr size_t kProfileFirstSegmentWords = 1024;

void FillProfile(s::Profile::Builder b, const ProfileState& st) {
  b.setNip(Txt(st.nip));
  b.setNik(Txt(st.nik));
  b.setName(Txt(st.name));
  b.setBirthDate(st.birth_date);
  b.setGender(st.gender);
  b.setEducation(st.education);
  b.setEducationMajor(Txt(st.education_major));
  b.setEmploymentType(st.employment_type);
  SetKey(b.initRecruited(), st.recruited);
  SetKey(b.initConfirmed(), st.confirmed);
  FillList(JEJAK_LIST(Placements, st.placements.size()), st.placements,
           [](s::Placement::Builder x, const Placement& p) {
             SetKey(x.initKey(), p.key);
             x.setAgency(Txt(p.agency));
             x.setUnit(Txt(p.unit));
             x.setPositionId(Txt(p.position_id));
             x.setPositionName(Txt(p.position_name));
             x.setLevel(p.level);
             x.setKind(static_cast<uint8_t>(p.kind));
             x.setSelectionId(Txt(p.selection_id));
           });
  FillList(JEJAK_LIST(Ranks, st.ranks.size()), st.ranks, [](s::RankFact::Builder x, const RankFact& r) {
    SetKey(x.initKey(), r.key);
    SetRank(x.initRank(), r.rank);
    x.setKind(r.kind);
    x.setCreditPoints(r.credit_points);
  });
  FillList(JEJAK_LIST(Competencies, st.competencies.size()), st.competencies,
           [](s::CompetencyFact::Builder x, const CompetencyFact& c) {
             SetKey(x.initKey(), c.key);
             x.setCode(Txt(c.code));
             x.setKind(c.kind);
             x.setLevel(c.level);
           });
  {
    auto a = b.initAssessment();
    SetKey(a.initKey(), st.assessment.key);
    a.setPotential(st.assessment.potential);
    a.setPotentialScore(st.assessment.potential_score);
    a.setAssessor(Txt(st.assessment.assessor));
  }
  FillList(JEJAK_LIST(Ratings, st.ratings.size()), st.ratings,
           [](s::RatingFact::Builder x, const RatingFact& r) {
             SetKey(x.initKey(), r.key);
             x.setYear(r.year);
             x.setPredikat(r.predikat);
             x.setWorkResult(r.work_result);
             x.setBehaviour(r.behaviour);
             x.setDp3Score(r.dp3_score);
             x.setSkpScore(r.skp_score);
           });
  FillList(JEJAK_LIST(TrainingJp, st.training_jp.size()), st.training_jp,
           [](s::TrainingJp::Builder x, const TrainingJp& t) {
             x.setYear(t.year);
             x.setKind(t.kind);
             x.setJp(t.jp);
             x.setCount(t.count);
           });
  FillList(JEJAK_LIST(Leadership, st.leadership.size()), st.leadership,
           [](s::LeadershipTraining::Builder x, const LeadershipTraining& t) {
             SetKey(x.initKey(), t.key);
             x.setKind(t.kind);
             x.setName(Txt(t.name));
             x.setProvider(Txt(t.provider));
           });
  FillList(JEJAK_LIST(Sanctions, st.sanctions.size()), st.sanctions,
           [](s::SanctionFact::Builder x, const SanctionFact& f) {
             SetKey(x.initKey(), f.key);
             x.setLevel(f.level);
             x.setKind(f.kind);
             x.setStart(f.start);
             x.setEnd(f.end);
             x.setReason(Txt(f.reason));
           });
  FillList(JEJAK_LIST(Lifts, st.lifts.size()), st.lifts,
           [](s::SanctionLift::Builder x, const SanctionLift& f) {
             SetKey(x.initKey(), f.key);
             x.setSanctionPosition(f.sanction_position);
             x.setReason(Txt(f.reason));
           });
  FillList(JEJAK_LIST(Mentoring, st.mentoring.size()), st.mentoring,
           [](s::MentoringFact::Builder x, const MentoringFact& f) {
             SetKey(x.initKey(), f.key);
             x.setMentorNip(Txt(f.mentor_nip));
             x.setMenteeNip(Txt(f.mentee_nip));
             x.setPeriodStart(f.period_start);
             x.setPeriodEnd(f.period_end);
             x.setTopic(Txt(f.topic));
           });
  FillList(JEJAK_LIST(Relations, st.relations.size()), st.relations,
           [](s::RelationFact::Builder x, const RelationFact& f) {
             SetKey(x.initKey(), f.key);
             x.setOtherNip(Txt(f.other_nip));
             x.setOtherName(Txt(f.other_name));
             x.setRelation(f.relation);
           });
  {
    auto x = b.initSeparation();
    SetKey(x.initKey(), st.separation.key);
    x.setReason(st.separation.reason);
    x.setNote(Txt(st.separation.note));
  }
  b.setLastPosition(st.last_position);
  b.setEventCount(st.event_count);
  b.setSelectionScore(st.selection_score);
  // Lists added later are written only when they hold facts: a profile
  // without them encodes as before they existed.
  if (!st.exams.empty()) {
    FillList(JEJAK_LIST(Exams, st.exams.size()), st.exams,
             [](s::ExamFact::Builder x, const ExamFact& f) {
               SetKey(x.initKey(), f.key);
               x.setKind(f.kind);
               x.setCertificateNo(Txt(f.certificate_no));
               x.setEducation(f.education);
             });
  }
  if (!st.credit_points.empty()) {
    FillList(JEJAK_LIST(CreditPoints, st.credit_points.size()), st.credit_points,
             [](s::CreditPointsFact::Builder x, const CreditPointsFact& f) {
               SetKey(x.initKey(), f.key);
               x.setPoints(f.points);
               x.setPeriodStart(f.period_start);
               x.setPeriodEnd(f.period_end);
               x.setPositionId(Txt(f.position_id));
             });
  }
}

ProfileState ReadProfile(s::Profile::Reader r) {
  ProfileState st;
  st.nip = Str(r.getNip());
  st.nik = Str(r.getNik());
  st.name = Str(r.getName());
  st.birth_date = r.getBirthDate();
  st.gender = r.getGender();
  st.education = r.getEducation();
  st.education_major = Str(r.getEducationMajor());
  st.employment_type = r.getEmploymentType();
  st.recruited = GetKey(r.getRecruited());
  st.confirmed = GetKey(r.getConfirmed());
  st.placements = ReadList<Placement>(r.getPlacements(), [](s::Placement::Reader x) {
    return Placement{GetKey(x.getKey()), Str(x.getAgency()),
                     Str(x.getUnit()), Str(x.getPositionId()),
                     Str(x.getPositionName()), x.getLevel(),
                     static_cast<PlacementKind>(x.getKind()), Str(x.getSelectionId())};
  });
  st.ranks = ReadList<RankFact>(r.getRanks(), [](s::RankFact::Reader x) {
    return RankFact{GetKey(x.getKey()), GetRank(x.getRank()), x.getKind(), x.getCreditPoints()};
  });
  st.competencies = ReadList<CompetencyFact>(r.getCompetencies(), [](s::CompetencyFact::Reader x) {
    return CompetencyFact{GetKey(x.getKey()), Str(x.getCode()), x.getKind(), x.getLevel()};
  });
  auto a = r.getAssessment();
  st.assessment = AssessmentFact{GetKey(a.getKey()), a.getPotential(), a.getPotentialScore(),
                                 Str(a.getAssessor())};
  st.ratings = ReadList<RatingFact>(r.getRatings(), [](s::RatingFact::Reader x) {
    return RatingFact{GetKey(x.getKey()), x.getYear(), x.getPredikat(), x.getWorkResult(),
                      x.getBehaviour(), x.getDp3Score(), x.getSkpScore()};
  });
  st.training_jp = ReadList<TrainingJp>(r.getTrainingJp(), [](s::TrainingJp::Reader x) {
    return TrainingJp{x.getYear(), x.getKind(), x.getJp(), x.getCount()};
  });
  st.leadership = ReadList<LeadershipTraining>(r.getLeadership(), [](s::LeadershipTraining::Reader x) {
    return LeadershipTraining{GetKey(x.getKey()), x.getKind(), Str(x.getName()),
                              Str(x.getProvider())};
  });
  st.sanctions = ReadList<SanctionFact>(r.getSanctions(), [](s::SanctionFact::Reader x) {
    return SanctionFact{GetKey(x.getKey()), x.getLevel(), x.getKind(), x.getStart(), x.getEnd(),
                        Str(x.getReason())};
  });
  st.lifts = ReadList<SanctionLift>(r.getLifts(), [](s::SanctionLift::Reader x) {
    return SanctionLift{GetKey(x.getKey()), x.getSanctionPosition(), Str(x.getReason())};
  });
  st.mentoring = ReadList<MentoringFact>(r.getMentoring(), [](s::MentoringFact::Reader x) {
    return MentoringFact{GetKey(x.getKey()), Str(x.getMentorNip()), Str(x.getMenteeNip()),
                         x.getPeriodStart(), x.getPeriodEnd(), Str(x.getTopic())};
  });
  st.relations = ReadList<RelationFact>(r.getRelations(), [](s::RelationFact::Reader x) {
    return RelationFact{GetKey(x.getKey()), Str(x.getOtherNip()), Str(x.getOtherName()),
                        x.getRelation()};
  });
  auto sep = r.getSeparation();
  st.separation = SeparationFact{GetKey(sep.getKey()), sep.getReason(), Str(sep.getNote())};
  st.exams = ReadList<ExamFact>(r.getExams(), [](s::ExamFact::Reader x) {
    return ExamFact{GetKey(x.getKey()), x.getKind(), Str(x.getCertificateNo()), x.getEducation()};
  });
  st.credit_points = ReadList<CreditPointsFact>(r.getCreditPoints(), [](s::CreditPointsFact::Reader x) {
    return CreditPointsFact{GetKey(x.getKey()), x.getPoints(), x.getPeriodStart(), x.getPeriodEnd(),
                            Str(x.getPositionId())};
  });
  st.last_position = r.getLastPosition();
  st.event_count = r.getEventCount();
  st.selection_score = r.getSelectionScore();
  return st;
}

}  // namespace

ProfileEncoder::ProfileEncoder() : scratch_(kProfileFirstSegmentWords, 0) {}

template <typename Write>
void ProfileEncoder::Build(const ProfileState& st, Write write) {
  static_assert(sizeof(capnp::word) == sizeof(uint64_t));
  const kj::ArrayPtr<capnp::word> first(reinterpret_cast<capnp::word*>(scratch_.data()),
                                        scratch_.size());
  // Same first-segment size and allocation strategy as a
  // MallocMessageBuilder(kProfileFirstSegmentWords): same segments, same bytes.
  capnp::MallocMessageBuilder message(first);
  // The builder requires a zeroed first segment: zero what it used, however
  // this returns.
  KJ_DEFER({
    auto segments = message.getSegmentsForOutput();
    const size_t used = segments.size() > 0 && segments[0].begin() == first.begin()
                            ? segments[0].size()
                            : scratch_.size();
    std::memset(scratch_.data(), 0, used * sizeof(uint64_t));
  });
  FillProfile(message.initRoot<s::Profile>(), st);
  write(message.getSegmentsForOutput());
}

void ProfileEncoder::Encode(const ProfileState& st, std::string* out) {
  Build(st, [out](kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments) {
    out->resize(capnp::computeSerializedSizeInWords(segments) * sizeof(capnp::word));
    kj::ArrayOutputStream stream(
        kj::arrayPtr(reinterpret_cast<kj::byte*>(out->data()), out->size()));
    capnp::writeMessage(stream, segments);
  });
}

void ProfileEncoder::EncodePacked(const ProfileState& st, std::string* out) {
  Build(st, [out](kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments) {
    StringOutputStream stream(out);
    capnp::writePackedMessage(stream, segments);
  });
}

std::string EncodeProfile(const ProfileState& st) {
  ProfileEncoder encoder;
  std::string out;
  encoder.Encode(st, &out);
  return out;
}

Result<ProfileState> DecodeProfile(std::string_view bytes) {
  return DecodeMessage<s::Profile>(bytes, "profile", ReadProfile);
}

Result<ProfileState> DecodePackedProfile(std::string_view packed) {
  if (packed.empty()) return Status::Corruption("packed profile: empty value");
  try {
    kj::ArrayInputStream in(
        kj::arrayPtr(reinterpret_cast<const kj::byte*>(packed.data()), packed.size()));
    capnp::ReaderOptions options;
    options.traversalLimitInWords = kTraversalPerWord * kMaxUnpackedWordsPerByte * packed.size() + 64;
    capnp::PackedMessageReader reader(in, options);
    return ReadProfile(reader.getRoot<s::Profile>());
  } catch (const kj::Exception& e) {
    return Status::Corruption(std::string("packed profile: ") + e.getDescription().cStr());
  }
}

std::string EncodePosition(const PositionDef& p) {
  capnp::MallocMessageBuilder message(256);
  auto b = message.initRoot<s::PositionDef>();
  b.setAgency(Txt(p.agency));
  b.setPositionId(Txt(p.position_id));
  FillList(JEJAK_LIST(Versions, p.versions.size()), p.versions, FillPositionVersion);
  return ToBytes(message);
}

Result<PositionDef> DecodePosition(std::string_view bytes) {
  return DecodeMessage<s::PositionDef>(bytes, "position", [](s::PositionDef::Reader r) {
    return PositionDef{Str(r.getAgency()), Str(r.getPositionId()),
                       ReadList<PositionVersion>(r.getVersions(), ReadPositionVersion)};
  });
}

std::string EncodeUnit(const UnitDef& u) {
  capnp::MallocMessageBuilder message(64);
  auto b = message.initRoot<s::UnitDef>();
  SetKey(b.initKey(), u.key);
  b.setAgency(Txt(u.agency));
  b.setUnitId(Txt(u.unit_id));
  b.setName(Txt(u.name));
  b.setParentUnitId(Txt(u.parent_unit_id));
  return ToBytes(message);
}

Result<UnitDef> DecodeUnit(std::string_view bytes) {
  return DecodeMessage<s::UnitDef>(bytes, "unit", [](s::UnitDef::Reader r) {
    return UnitDef{GetKey(r.getKey()), Str(r.getAgency()), Str(r.getUnitId()), Str(r.getName()),
                   Str(r.getParentUnitId())};
  });
}

}  // namespace jejak::projection
