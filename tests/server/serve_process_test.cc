// `jejak serve` as a process under a load of concurrent POSTs: SIGKILLed,
// then every event answered 201 is in the ledger and it verifies; and
// SIGTERM drains: exit 0, no acknowledged event lost.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "server/server_fixture.h"

namespace jejak::server::testing {
namespace {

class ServeProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-serve-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    {
      LedgerOptions lo;
      lo.create_if_missing = true;
      auto ledger = Ledger::Open(ledger_dir(), lo);
      ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
      std::ifstream in(SourceDir() + "/docs/examples/sawahlunto.ndjson");
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      AppendLines(**ledger, lines);
    }
    TokenTable tokens;
    auto t = tokens.Add(Principal{"writer", Role::kHr, kAgencyA, ""}, 1);
    ASSERT_TRUE(t.ok());
    token_ = *t;
    ASSERT_TRUE(tokens.Save(dir_ + "/tokens").ok());
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }

  std::string ledger_dir() const { return dir_ + "/ledger"; }

  // Starts `jejak serve` on a free port with `extra` options; returns the
  // port.
  uint16_t StartServe(const std::vector<std::string>& extra = {}) {
    const std::string log = dir_ + "/serve.log";
    std::filesystem::remove(log);
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 2);
      std::vector<std::string> args = {JEJAK_CLI_PATH, "--data", ledger_dir(), "serve", "--listen",
                                       "127.0.0.1:0", "--tokens", dir_ + "/tokens", "--threads", "8"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(JEJAK_CLI_PATH, argv.data());
      ::_exit(127);
    }
    for (int i = 0; i < 600; ++i) {
      std::ifstream in(log);
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      const size_t at = s.find("(port ");
      if (at != std::string::npos && s.find(')', at) != std::string::npos) {
        return static_cast<uint16_t>(std::stoi(s.substr(at + 6)));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "jejak serve did not start";
    return 0;
  }

  // Exit status of the server, or -1 when killed by a signal.
  int WaitServe() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Writers POST single events until `stop`; the ids answered 201.
  std::vector<std::string> Load(uint16_t port, const std::string& round, std::atomic<bool>& stop,
                                std::atomic<int>& acked) {
    std::mutex mu;
    std::vector<std::string> ids;
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&, w] {
        HttpClient c(port);
        for (int i = 0; !stop.load(); ++i) {
          const std::string id = round + "-" + std::to_string(w) + "-" + std::to_string(i);
          HttpAnswer a = c.Send("POST", "/v1/events", token_, "[" + TrainingJson(kNipA, id) + "]");
          if (a.status == 201) {
            std::lock_guard lock(mu);
            ids.push_back(id);
            ++acked;
          } else if (a.status == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        }
      });
    }
    for (auto& t : writers) t.join();
    return ids;
  }

  void ExpectAllPresentAndVerified(const std::vector<std::string>& ids) {
    auto ledger = Ledger::Open(ledger_dir());
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    for (const auto& id : ids) {
      EXPECT_TRUE((*ledger)->store().FindEventId(id).ok()) << "acknowledged " << id << " is lost";
    }
    store::VerifyReport report;
    Status v = (*ledger)->store().Verify(&report);
    EXPECT_TRUE(v.ok()) << v.ToString();
  }

  std::string dir_;
  std::string token_;
  pid_t pid_ = -1;
};

// Issue 17 asks for 20 kills; fewer under ThreadSanitizer, which slows the
// server several times. JEJAK_SERVE_KILL_ROUNDS overrides.
int Rounds() {
  const char* env = std::getenv("JEJAK_SERVE_KILL_ROUNDS");
  if (env != nullptr) return std::max(1, std::atoi(env));
#ifdef __SANITIZE_THREAD__
  return 5;
#else
  return 20;
#endif
}

TEST_F(ServeProcessTest, KilledUnderConcurrentPostsLosesNoAcknowledgedEvent) {
  for (int round = 0; round < Rounds(); ++round) {
    const uint16_t port = StartServe();
    ASSERT_NE(port, 0);
    std::atomic<bool> stop{false};
    std::atomic<int> acked{0};
    std::vector<std::string> ids;
    std::thread load([&] { ids = Load(port, "kill" + std::to_string(round), stop, acked); });
    // Kill once some appends were acknowledged, at a moment that varies.
    while (acked.load() < 10 + 5 * (round % 8)) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(7 * (round % 8)));
    ::kill(pid_, SIGKILL);
    EXPECT_EQ(WaitServe(), -1);
    stop = true;
    load.join();
    ASSERT_FALSE(ids.empty());
    ExpectAllPresentAndVerified(ids);
  }
}

TEST_F(ServeProcessTest, SigtermUnderLoadDrainsAndExitsZero) {
  const uint16_t port = StartServe();
  ASSERT_NE(port, 0);
  std::atomic<bool> stop{false};
  std::atomic<int> acked{0};
  std::vector<std::string> ids;
  std::thread load([&] { ids = Load(port, "term", stop, acked); });
  while (acked.load() < 30) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitServe(), 0);
  stop = true;
  load.join();
  ASSERT_FALSE(ids.empty());
  ExpectAllPresentAndVerified(ids);
  // And it starts again on the same ledger.
  const uint16_t again = StartServe();
  ASSERT_NE(again, 0);
  EXPECT_EQ(HttpClient(again).Send("GET", "/healthz").status, 200);
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitServe(), 0);
}

// A plain TCP connection that sends nothing.
int ConnectIdle(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST_F(ServeProcessTest, TenThousandIdleConnectionsNeitherCrashNorWedgeTheServer) {
  constexpr int kIdle = 10'000;
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_max < kIdle + 512) {
    GTEST_SKIP() << "the open-file limit (" << files.rlim_max << ") is below " << kIdle + 512
                 << ": raise `ulimit -Hn` to run this test";
  }
  files.rlim_cur = files.rlim_max;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &files), 0);
  // The server raises its own soft limit to the hard one.
  const uint16_t port = StartServe({"--max-connections", "12000", "--read-timeout-ms", "60000"});
  ASSERT_NE(port, 0);
  std::vector<int> idle;
  for (int i = 0; i < kIdle; ++i) {
    const int fd = ConnectIdle(port);
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    idle.push_back(fd);
  }
  // While they are held: a new client is answered, also a write.
  HttpClient client(port);
  EXPECT_EQ(client.Send("GET", "/healthz").status, 200);
  HttpAnswer a = client.Send("POST", "/v1/events", token_, "[" + TrainingJson(kNipA, "idle-1") + "]");
  EXPECT_EQ(a.status, 201) << a.body;
  // The last idle connection was accepted and is served (not refused as
  // over the limit).
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(::write(idle.back(), req.data(), req.size()), static_cast<ssize_t>(req.size()));
  char answer[64] = {};
  ASSERT_GT(::read(idle.back(), answer, sizeof answer - 1), 12);
  EXPECT_EQ(std::string(answer).substr(0, 12), "HTTP/1.1 200") << answer;
  for (int fd : idle) ::close(fd);
  // And once they are gone.
  EXPECT_EQ(HttpClient(port).Send("GET", "/healthz").status, 200);
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitServe(), 0);
}

}  // namespace
}  // namespace jejak::server::testing
