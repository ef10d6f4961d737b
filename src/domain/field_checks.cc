#include "domain/field_checks.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <set>

#include "jejak/domain/date.h"
#include "jejak/domain/nip.h"
#include "jejak/text_view.h"

namespace jejak::domain::internal {

Status FieldError(std::string_view path, std::string_view message) {
  std::string m(path);
  m += ": ";
  m += message;
  return Status::InvalidArgument(std::move(m));
}

std::string Quoted(capnp::Text::Reader t) {
  std::string q;
  q.reserve(t.size() + 2);
  q += '"';
  q.append(t.cStr(), t.size());
  q += '"';
  return q;
}

FieldPath::FieldPath(std::string_view path, std::string_view field) {
  Append(path);
  Append(".");
  Append(field);
}

FieldPath::FieldPath(std::string_view path, uint32_t index) {
  char digits[16];
  const int n = std::snprintf(digits, sizeof digits, "[%u]", index);
  Append(path);
  Append(std::string_view(digits, static_cast<size_t>(n)));
}

void FieldPath::Append(std::string_view s) {
  constexpr std::string_view kCut = "...";
  if (size_ + s.size() + kCut.size() > kMaxBytes) {
    // Keep what fits and mark the cut (once).
    if (size_ > kMaxBytes - kCut.size()) return;
    const size_t room = kMaxBytes - kCut.size() - size_;
    std::memcpy(bytes_ + size_, s.data(), std::min(room, s.size()));
    size_ += std::min(room, s.size());
    std::memcpy(bytes_ + size_, kCut.data(), kCut.size());
    size_ += kCut.size();
    return;
  }
  std::memcpy(bytes_ + size_, s.data(), s.size());
  size_ += s.size();
}

Status CheckText(std::string_view path, capnp::Text::Reader text, size_t max,
                 bool required) {
  if (required && text.size() == 0) return FieldError(path, "required, is empty");
  if (text.size() > max) {
    return FieldError(path, "too long (" + std::to_string(text.size()) + " bytes, at most " +
                                std::to_string(max) + ")");
  }
  return Status::Ok();
}

Status CheckDate(std::string_view path, schema::Date::Reader date, bool required) {
  const uint32_t v = date.getYyyymmdd();
  if (v == 0) return required ? FieldError(path, "required date is missing") : Status::Ok();
  if (!IsValidDate(v)) {
    return FieldError(path, "not a valid date (" + std::to_string(v) +
                                ", YYYYMMDD in 1900-01-01..2199-12-31)");
  }
  return Status::Ok();
}

Status CheckPeriod(std::string_view start_path, schema::Date::Reader start,
                   std::string_view end_path, schema::Date::Reader end,
                   bool start_required) {
  JEJAK_RETURN_IF_ERROR(CheckDate(start_path, start, start_required));
  JEJAK_RETURN_IF_ERROR(CheckDate(end_path, end, false));
  const uint32_t s = start.getYyyymmdd(), e = end.getYyyymmdd();
  if (s != 0 && e != 0 && e < s) {
    return FieldError(end_path, FormatDate(e) + " is before the start " + FormatDate(s));
  }
  return Status::Ok();
}

Status CheckNipField(std::string_view path, capnp::Text::Reader nip, bool required) {
  if (nip.size() == 0) return required ? FieldError(path, "required, is empty") : Status::Ok();
  Result<NipParts> parts = ParseNip(View(nip), /*pppk=*/true);
  if (!parts.ok()) return FieldError(path, parts.status().message());
  return Status::Ok();
}

Status CheckNumber(std::string_view path, double value, double lo, double hi) {
  if (!std::isfinite(value) || value < lo || value > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "must be a number in %g..%g, is %g", lo, hi, value);
    return FieldError(path, buf);
  }
  return Status::Ok();
}

Status CheckEnumValue(std::string_view path, uint16_t value, capnp::EnumSchema schema,
                      bool required) {
  if (value >= schema.getEnumerants().size()) {
    return FieldError(path, "unknown " + std::string(schema.getUnqualifiedName().cStr()) +
                                " value " + std::to_string(value));
  }
  if (required && value == 0) return FieldError(path, "required, is unspecified");
  return Status::Ok();
}

Status CheckRank(std::string_view path, schema::Rank::Reader rank, bool required) {
  switch (rank.which()) {
    case schema::Rank::UNSPECIFIED:
      return required ? FieldError(path, "required rank is missing") : Status::Ok();
    case schema::Rank::GOLONGAN:
      return CheckEnum(Join(path, "golongan"), rank.getGolongan(), /*required=*/true);
    case schema::Rank::PPPK_GRADE:
      if (rank.getPppkGrade() < 1 || rank.getPppkGrade() > 17) {
        return FieldError(Join(path, "pppkGrade"),
                          "must be 1..17, is " + std::to_string(rank.getPppkGrade()));
      }
      return Status::Ok();
  }
  return FieldError(path, "unknown rank kind " + std::to_string(rank.which()));
}

Status CheckCompetencies(std::string_view path,
                         capnp::List<schema::CompetencyLevel>::Reader levels,
                         bool required) {
  if (required && levels.size() == 0) return FieldError(path, "required, list is empty");
  std::set<std::string_view> seen;
  for (uint32_t i = 0; i < levels.size(); ++i) {
    const FieldPath item(path, i);
    auto c = levels[i];
    JEJAK_RETURN_IF_ERROR(CheckId(Join(item, "code"), c.getCode(), true));
    JEJAK_RETURN_IF_ERROR(CheckEnum(Join(item, "kind"), c.getKind(), true));
    if (c.getLevel() < 1 || c.getLevel() > 5) {
      return FieldError(Join(item, "level"),
                        "must be 1..5, is " + std::to_string(c.getLevel()));
    }
    if (!seen.emplace(View(c.getCode())).second) {
      return FieldError(Join(item, "code"),
                        "competency " + Quoted(c.getCode()) + " listed twice");
    }
  }
  return Status::Ok();
}

}  // namespace jejak::domain::internal
