#include "jejak/domain/nip.h"

#include <gtest/gtest.h>

#include <string>

namespace jejak::domain {
namespace {

using schema::Gender;

void ExpectRejected(Result<NipParts> r, const std::string& part, const std::string& value) {
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find(part), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(value), std::string::npos) << r.status().message();
}

TEST(NipTest, ValidNipParsesAllFourParts) {
  Result<NipParts> r = ParseNip("198503122010031001");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->birth_date, 19850312u);
  EXPECT_EQ(r->appointment_ym, 201003u);
  EXPECT_EQ(r->gender, Gender::MALE);
  EXPECT_EQ(r->serial, 1u);
  Result<NipParts> f = ParseNip("199007252015012002");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->gender, Gender::FEMALE);
  EXPECT_EQ(f->serial, 2u);
}

TEST(NipTest, WrongLengthOrNonDigitsAreRejected) {
  ExpectRejected(ParseNip("19850312201003100"), "18 digits", "19850312201003100");
  ExpectRejected(ParseNip("1985031220100310011"), "18 digits", "has 19");
  ExpectRejected(ParseNip("19850312201003100a"), "digits only", "19850312201003100a");
  ExpectRejected(ParseNip(""), "18 digits", "has 0");
}

TEST(NipTest, BirthDateMustBeARealDate) {
  ExpectRejected(ParseNip("198502302010031001"), "digits 1-8", "19850230");
  ExpectRejected(ParseNip("198513012010031001"), "digits 1-8", "19851301");
  // No +40 on the day for women in a NIP.
  ExpectRejected(ParseNip("198503522010032001"), "digits 1-8", "19850352");
}

TEST(NipTest, AppointmentMonthMustBe01To12) {
  ExpectRejected(ParseNip("198503122010131001"), "digits 9-14", "201013");
  ExpectRejected(ParseNip("198503122010001001"), "digits 9-14", "201000");
}

TEST(NipTest, PppkSkipsTheMonthCheck) {
  EXPECT_FALSE(ParseNip("198503122021171001").ok());
  Result<NipParts> r = ParseNip("198503122021171001", /*pppk=*/true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->appointment_ym, 202117u);
}

TEST(NipTest, AppointmentYearNotBeforeBirthPlus15) {
  ExpectRejected(ParseNip("198503121999031001"), "digits 9-14", "199903");
  ExpectRejected(ParseNip("198503121999031001", true), "digits 9-14", "199903");
  EXPECT_TRUE(ParseNip("198503122000031001").ok());
}

TEST(NipTest, GenderDigitMustBe1Or2) {
  ExpectRejected(ParseNip("198503122010033001"), "digit 15", "gender 3");
  ExpectRejected(ParseNip("198503122010030001"), "digit 15", "gender 0");
}

TEST(NipTest, SerialStartsAt001) {
  ExpectRejected(ParseNip("198503122010031000"), "digits 16-18", "000");
}

TEST(NikTest, ValidNikResolvesBirthDateAndGender) {
  Result<NikParts> m = ParseNik("1373011203850001", 20230101);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->region, 137301u);
  EXPECT_EQ(m->birth_date, 19850312u);
  EXPECT_EQ(m->gender, Gender::MALE);
  EXPECT_EQ(m->serial, 1u);
  Result<NikParts> f = ParseNik("1373026507900002", 20230101);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->birth_date, 19900725u);
  EXPECT_EQ(f->gender, Gender::FEMALE);
}

TEST(NikTest, CenturyKeepsThePersonUnder100OnTheReferenceDate) {
  EXPECT_EQ(ParseNik("1373011203050001", 20230101)->birth_date, 20050312u);
  EXPECT_EQ(ParseNik("1373011203250001", 20230101)->birth_date, 19250312u);
  EXPECT_EQ(ParseNik("1373011203230001", 20230301)->birth_date, 19230312u);
  EXPECT_EQ(ParseNik("1373011203230001", 20230312)->birth_date, 20230312u);
}

void ExpectNikRejected(std::string_view nik, const std::string& part) {
  Result<NikParts> r = ParseNik(nik, 20230101);
  ASSERT_FALSE(r.ok()) << nik;
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find(part), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(std::string(nik.substr(0, 10))), std::string::npos)
      << r.status().message();
}

TEST(NikTest, EachPartIsChecked) {
  ExpectNikRejected("137301120385000", "16 digits");
  ExpectNikRejected("13730112038500x1", "digits only");
  ExpectNikRejected("1073011203850001", "province 10");
  ExpectNikRejected("9573011203850001", "province 95");
  ExpectNikRejected("1373013002850001", "digits 7-12");  // 30 Feb
  ExpectNikRejected("1373017203850001", "digits 7-12");  // day 72-40 = 32
  ExpectNikRejected("1373014003850001", "digits 7-12");  // day 40-40 = 0
  ExpectNikRejected("1373011213850001", "digits 7-12");  // month 13
  ExpectNikRejected("1373011203850000", "digits 13-16");
}

TEST(NikTest, MatchesNipOnBirthDateAndGender) {
  const NipParts nip = *ParseNip("198503122010031001");
  EXPECT_TRUE(CheckNikMatchesNip(*ParseNik("1373011203850001", 20230101), nip).ok());
  Status date = CheckNikMatchesNip(*ParseNik("1373011303850001", 20230101), nip);
  EXPECT_TRUE(date.IsInvalidArgument());
  EXPECT_NE(date.message().find("1985-03-13"), std::string::npos) << date.message();
  Status gender = CheckNikMatchesNip(*ParseNik("1373015203850001", 20230101), nip);
  EXPECT_TRUE(gender.IsInvalidArgument());
  EXPECT_NE(gender.message().find("gender"), std::string::npos) << gender.message();
}

}  // namespace
}  // namespace jejak::domain
