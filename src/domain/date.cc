// Proleptic Gregorian calendar arithmetic on YYYYMMDD numbers.
//
// Day counts use Howard Hinnant's days-from-civil algorithm (public domain,
// http://howardhinnant.github.io/date_algorithms.html), exact for every date
// of the proleptic Gregorian calendar.
#include "jejak/domain/date.h"

#include <cstdio>

namespace jejak::domain {

namespace {

constexpr uint32_t kMinYear = 1900;
constexpr uint32_t kMaxYear = 2199;
constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

bool IsLeap(uint32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

uint32_t DaysInMonth(uint32_t y, uint32_t m) {
  static constexpr uint8_t kDays[12] = {31, 28, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

uint32_t Pack(uint32_t y, uint32_t m, uint32_t d) { return y * 10000 + m * 100 + d; }

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                  // [0, 399]
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

// Floor division, for instants before 1970.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Parses exactly `n` decimal digits at `s[pos]`; -1 if any is not a digit.
int64_t Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string Quote(std::string_view text) {
  // Bound what an error message echoes back.
  constexpr size_t kMaxEcho = 40;
  std::string out = "\"";
  out.append(text.substr(0, kMaxEcho));
  if (text.size() > kMaxEcho) out += "...";
  out += '"';
  return out;
}

}  // namespace

bool IsValidDate(uint32_t yyyymmdd) {
  const uint32_t y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return false;
  return d >= 1 && d <= DaysInMonth(y, m);
}

Result<uint32_t> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Status::InvalidArgument("date " + Quote(text) + " is not YYYY-MM-DD");
  }
  const int64_t y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) {
    return Status::InvalidArgument("date " + Quote(text) + " is not YYYY-MM-DD");
  }
  const uint32_t v = Pack(static_cast<uint32_t>(y), static_cast<uint32_t>(m),
                          static_cast<uint32_t>(d));
  if (!IsValidDate(v)) {
    return Status::InvalidArgument("date " + Quote(text) +
                                   " does not exist (valid 1900-01-01..2199-12-31)");
  }
  return v;
}

std::string FormatDate(uint32_t yyyymmdd) {
  if (yyyymmdd == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", yyyymmdd / 10000 % 10000,
                yyyymmdd / 100 % 100, yyyymmdd % 100);
  return buf;
}

int32_t ToDays(uint32_t yyyymmdd) {
  return static_cast<int32_t>(
      DaysFromCivil(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100));
}

uint32_t FromDays(int32_t days) {
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0) return 0;
  return Pack(static_cast<uint32_t>(y), static_cast<uint32_t>(m), static_cast<uint32_t>(d));
}

uint32_t AddMonths(uint32_t yyyymmdd, int months) {
  const int64_t total = static_cast<int64_t>(yyyymmdd / 10000) * 12 +
                        (yyyymmdd / 100 % 100) - 1 + months;
  if (total < 0) return 0;
  const auto y = static_cast<uint32_t>(total / 12);
  const auto m = static_cast<uint32_t>(total % 12 + 1);
  uint32_t d = yyyymmdd % 100;
  if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
  return Pack(y, m, d);
}

uint32_t AddYears(uint32_t yyyymmdd, int years) { return AddMonths(yyyymmdd, years * 12); }

int FullMonthsBetween(uint32_t from, uint32_t to) {
  if (to <= from) return 0;
  // AddMonths is monotone in its count, so the answer is the calendar
  // month difference or one less.
  int n = static_cast<int>((to / 10000) * 12 + to / 100 % 100) -
          static_cast<int>((from / 10000) * 12 + from / 100 % 100);
  if (AddMonths(from, n) > to) --n;
  return n < 0 ? 0 : n;
}

int FullYearsBetween(uint32_t from, uint32_t to) { return FullMonthsBetween(from, to) / 12; }

uint32_t DateOfMicros(int64_t unix_micros) {
  return FromDays(static_cast<int32_t>(FloorDiv(unix_micros, kMicrosPerDay)));
}

std::string FormatTimestamp(int64_t unix_micros) {
  const int64_t days = FloorDiv(unix_micros, kMicrosPerDay);
  int64_t rest = unix_micros - days * kMicrosPerDay;  // [0, kMicrosPerDay)
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  const int64_t micros = rest % kMicrosPerSecond;
  rest /= kMicrosPerSecond;
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ",
                static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60),
                static_cast<long long>(micros));
  return buf;
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("timestamp " + Quote(text) + " is not RFC 3339 (" +
                                   why + ")");
  };
  Result<uint32_t> date = ParseDate(text.substr(0, 10));
  if (!date.ok()) return bad("date part");
  const int64_t day_micros = static_cast<int64_t>(ToDays(*date)) * kMicrosPerDay;
  if (text.size() == 10) return day_micros;  // bare date: midnight UTC

  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad("no 'T'");
  const int64_t hh = Digits(text, 11, 2), mm = Digits(text, 14, 2), ss = Digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || text.size() < 20 || text[13] != ':' || text[16] != ':') {
    return bad("time part");
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad("time out of range");
  size_t pos = 19;
  int64_t frac = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t n = 0;
    int64_t scale = 100000;  // first fractional digit is 1e5 microseconds
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (n < 6) frac += (text[pos] - '0') * scale;  // finer than 1 us: truncated
      scale /= 10;
      ++pos;
      ++n;
    }
    if (n == 0 || n > 9) return bad("fraction");
  }
  if (pos >= text.size()) return bad("no time zone");
  int64_t offset_min = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int64_t oh = Digits(text, pos + 1, 2), om = Digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || pos + 6 > text.size() || text[pos + 3] != ':' || oh > 23 ||
        om > 59) {
      return bad("offset");
    }
    offset_min = (oh * 60 + om) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return bad("time zone");
  }
  if (pos != text.size()) return bad("trailing characters");
  return day_micros + ((hh * 60 + mm - offset_min) * 60 + ss) * kMicrosPerSecond + frac;
}

}  // namespace jejak::domain
