// Test helper: a ledger in a temporary directory holding the Sawahlunto
// example (agency pemko-sawahlunto) and one employee of a second agency
// (pemkab-b), a token of every role, and a jejak::server::Server on a free
// loopback port.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "jejak/clock.h"
#include "jejak/ledger.h"
#include "jejak/server/server.h"
#include "jejak/server/tokens.h"
#include "server/http_client.h"

namespace jejak::server::testing {

inline constexpr char kAgencyA[] = "pemko-sawahlunto";
inline constexpr char kAgencyB[] = "pemkab-b";
inline constexpr char kNipA[] = "197508172000031002";  // of agency A
inline constexpr char kNipB[] = "199001012015031001";  // of agency B
inline constexpr char kSelectionA[] = "sel/jpt-swl-2023-01";
inline constexpr char kDecisionA[] = "swl-0013";       // a rankPromoted of agency A

// The JSON of a trainingCompleted of employee `nip` with id `event_id`.
inline std::string TrainingJson(const std::string& nip, const std::string& event_id, int jp = 20) {
  return "{\"stream\":\"emp/" + nip + "\",\"eventId\":\"" + event_id +
         "\",\"effectiveDate\":\"2024-05-01\",\"source\":{\"decreeNumber\":\"T/1\"},"
         "\"payload\":{\"trainingCompleted\":{\"kind\":\"technical\",\"name\":\"Kursus\",\"jp\":" +
         std::to_string(jp) + "}}}";
}

inline std::string SourceDir() {
  const char* dir = std::getenv("JEJAK_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

// Appends NDJSON lines to `ledger` in one call. Fails the test on error.
inline void AppendLines(Ledger& ledger, const std::vector<std::string>& lines) {
  std::vector<store::NewEvent> events;
  for (const auto& line : lines) {
    if (line.empty()) continue;
    auto e = ledger.json().ParseInput(line);
    ASSERT_TRUE(e.ok()) << e.status().ToString() << "\n" << line;
    events.push_back(std::move(e).value());
  }
  auto r = ledger.Append(store::StreamRuns(events));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-server-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    LedgerOptions lo;
    lo.create_if_missing = true;
    lo.sync = false;
    auto opened = Ledger::Open(dir_ + "/ledger", lo);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ledger_ = std::move(opened).value();

    std::ifstream in(SourceDir() + "/docs/examples/sawahlunto.ndjson");
    ASSERT_TRUE(in) << "docs/examples/sawahlunto.ndjson";
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    lines.push_back(
        "{\"stream\":\"org/pemkab-b\",\"eventId\":\"b-0001\",\"effectiveDate\":\"2015-01-01\","
        "\"payload\":{\"unitDefined\":{\"unitId\":\"bkd\",\"name\":\"BKD\",\"parentUnitId\":\"\"}}}");
    lines.push_back(
        "{\"stream\":\"emp/" + std::string(kNipB) + "\",\"eventId\":\"b-0002\","
        "\"effectiveDate\":\"2015-03-01\",\"payload\":{\"recruited\":{\"nip\":\"" + kNipB +
        "\",\"name\":\"Budi\",\"birthDate\":\"1990-01-01\",\"gender\":\"male\",\"education\":\"s1\","
        "\"agency\":\"pemkab-b\",\"unit\":\"bkd\",\"employmentType\":\"pns\","
        "\"startingRank\":{\"golongan\":\"III/a\"}}}}");
    AppendLines(*ledger_, lines);
    if (HasFatalFailure()) return;

    TokenTable tokens;
    const int64_t now = SystemClock()->NowMicros();
    const auto add = [&](const std::string& name, Role role, const std::string& agency,
                         const std::string& nip) {
      auto t = tokens.Add(Principal{name, role, agency, nip}, now);
      ASSERT_TRUE(t.ok()) << t.status().ToString();
      tokens_[name] = *t;
    };
    add("admin", Role::kAdmin, "", "");
    add("inspector", Role::kInspector, "", "");
    add("auditor", Role::kAuditor, "", "");
    add("hr-a", Role::kHr, kAgencyA, "");
    add("hr-b", Role::kHr, kAgencyB, "");
    add("emp-a", Role::kEmployee, "", kNipA);
    add("emp-b", Role::kEmployee, "", kNipB);
    tokens_file_ = dir_ + "/tokens";
    ASSERT_TRUE(tokens.Save(tokens_file_).ok());
    StartServer();
  }

  void TearDown() override {
    server_.reset();
    ledger_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Options the tests may change before StartServer.
  virtual void Configure(ServerOptions&) {}

  void StartServer() {
    ServerOptions o;
    o.listen = "127.0.0.1:0";
    o.threads = 4;
    o.tokens_file = tokens_file_;
    Configure(o);
    options_ = o;
    auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    auto started = Server::Start(*ledger_, o, logger);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(started).value();
  }

  uint16_t port() const { return server_->port(); }
  const std::string& token(const std::string& name) { return tokens_[name]; }

  std::string dir_;
  std::string tokens_file_;
  std::map<std::string, std::string> tokens_;
  ServerOptions options_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<Server> server_;
};

}  // namespace jejak::server::testing
