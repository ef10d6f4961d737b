// The server's parts on their own: tokens, text checks, the batch splitter,
// the router, the access log.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "jejak/server/tokens.h"
#include "server/access_log.h"
#include "server/json_batch.h"
#include "server/router.h"
#include "server/text_checks.h"

namespace jejak::server {
namespace {

class TempDir : public ::testing::Test {
 protected:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-parts-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

using TokenTableTest = TempDir;

TEST_F(TokenTableTest, AddedTokenAuthenticatesAfterSaveAndLoadAndOnlyItsHashIsStored) {
  TokenTable t;
  auto token = t.Add(Principal{"clerk", Role::kHr, "pemko-a", ""}, 1'700'000'000'000'000);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->size(), 6u + 64);
  const std::string path = dir_ + "/tokens";
  ASSERT_TRUE(t.Save(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(token->substr(6)), std::string::npos) << "the token itself is stored";
  auto loaded = TokenTable::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto who = loaded->Authenticate(*token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, "clerk");
  EXPECT_EQ(who->agency, "pemko-a");
  EXPECT_FALSE(loaded->Authenticate("jejak_" + std::string(64, 'a')));
  EXPECT_FALSE(loaded->Authenticate(""));
  ASSERT_TRUE(loaded->Revoke("clerk").ok());
  EXPECT_FALSE(loaded->Authenticate(*token));
  EXPECT_TRUE(loaded->Revoke("clerk").IsNotFound());
}

TEST_F(TokenTableTest, RolesNeedTheirScopeAndNamesAreUnique) {
  TokenTable t;
  EXPECT_TRUE(t.Add(Principal{"a", Role::kHr, "", ""}, 0).status().IsInvalidArgument());
  EXPECT_TRUE(t.Add(Principal{"b", Role::kEmployee, "", "123"}, 0).status().IsInvalidArgument());
  EXPECT_TRUE(t.Add(Principal{"c", Role::kAuditor, "x", ""}, 0).status().IsInvalidArgument());
  EXPECT_TRUE(t.Add(Principal{"bad name", Role::kAdmin, "", ""}, 0).status().IsInvalidArgument());
  EXPECT_TRUE(t.Add(Principal{"e", Role::kEmployee, "", "197508172000031002"}, 0).ok());
  EXPECT_TRUE(t.Add(Principal{"e", Role::kAdmin, "", ""}, 0).status().IsInvalidArgument());
  EXPECT_EQ(ParseRole("auditor"), Role::kAuditor);
  EXPECT_FALSE(ParseRole("root"));
}

TEST_F(TokenTableTest, MalformedFileIsRefusedNamingTheLine) {
  const std::string path = dir_ + "/tokens";
  std::ofstream(path) << "# jejak tokens v1\nx\thr\n";
  auto t = TokenTable::Load(path);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("line 2"), std::string::npos) << t.status().ToString();
  EXPECT_TRUE(TokenTable::Load(dir_ + "/missing").ok());
}

TEST(TextChecksTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(IsValidUtf8("Hendra Saputra, Sawahlunto \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // cut short
  EXPECT_EQ(PercentDecode("emp%2F1"), "emp/1");
  EXPECT_FALSE(PercentDecode("%zz"));
  EXPECT_FALSE(PercentDecode("%0"));
  EXPECT_FALSE(PercentDecode("a%00"));
  EXPECT_FALSE(PercentDecode("%ff"));
  std::map<std::string, std::string, std::less<>> q;
  ASSERT_TRUE(ParseQuery("a=1&b=&c&d=x%20y", &q).ok());
  EXPECT_EQ(q["a"], "1");
  EXPECT_EQ(q["d"], "x y");
  EXPECT_FALSE(ParseQuery("a=%ff", &q).ok());
}

TEST(JsonBatchTest, SplitsArraysAndLinesAndBoundsNesting) {
  std::vector<std::string_view> items;
  BatchError e;
  ASSERT_TRUE(SplitBatch(R"( [ {"a":"]}"} , {"b":[1,{"c":2}]} ] )", false, {}, &items, &e));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], R"({"a":"]}"})");
  ASSERT_TRUE(SplitBatch("{\"a\":1}\n\n {\"b\":\"\\\"\"}\n", true, {}, &items, &e));
  EXPECT_EQ(items.size(), 2u);
  EXPECT_FALSE(SplitBatch(R"([{"a":[[[[1]]]]}])", false, {3, 10}, &items, &e));
  EXPECT_EQ(e.kind, BatchError::Kind::kTooDeep);
  EXPECT_FALSE(SplitBatch(R"([{},{},{}])", false, {32, 2}, &items, &e));
  EXPECT_EQ(e.kind, BatchError::Kind::kTooMany);
  EXPECT_FALSE(SplitBatch(R"([{}, 1])", false, {}, &items, &e));
  EXPECT_EQ(e.item, 1u);
  EXPECT_FALSE(SplitBatch(R"([{"a":"x)", false, {}, &items, &e));
  EXPECT_FALSE(SplitBatch("{} {}\n", true, {}, &items, &e));
}

TEST(RouterTest, MatchesPatternsDecodesParametersAndKnowsMethods) {
  const Route* r = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  std::string allow;
  ASSERT_EQ(MatchRoute("GET", "/v1/streams/emp%2F1/x", &r, &params, &allow), RouteMatch::kFound);
  EXPECT_EQ(params["stream"], "emp/1/x");
  ASSERT_EQ(MatchRoute("GET", "/v1/employees/123/history", &r, &params, &allow), RouteMatch::kFound);
  EXPECT_STREQ(r->pattern, "/v1/employees/{nip}/history");
  EXPECT_EQ(MatchRoute("DELETE", "/v1/events", &r, &params, &allow), RouteMatch::kMethodNotAllowed);
  EXPECT_EQ(allow, "POST");
  EXPECT_EQ(MatchRoute("GET", "/v1/employees/", &r, &params, &allow), RouteMatch::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "/v1/employees/%ff", &r, &params, &allow), RouteMatch::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "", &r, &params, &allow), RouteMatch::kNotFound);
}

