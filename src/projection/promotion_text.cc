// PromotionReasonText: the sentences of a promotion outlook, in Indonesian
// and English.
#include <cstdio>
#include <string>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/promotion_reason.h"
#include "jejak/projection/queries.h"
#include "jejak/projection/table_labels.h"

namespace jejak::projection {

namespace {

std::string Points(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", points);
  std::string out = buf;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string Rank(schema::Golongan g) { return std::string(domain::GolonganName(g)); }

std::string Date(uint32_t d) { return domain::FormatDate(d); }

std::string Predikat(schema::PredikatKinerja p, Lang lang) {
  return ValueWord("PREDIKAT", EnumName(p), lang);
}

std::string Separation(schema::SeparationReason r, Lang lang) {
  return ValueWord("STATUS", StatusCell(true, r), lang);
}

std::string Exam(schema::ExamKind e) {
  return e == schema::ExamKind::UJIAN_DINAS_TINGKAT_I ? "ujian dinas tingkat I"
                                                      : "ujian dinas tingkat II";
}

std::string Indonesian(const PromotionReason& r) {
  using K = PromotionReason::Kind;
  switch (r.kind) {
    case K::kSeparated:
      return "berhenti (" + Separation(r.separation, Lang::kId) + ") pada " + Date(r.date);
    case K::kPppk:
      return "PPPK: golongan PPPK, bukan pangkat PNS; tidak ada kenaikan pangkat reguler";
    case K::kNoRank: return "pangkat belum tercatat";
    case K::kTopRank: return "IV/e adalah golongan tertinggi";
    case K::kEducationUnknown:
      return "pendidikan belum tercatat: batas kenaikan pangkat reguler menurut ijazah tidak "
             "dapat diterapkan";
    case K::kAboveEducationCap:
      return "golongan " + Rank(r.from) +
             " sudah mencapai batas tertinggi kenaikan pangkat reguler untuk ijazahnya (" +
             Rank(r.to) + ")";
    case K::kNoRuleAfter:
      return "tidak ada aturan kenaikan pangkat untuk tanggal setelah " + Date(r.date);
    case K::kNoRuleOn: return "tidak ada aturan kenaikan pangkat untuk " + Date(r.date);
    case K::kSanction:
      return "hukuman disiplin (posisi log " + std::to_string(r.position) + ") berlaku sejak " +
             Date(r.date) + (r.until == 0 ? ", tanpa batas akhir" : " sampai " + Date(r.until));
    case K::kNotConfirmed:
      return "belum diangkat menjadi PNS (civilServantConfirmed belum tercatat)";
    case K::kNoExam:
      return "belum lulus " + Exam(r.exam) + " (atau penyesuaian ijazah), syarat dari " +
             Rank(r.from) + " ke " + Rank(r.to);
    case K::kPredikatDue:
      return "dengan syarat predikat " + std::to_string(r.year) + " minimal Baik";
    case K::kNoPredikat: return "predikat " + std::to_string(r.year) + " belum tercatat";
    case K::kPredikatBelowBaik:
      return "predikat " + std::to_string(r.year) + " " + Predikat(r.predikat, Lang::kId) +
             " (minimal Baik)";
    case K::kCreditPoints:
      return "jalur jabatan fungsional (angka kredit): " + Points(r.points) +
             " angka kredit tercatat sejak " + Date(r.date) +
             "; angka kredit yang dibutuhkan tidak diperiksa";
    case K::kSuperiorRankUnchecked:
      return "tidak melebihi pangkat atasan langsung (aturan sebelum 2025-05-20; tidak "
             "diperiksa)";
  }
  return "";
}

std::string English(const PromotionReason& r) {
  using K = PromotionReason::Kind;
  switch (r.kind) {
    case K::kSeparated:
      return "separated (" + Separation(r.separation, Lang::kEn) + ") on " + Date(r.date);
    case K::kPppk: return "PPPK: a grade, not a rank; no regular rank promotion";
    case K::kNoRank: return "no rank recorded";
    case K::kTopRank: return "rank IV/e is the highest";
    case K::kEducationUnknown:
      return "education unknown: the regular-promotion cap cannot be applied";
    case K::kAboveEducationCap:
      return "rank " + Rank(r.from) +
             " is at or above the highest rank by regular promotion for this education (" +
             Rank(r.to) + ")";
    case K::kNoRuleAfter: return "no promotion rule covers the dates after " + Date(r.date);
    case K::kNoRuleOn: return "no promotion rule covers " + Date(r.date);
    case K::kSanction:
      return "sanction (position " + std::to_string(r.position) + ") in force from " +
             Date(r.date) + (r.until == 0 ? ", open-ended" : " until " + Date(r.until));
    case K::kNotConfirmed: return "not confirmed as PNS (no civilServantConfirmed recorded)";
    case K::kNoExam:
      return "no " + Exam(r.exam) + " (or penyesuaian ijazah) on record, needed from " +
             Rank(r.from) + " to " + Rank(r.to);
    case K::kPredikatDue: return "subject to predikat " + std::to_string(r.year) + " >= Baik";
    case K::kNoPredikat: return "no predikat for " + std::to_string(r.year);
    case K::kPredikatBelowBaik:
      return "predikat " + std::to_string(r.year) + " " + Predikat(r.predikat, Lang::kEn) +
             " (needs at least Baik)";
    case K::kCreditPoints:
      return "functional route (credit points): " + Points(r.points) +
             " credit points on record since " + Date(r.date) +
             "; the points the step needs are not checked";
    case K::kSuperiorRankUnchecked:
      return "not above the direct superior's rank (rule before 2025-05-20; unchecked)";
  }
  return "";
}

}  // namespace

std::string PromotionReasonText(const PromotionReason& r, Lang lang) {
  return lang == Lang::kId ? Indonesian(r) : English(r);
}

std::string PromotionReason::Text() const { return English(*this); }

std::string NotBeforeText(std::string_view date, Lang lang) {
  return (lang == Lang::kId ? "paling cepat " : "not before ") + std::string(date);
}

std::string_view NotePrefix(Lang lang) { return lang == Lang::kId ? "catatan: " : "note: "; }

}  // namespace jejak::projection
