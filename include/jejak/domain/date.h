// Calendar dates as YYYYMMDD numbers (schema::Date), and timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "jejak/status.h"

namespace jejak::domain {

// True for a real Gregorian date 1900-01-01 .. 2199-12-31.
bool IsValidDate(uint32_t yyyymmdd);

// "2015-03-01" -> 20150301. InvalidArgument for anything else (including
// 2015-02-30).
[[nodiscard]] Result<uint32_t> ParseDate(std::string_view text);

// 20150301 -> "2015-03-01"; 0 -> "".
std::string FormatDate(uint32_t yyyymmdd);

// Days since 1970-01-01 of a valid date, and back.
int32_t ToDays(uint32_t yyyymmdd);
uint32_t FromDays(int32_t days);

// Whole years / months from `from` to `to` (0 when to < from), counted as
// on anniversaries: 2015-03-01 -> 2019-02-28 is 3 years, 11 months.
int FullYearsBetween(uint32_t from, uint32_t to);
int FullMonthsBetween(uint32_t from, uint32_t to);

// Adds months / years, clamping the day to the month's end.
uint32_t AddMonths(uint32_t yyyymmdd, int months);
uint32_t AddYears(uint32_t yyyymmdd, int years);

// The UTC calendar date of a timestamp.
uint32_t DateOfMicros(int64_t unix_micros);

// RFC 3339 UTC with microseconds: "2026-11-22T10:37:07.123456Z".
std::string FormatTimestamp(int64_t unix_micros);

// Accepts RFC 3339 with 'Z' or an offset, fractional seconds optional, or a
// bare date (midnight UTC). InvalidArgument otherwise.
[[nodiscard]] Result<int64_t> ParseTimestamp(std::string_view text);

}  // namespace jejak::domain