using AccessLogTest = TempDir;

TEST_F(AccessLogTest, RecordsAreDurableOrderedFilteredAndATornLineIsCut) {
  const std::string path = dir_ + "/access";
  {
    auto log = AccessLog::Open(path);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
      readers.emplace_back([&, t] {
        for (int i = 0; i < 25; ++i) {
          AccessRecord r;
          r.at_micros = 1000 + i;
          r.nip = t % 2 ? "111" : "222";
          r.token = "t" + std::to_string(t);
          r.route = "/v1/employees/{nip}";
          ASSERT_TRUE((*log)->Record({r}).ok());
        }
      });
    }
    for (auto& t : readers) t.join();
    uint64_t next = 0;
    auto lines = (*log)->Read("111", 0, 0, 1000, &next);
    ASSERT_TRUE(lines.ok());
    EXPECT_EQ(lines->size(), 50u);
    EXPECT_EQ(next, 0u);
    auto page = (*log)->Read("", 1010, 0, 10, &next);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->size(), 10u);
    EXPECT_NE(next, 0u);
  }
  std::ofstream(path, std::ios::app) << "{\"seq\":101,\"atMi";  // a crash mid-line
  auto log = AccessLog::Open(path);
  ASSERT_TRUE(log.ok());
  AccessRecord r;
  r.nip = "333";
  ASSERT_TRUE((*log)->Record({r}).ok());
  uint64_t next = 0;
  auto lines = (*log)->Read("333", INT64_MIN, 0, 10, &next);
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ(lines->front().rfind("{\"seq\":101,", 0), 0u) << lines->front();
}

}  // namespace
}  // namespace jejak::server
