// jejak::server::Server over loopback with a real HTTP client: every role
// against every route, conflicts and idempotent retries, the access log.
#include <gtest/gtest.h>

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <chrono>
#include <thread>

#include "server/server_fixture.h"

namespace jejak::server::testing {
namespace {

// Who asks: no token, a wrong token, then each role's token.
const std::vector<std::string> kCallers = {"none",  "bad",  "admin", "inspector", "auditor",
                                           "hr-a",  "hr-b", "emp-a", "emp-b"};

struct Case {
  std::string method;
  std::string target;
  std::string body;  // for POST: "%s" is replaced by a fresh event id
  std::vector<int> expected;  // per kCallers
};

class ServerHttpTest : public ServerFixture {
 protected:
  HttpAnswer Get(const std::string& target, const std::string& who) {
    return HttpClient(port()).Send("GET", target, who.empty() ? "" : token(who));
  }
  HttpAnswer Post(const std::string& body, const std::string& who,
                  const std::string& type = "application/json") {
    return HttpClient(port()).Send("POST", "/v1/events", token(who), body, type);
  }
};

TEST_F(ServerHttpTest, EveryRoleAgainstEveryRoute) {
  const std::string A = kNipA, B = kNipB;
  // none bad admin insp audit hr-a hr-b emp-a emp-b
  const std::vector<Case> cases = {
      {"GET", "/healthz", "", {200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/readyz", "", {200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/checkpoint", "", {404, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"POST", "/add-checkpoint", "old 0\n\nx\n", {404, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/metrics", "", {401, 401, 200, 200, 200, 403, 403, 403, 403}},
      {"GET", "/v1/employees/" + A, "", {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/employees/" + B, "", {401, 401, 200, 200, 200, 403, 200, 403, 200}},
      {"GET", "/v1/employees/" + A + "?valid_at=2015-01-01", "",
       {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/employees/" + A + "/summary", "", {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/employees/" + B + "/summary", "", {401, 401, 200, 200, 200, 403, 200, 403, 200}},
      {"GET", "/v1/employees/" + A + "/summary?valid_at=2015-01-01", "",
       {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/employees/" + A + "/history", "", {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/employees/" + B + "/history", "", {401, 401, 200, 200, 200, 403, 200, 403, 200}},
      {"GET", "/v1/streams/emp/" + A, "", {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/streams/org/pemko-sawahlunto", "", {401, 401, 200, 200, 200, 200, 403, 403, 403}},
      {"GET", "/v1/streams/org/pemkab-b", "", {401, 401, 200, 200, 200, 403, 200, 403, 403}},
      {"GET", std::string("/v1/streams/") + kSelectionA, "",
       {401, 401, 200, 200, 200, 200, 403, 403, 403}},
      {"GET", "/v1/events/1", "", {401, 401, 200, 200, 200, 200, 403, 403, 403}},
      {"GET", "/v1/events/10", "", {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/log?limit=5", "", {401, 401, 200, 200, 200, 403, 403, 403, 403}},
      {"GET", "/v1/employees?agency=pemko-sawahlunto", "",
       {401, 401, 200, 200, 200, 200, 403, 403, 403}},
      {"GET", "/v1/employees", "", {401, 401, 200, 200, 200, 200, 200, 403, 403}},
      {"GET", "/v1/queries/succession", "", {401, 401, 200, 200, 200, 200, 200, 403, 403}},
      {"GET", "/v1/queries/retirements?agency=pemkab-b", "",
       {401, 401, 200, 200, 200, 403, 200, 403, 403}},
      {"GET", "/v1/audit", "", {401, 401, 200, 403, 200, 403, 403, 403, 403}},
      {"GET", std::string("/v1/audit/decisions/") + kDecisionA, "",
       {401, 401, 200, 403, 200, 403, 403, 403, 403}},
      {"GET", "/v1/verify", "", {401, 401, 200, 200, 200, 403, 403, 403, 403}},
      {"GET", "/v1/access-log", "", {401, 401, 200, 403, 200, 403, 403, 200, 200}},
      {"GET", "/v1/access-log?nip=" + A, "", {401, 401, 200, 403, 200, 403, 403, 200, 403}},
      {"POST", "/v1/events", "[" + TrainingJson(A, "%s") + "]", {401, 401, 201, 403, 403, 201, 403, 403, 403}},
      {"POST", "/v1/events", "[" + TrainingJson(B, "%s") + "]", {401, 401, 201, 403, 403, 403, 201, 403, 403}},
      {"POST", "/v1/events",
       "[{\"stream\":\"org/pemkab-b\",\"eventId\":\"%s\",\"effectiveDate\":\"2016-01-01\","
       "\"payload\":{\"unitDefined\":{\"unitId\":\"u%s\",\"name\":\"U\",\"parentUnitId\":\"\"}}}]",
       {401, 401, 201, 403, 403, 403, 201, 403, 403}},
  };
  int fresh = 0;
  for (const Case& c : cases) {
    ASSERT_EQ(c.expected.size(), kCallers.size()) << c.target;
    for (size_t i = 0; i < kCallers.size(); ++i) {
      const std::string& who = kCallers[i];
      std::string tok = who == "none" ? "" : who == "bad" ? "jejak_" + std::string(64, '0') : token(who);
      std::string body = c.body;
      for (size_t at; (at = body.find("%s")) != std::string::npos;) {
        body.replace(at, 2, "matrix-" + std::to_string(fresh));
      }
      ++fresh;
      HttpAnswer a = HttpClient(port()).Send(c.method, c.target, tok, body);
      EXPECT_EQ(a.status, c.expected[i]) << c.method << " " << c.target << " as " << who << ": "
                                         << a.body.substr(0, 300);
      if (a.status >= 400) {
        EXPECT_NE(a.body.find("\"code\":"), std::string::npos) << a.body;
        EXPECT_NE(a.body.find("\"message\":"), std::string::npos) << a.body;
        EXPECT_NE(a.body.find("\"detail\":"), std::string::npos) << a.body;
      }
    }
  }
}

TEST_F(ServerHttpTest, TheServerStampsTheActorAndRefusesAnother) {
  const std::string forged =
      "{\"stream\":\"emp/" + std::string(kNipA) +
      "\",\"eventId\":\"forged\",\"effectiveDate\":\"2024-05-01\",\"actor\":{\"user\":\"boss\","
      "\"role\":\"hr\",\"agency\":\"pemko-sawahlunto\"},\"payload\":{\"trainingCompleted\":{"
      "\"kind\":\"technical\",\"name\":\"K\",\"jp\":4}}}";
  EXPECT_EQ(Post("[" + forged + "]", "hr-a").status, 403);
  HttpAnswer a = Post("[" + TrainingJson(kNipA, "stamped") + "]", "hr-a");
  ASSERT_EQ(a.status, 201) << a.body;
  auto pos = ledger_->store().FindEventId("stamped");
  ASSERT_TRUE(pos.ok());
  auto ev = ledger_->ReadAt(*pos);
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(std::string(ev->event().getActor().getUser().cStr()), "hr-a");
  EXPECT_EQ(std::string(ev->event().getActor().getAgency().cStr()), kAgencyA);
}

TEST_F(ServerHttpTest, RetryIsIdempotentAndConflictsAre409) {
  const std::string batch = "[" + TrainingJson(kNipA, "retry-1") + "," +
                            TrainingJson(kNipA, "retry-2") + "]";
  HttpAnswer first = Post(batch, "hr-a");
  ASSERT_EQ(first.status, 201) << first.body;
  HttpAnswer again = Post(batch, "hr-a");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(first.body.substr(0, first.body.find("\"duplicates\"")),
            again.body.substr(0, again.body.find("\"duplicates\"")));
  EXPECT_NE(again.body.find("\"duplicates\":2"), std::string::npos) << again.body;
  // The same id with other content.
  HttpAnswer other = Post("[" + TrainingJson(kNipA, "retry-1", 99) + "]", "hr-a");
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_NE(other.body.find("\"code\":\"conflict\""), std::string::npos);
  // A stale expected version: nothing of the batch is written.
  std::string stale = TrainingJson(kNipA, "stale-1");
  stale.insert(1, "\"expectedVersion\":{\"exact\":\"1\"},");
  const uint64_t head = ledger_->Head().position;
  HttpAnswer conflict = Post("[" + TrainingJson(kNipA, "before-stale") + "," + stale + "]", "hr-a");
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(ledger_->Head().position, head);
}

TEST_F(ServerHttpTest, InvalidItemIsNamedWithItsField) {
  std::string bad = TrainingJson(kNipA, "bad-item");
  bad.replace(bad.find("\"jp\":"), 5, "\"jpx\":");
  HttpAnswer a = Post("[" + TrainingJson(kNipA, "good-item") + "," + bad + "]", "hr-a");
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_NE(a.body.find("\"item\":1"), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("\"field\":\"payload.trainingCompleted"), std::string::npos) << a.body;
  // A store-side check (an employee never recruited) names its item too.
  HttpAnswer b = Post(TrainingJson(kNipA, "nd-1") + "\n" + TrainingJson("199901012020011001", "nd-2"),
                      "admin", "application/x-ndjson");
  EXPECT_EQ(b.status, 422) << b.body;
  EXPECT_NE(b.body.find("\"item\":1"), std::string::npos) << b.body;
}

TEST_F(ServerHttpTest, NdjsonBatchIsAtomicWithPositions) {
  HttpAnswer a = Post(TrainingJson(kNipA, "nd-a") + "\n\n" + TrainingJson(kNipB, "nd-b") + "\n",
                      "admin", "application/x-ndjson");
  ASSERT_EQ(a.status, 201) << a.body;
  const uint64_t head = ledger_->Head().position;
  EXPECT_NE(a.body.find("\"positions\":[" + std::to_string(head - 1) + "," + std::to_string(head) + "]"),
            std::string::npos)
      << a.body;
}

// Framed Cap'n Proto EventInput messages of `json_events`.
std::string CapnpBody(Ledger& ledger, const std::vector<std::string>& json_events) {
  std::string body;
  for (const auto& json : json_events) {
    auto e = ledger.json().ParseInput(json);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    capnp::MallocMessageBuilder message;
    message.setRoot(e->reader());
    auto bytes = capnp::messageToFlatArray(message);
    body.append(reinterpret_cast<const char*>(bytes.asBytes().begin()), bytes.asBytes().size());
  }
  return body;
}

TEST_F(ServerHttpTest, CapnpBatchIsAtomicWithPositionsAndCheckedAsStrictlyAsJson) {
  HttpAnswer a = Post(CapnpBody(*ledger_, {TrainingJson(kNipA, "cp-a"), TrainingJson(kNipA, "cp-b")}),
                      "hr-a", "application/x-capnp");
  ASSERT_EQ(a.status, 201) << a.body;
  const uint64_t head = ledger_->Head().position;
  EXPECT_NE(a.body.find("\"positions\":[" + std::to_string(head - 1) + "," + std::to_string(head) + "]"),
            std::string::npos)
      << a.body;
  auto recorded = ledger_->ReadAt(head);
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(std::string(recorded->event().getActor().getUser().cStr()), "hr-a");
  // Scope as for JSON: agency B's employee is not hr-a's.
  EXPECT_EQ(Post(CapnpBody(*ledger_, {TrainingJson(kNipB, "cp-c")}), "hr-a", "application/x-capnp").status,
            403);
  // A cut message is 400 (codec.EventCapnpTest covers the rest).
  const std::string body = CapnpBody(*ledger_, {TrainingJson(kNipA, "cp-d")});
  HttpAnswer cut = Post(body.substr(0, body.size() - 8), "hr-a", "application/x-capnp");
  EXPECT_EQ(cut.status, 400) << cut.body;
  EXPECT_NE(cut.body.find("\"code\":\"bad_capnp\""), std::string::npos) << cut.body;
  EXPECT_EQ(ledger_->Head().position, head);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/healthz").status, 200);
}

TEST_F(ServerHttpTest, EveryPersonalReadIsInTheAccessLog) {
  ASSERT_EQ(Get("/v1/employees/" + std::string(kNipA), "hr-a").status, 200);
  ASSERT_EQ(Get("/v1/employees/" + std::string(kNipA) + "/history", "inspector").status, 200);
  HttpAnswer summary = Get("/v1/employees/" + std::string(kNipA) + "/summary", "hr-a");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.body.rfind("{\"summary\":{\"nip\":\"" + std::string(kNipA) + "\"", 0), 0u)
      << summary.body;
  EXPECT_NE(summary.body.find("\"reconstructed\":false}"), std::string::npos) << summary.body;
  ASSERT_EQ(Get("/v1/streams/emp/" + std::string(kNipA), "auditor").status, 200);
  ASSERT_EQ(Get("/v1/employees/" + std::string(kNipB), "hr-a").status, 403);  // not shown
  HttpAnswer mine = Get("/v1/access-log", "emp-a");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_NE(mine.body.find("\"token\":\"hr-a\",\"role\":\"hr\",\"method\":\"GET\",\"route\":\"/v1/employees/{nip}\""),
            std::string::npos)
      << mine.body;
  EXPECT_NE(mine.body.find("\"route\":\"/v1/employees/{nip}/history\""), std::string::npos);
  EXPECT_NE(mine.body.find("\"route\":\"/v1/employees/{nip}/summary\""), std::string::npos);
  EXPECT_NE(mine.body.find("\"route\":\"/v1/streams/{stream}\""), std::string::npos);
  EXPECT_NE(mine.body.find("\"from\":\"127.0.0.1\""), std::string::npos);
  EXPECT_EQ(mine.body.find(kNipB), std::string::npos);
  // It survives a restart of the server (it is a file, synced).
  server_.reset();
  StartServer();
  HttpAnswer after = Get("/v1/access-log?nip=" + std::string(kNipA), "auditor");
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("\"seq\":3"), std::string::npos) << after.body;
}

TEST_F(ServerHttpTest, QueriesPageWithACursorAndSpeakCsv) {
  HttpAnswer all = Get("/v1/employees?agency=pemko-sawahlunto", "inspector");
  ASSERT_EQ(all.status, 200) << all.body;
  HttpAnswer page = Get("/v1/employees?agency=pemko-sawahlunto&limit=2", "inspector");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("\"next\":\"2\""), std::string::npos) << page.body;
  HttpAnswer csv = HttpClient(port()).Send("GET", "/v1/queries/employees?limit=2&cursor=2",
                                           token("hr-a"), "", "application/json", "text/csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-type"].rfind("text/csv", 0), 0u);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/v1/queries/nope", token("admin")).status, 404);
  // The catalog, scoped for hr to its agency; an unknown agency names the known ones.
  HttpAnswer units = Get("/v1/queries/units", "hr-a");
  ASSERT_EQ(units.status, 200) << units.body;
  EXPECT_NE(units.body.find("\"unit_name\""), std::string::npos) << units.body;
  HttpAnswer agencies = Get("/v1/queries/agencies", "hr-a");
  ASSERT_EQ(agencies.status, 200) << agencies.body;
  EXPECT_EQ(agencies.body.find("pemkab-b"), std::string::npos) << agencies.body;
  HttpAnswer unknown = Get("/v1/queries/employees?agency=pemko-x", "admin");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("agency pemko-x: no such agency; known: "), std::string::npos) << unknown.body;
  // eligible_only keeps exactly the rows eligible in the period.
  auto count = [](const std::string& body, const std::string& what) {
    size_t n = 0;
    for (size_t at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
    return n;
  };
  const std::string period = "/v1/queries/promotion?from=2019-01-01&to=2031-12-31&limit=1000";
  HttpAnswer every = Get(period, "admin");
  HttpAnswer eligible = Get(period + "&eligible_only=true", "admin");
  ASSERT_EQ(every.status, 200) << every.body;
  ASSERT_EQ(eligible.status, 200) << eligible.body;
  EXPECT_GT(count(every.body, "\"eligible\": \"no\""), 0u) << every.body;
  EXPECT_EQ(count(eligible.body, "\"eligible\": \"no\""), 0u) << eligible.body;
  EXPECT_EQ(count(eligible.body, "\"eligible\": \"yes\""), count(every.body, "\"eligible\": \"yes\""));
  EXPECT_NE(eligible.body.find("\"total\":" + std::to_string(count(every.body, "\"eligible\": \"yes\""))),
            std::string::npos);
  EXPECT_EQ(Get("/v1/queries/promotion?eligible_only=maybe", "admin").status, 400);
}

TEST_F(ServerHttpTest, EventsCarryAnInclusionProofOnceACheckpointCoversThem) {
  HttpAnswer a = Get("/v1/events/3", "inspector");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_NE(a.body.find("\"inclusionProof\":null"), std::string::npos);
  EXPECT_NE(a.body.find("\"leafHash\""), std::string::npos);
  EXPECT_EQ(Get("/v1/events/999999", "inspector").status, 404);
  // Tiles are public and immutable.
  HttpAnswer tile = HttpClient(port()).Send("GET", "/tile/0/000.p/3");
  ASSERT_EQ(tile.status, 200) << tile.body;
  EXPECT_EQ(tile.body.size(), 3u * 32);
  EXPECT_NE(tile.headers["cache-control"].find("immutable"), std::string::npos);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/tile/0/000").status, 404);  // not full yet
}

TEST_F(ServerHttpTest, ConcurrentClientsAppendAndRead) {
  constexpr int kThreads = 6, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      HttpClient c(port());
      for (int i = 0; i < kEach; ++i) {
        const std::string id = "c-" + std::to_string(t) + "-" + std::to_string(i);
        if (c.Send("POST", "/v1/events", token(t % 2 ? "hr-a" : "admin"),
                   "[" + TrainingJson(kNipA, id) + "]")
                .status == 201) {
          ++created;
        }
        c.Send("GET", "/v1/employees/" + std::string(kNipA), token("emp-a"));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kThreads * kEach);
}

TEST_F(ServerHttpTest, MetricsCountRequestsByRouteAndStatus) {
  ASSERT_EQ(Post("[" + TrainingJson(kNipA, "metric-1") + "," + TrainingJson(kNipA, "metric-2") + "]",
                 "admin").status, 201);
  ASSERT_EQ(Get("/v1/employees/" + std::string(kNipB), "hr-a").status, 403);
  // A request is counted once its answer is written, which may be just
  // after the client has read it: read the metrics until both are in.
  HttpAnswer m;
  for (int attempt = 0; attempt < 100; ++attempt) {
    m = Get("/metrics", "inspector");
    ASSERT_EQ(m.status, 200) << m.body;
    if (m.body.find("status=\"403\"") != std::string::npos &&
        m.body.find("status=\"201\"") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(m.body.find("jejak_http_requests_total{method=\"POST\",route=\"/v1/events\",status=\"201\"} 1"),
            std::string::npos) << m.body;
  EXPECT_NE(m.body.find("route=\"/v1/employees/{nip}\",status=\"403\""), std::string::npos);
  EXPECT_NE(m.body.find("jejak_append_batch_events_sum 2"), std::string::npos);
  EXPECT_NE(m.body.find("jejak_log_head_position "), std::string::npos);
  EXPECT_NE(m.body.find("jejak_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ServerHttpTest, TokensReloadWithoutARestart) {
  auto table = TokenTable::Load(tokens_file_);
  ASSERT_TRUE(table.ok());
  ASSERT_TRUE(table->Revoke("inspector").ok());
  auto added = table->Add(Principal{"late", Role::kInspector, "", ""}, 1);
  ASSERT_TRUE(added.ok());
  ASSERT_TRUE(table->Save(tokens_file_).ok());
  EXPECT_EQ(Get("/v1/verify", "inspector").status, 200);  // not yet reloaded
  ASSERT_TRUE(server_->ReloadTokens().ok());
  EXPECT_EQ(Get("/v1/verify", "inspector").status, 401);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/v1/verify", *added).status, 200);
}

}  // namespace
}  // namespace jejak::server::testing
