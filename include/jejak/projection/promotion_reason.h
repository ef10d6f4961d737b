// Why a rank promotion is blocked on its date, or what it is still subject
// to: data, not words. PromotionReasonText writes one in a language; the
// profile, the promotion list and the API all write them through it.
#pragma once

#include <cstdint>
#include <string>

#include "jejak/projection/lang.h"
#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"

namespace jejak::projection {

struct PromotionReason {
  enum class Kind : uint8_t {
    kSeparated,              // separation (its reason) on `date`
    kPppk,                   // a PPPK grade: no rank promotion
    kNoRank,                 // no rank on record
    kTopRank,                // already IV/e
    kEducationUnknown,       // the education cap needs an education on record
    kAboveEducationCap,      // `from` at or above `to`, the cap of the education
    kNoRuleAfter,            // no rule for the dates after `date`
    kNoRuleOn,               // no rule for `date`
    kSanction,               // the sanction at log `position`, from `date` to `until` (0: open-ended)
    kNotConfirmed,           // no civilServantConfirmed by the date
    kNoExam,                 // `exam` needed from `from` to `to`
    kPredikatDue,            // note: `year` not over yet, must be at least Baik
    kNoPredikat,             // no rating for `year`
    kPredikatBelowBaik,      // `predikat` for `year` is below Baik
    kCreditPoints,           // note: `points` credit points since `date` (functional route)
    kSuperiorRankUnchecked,  // note: the superior's-rank cap before 2025-05-20 is not checked
  };
  Kind kind = Kind::kNoRank;
  uint32_t date = 0;   // YYYYMMDD
  uint32_t until = 0;  // YYYYMMDD, 0 = none
  uint64_t position = 0;
  uint16_t year = 0;
  double points = 0;
  schema::Golongan from = schema::Golongan::UNSPECIFIED;
  schema::Golongan to = schema::Golongan::UNSPECIFIED;
  schema::SeparationReason separation = schema::SeparationReason::UNSPECIFIED;
  schema::PredikatKinerja predikat = schema::PredikatKinerja::UNSPECIFIED;
  schema::ExamKind exam = schema::ExamKind::UNSPECIFIED;

  // The reason in English (the profile, JSON, tests).
  std::string Text() const;
  friend bool operator==(const PromotionReason&, const PromotionReason&) = default;
};

// `r` as a sentence fragment in `lang` (no capital, no full stop).
std::string PromotionReasonText(const PromotionReason& r, Lang lang);

// "not before DATE" / "paling cepat DATE": the earliest date lies past the
// period asked for.
std::string NotBeforeText(std::string_view date, Lang lang);
// The prefix of a note ("note: " / "catatan: ").
std::string_view NotePrefix(Lang lang);

}  // namespace jejak::projection
