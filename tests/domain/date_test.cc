#include "jejak/domain/date.h"

#include <gtest/gtest.h>

namespace jejak::domain {
namespace {

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(IsValidDate(20000229));   // divisible by 400
  EXPECT_FALSE(IsValidDate(19000229));  // divisible by 100 only
  EXPECT_TRUE(IsValidDate(20240229));
  EXPECT_FALSE(IsValidDate(20230229));
}

TEST(DateTest, ImpossibleDatesAreInvalid) {
  EXPECT_FALSE(IsValidDate(20150230));
  EXPECT_FALSE(IsValidDate(20150431));
  EXPECT_FALSE(IsValidDate(20151301));
  EXPECT_FALSE(IsValidDate(20150100));
  EXPECT_FALSE(IsValidDate(0));
  EXPECT_FALSE(IsValidDate(18991231));
  EXPECT_FALSE(IsValidDate(22000101));
  EXPECT_TRUE(IsValidDate(19000101));
  EXPECT_TRUE(IsValidDate(21991231));
}

TEST(DateTest, ParseRejectsFeb30WithTheValue) {
  Result<uint32_t> r = ParseDate("2015-02-30");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("2015-02-30"), std::string::npos);
}

TEST(DateTest, ParseRejectsMalformedText) {
  for (const char* bad : {"", "2015-3-01", "2015/03/01", "20150301", "2015-03-01 ",
                          "2015-03-0a", "+015-03-01", "2015-03-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
  }
}

TEST(DateTest, ParseFormatRoundTrip) {
  for (uint32_t d = ToDays(19000101); d <= static_cast<uint32_t>(ToDays(21991231)); d += 7) {
    const uint32_t date = FromDays(static_cast<int32_t>(d));
    ASSERT_TRUE(IsValidDate(date)) << date;
    Result<uint32_t> back = ParseDate(FormatDate(date));
    ASSERT_TRUE(back.ok()) << FormatDate(date);
    EXPECT_EQ(*back, date);
  }
  EXPECT_EQ(FormatDate(20150301), "2015-03-01");
  EXPECT_EQ(FormatDate(0), "");
}

TEST(DateTest, DaysFromCivil) {
  EXPECT_EQ(ToDays(19700101), 0);
  EXPECT_EQ(ToDays(19700102), 1);
  EXPECT_EQ(ToDays(19691231), -1);
  EXPECT_EQ(ToDays(20000301) - ToDays(20000228), 2);
  EXPECT_EQ(FromDays(ToDays(20240229)), 20240229u);
}

TEST(DateTest, FullYearsAndMonthsCountAnniversaries) {
  EXPECT_EQ(FullYearsBetween(20150301, 20190228), 3);
  EXPECT_EQ(FullMonthsBetween(20150301, 20190228), 47);
  EXPECT_EQ(FullYearsBetween(20150301, 20190301), 4);
  EXPECT_EQ(FullYearsBetween(20190301, 20150301), 0);
  EXPECT_EQ(FullMonthsBetween(20150131, 20150227), 0);
  EXPECT_EQ(FullMonthsBetween(20150131, 20150228), 1);  // clamped month end
  EXPECT_EQ(FullYearsBetween(20000229, 20010228), 1);
  EXPECT_EQ(FullYearsBetween(19850312, 20230311), 37);
  EXPECT_EQ(FullYearsBetween(19850312, 20230312), 38);
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(20150131, 1), 20150228u);
  EXPECT_EQ(AddMonths(20160131, 1), 20160229u);
  EXPECT_EQ(AddMonths(20151115, 3), 20160215u);
  EXPECT_EQ(AddMonths(20150315, -3), 20141215u);
  EXPECT_EQ(AddYears(20000229, 1), 20010228u);
  EXPECT_EQ(AddYears(20150401, 4), 20190401u);
}

TEST(DateTest, TimestampsFormatAndParse) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999Z");
  const int64_t t = 1795343827123456;  // 2026-11-22T10:37:07.123456Z
  EXPECT_EQ(FormatTimestamp(t), "2026-11-22T10:37:07.123456Z");
  Result<int64_t> r = ParseTimestamp("2026-11-22T10:37:07.123456Z");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, t);
  EXPECT_EQ(*ParseTimestamp("2026-11-22T17:37:07.123456+07:00"), t);
  EXPECT_EQ(*ParseTimestamp("2026-11-22T10:37:07Z"), t - 123456);
  EXPECT_EQ(*ParseTimestamp("2026-11-22T10:37:07.1234567Z"), t);  // truncated
  EXPECT_EQ(*ParseTimestamp("1970-01-01"), 0);
  EXPECT_EQ(DateOfMicros(t), 20261122u);
  EXPECT_EQ(DateOfMicros(-1), 19691231u);
}

TEST(DateTest, TimestampRejectsMalformed) {
  for (const char* bad : {"", "2026-11-22T10:37:07", "2026-11-22T24:00:00Z",
                          "2026-11-22T10:37:07.Z", "2026-02-30T10:37:07Z",
                          "2026-11-22T10:37:07+0700", "2026-11-22T10:37:07Zx",
                          "2026-11-22X10:37:07Z"}) {
    EXPECT_FALSE(ParseTimestamp(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace jejak::domain
