// GET /v1/subscribe: a subscriber sees every event appended after it
// connected, in order, with no gap; resumes with Last-Event-ID; sees only
// what its token may read; and does not hold up a shutdown.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "server/server_fixture.h"

namespace jejak::server::testing {
namespace {

// A raw subscription; Read collects the positions of the events received.
class Subscriber {
 public:
  Subscriber(uint16_t port, const std::string& token, const std::string& target,
             const std::string& extra = "")
      : stream_(ioc_) {
    namespace net = boost::asio;
    stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                            token + "\r\n" + extra + "\r\n";
    net::write(stream_.socket(), net::buffer(req));
    // Once the answer's head is in, the subscription's start is fixed.
    ReadUntil([this] { return text_.find("\r\n\r\n") != std::string::npos; });
  }

  // Reads until `count` events arrived or 10 s passed; returns all ids seen.
  std::vector<uint64_t> Read(size_t count) {
    ReadUntil([&] { return Ids().size() >= count; });
    return Ids();
  }

  // Reads until `done()` or 10 s passed, or the server closed.
  template <typename F>
  void ReadUntil(F done) {
    namespace net = boost::asio;
    char buf[8192];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      boost::beast::error_code ec;
      stream_.expires_after(std::chrono::milliseconds(500));
      const size_t n = stream_.read_some(net::buffer(buf), ec);
      if (ec == boost::beast::error::timeout) continue;
      if (ec) break;
      text_.append(buf, n);
    }
  }
  const std::string& text() const { return text_; }

 private:
  std::vector<uint64_t> Ids() const {
    std::vector<uint64_t> ids;
    static const std::regex id(R"(\nid: ([0-9]+)\n)");
    for (auto it = std::sregex_iterator(text_.begin(), text_.end(), id); it != std::sregex_iterator(); ++it) {
      ids.push_back(std::stoull((*it)[1]));
    }
    return ids;
  }
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  std::string text_;
};

class SubscribeTest : public ServerFixture {
 protected:
  std::vector<uint64_t> PostBatch(const std::string& who, const std::string& nip, int first, int n) {
    std::string body = "[";
    for (int i = 0; i < n; ++i) {
      body += (i ? "," : "") + TrainingJson(nip, "sub-" + nip + "-" + std::to_string(first + i));
    }
    body += "]";
    HttpAnswer a = HttpClient(port()).Send("POST", "/v1/events", token(who), body);
    EXPECT_EQ(a.status, 201) << a.body;
    std::vector<uint64_t> positions;
    static const std::regex num("[0-9]+");
    const std::string list = a.body.substr(a.body.find('[') + 1, a.body.find(']') - a.body.find('[') - 1);
    for (auto it = std::sregex_iterator(list.begin(), list.end(), num); it != std::sregex_iterator(); ++it) {
      positions.push_back(std::stoull(it->str()));
    }
    return positions;
  }
};

TEST_F(SubscribeTest, SeesEveryEventAppendedAfterConnectingInOrderWithoutGaps) {
  Subscriber sub(port(), token("inspector"), "/v1/subscribe");
  std::vector<uint64_t> appended;
  for (int batch = 0; batch < 4; ++batch) {
    auto p = PostBatch(batch % 2 ? "hr-a" : "hr-b", batch % 2 ? kNipA : kNipB, batch * 10, 10);
    appended.insert(appended.end(), p.begin(), p.end());
  }
  ASSERT_EQ(appended.size(), 40u);
  EXPECT_EQ(sub.Read(40), appended) << sub.text().substr(0, 500);
  EXPECT_NE(sub.text().find("Content-Type: text/event-stream"), std::string::npos);

  // Resuming after the 25th event gives the 26th on.
  Subscriber again(port(), token("inspector"), "/v1/subscribe",
                   "Last-Event-ID: " + std::to_string(appended[24]) + "\r\n");
  EXPECT_EQ(again.Read(15), std::vector<uint64_t>(appended.begin() + 25, appended.end()));
}

TEST_F(SubscribeTest, DeliversOnlyWhatTheTokenMayRead) {
  const uint64_t from = ledger_->Head().position + 1;
  auto mine = PostBatch("hr-a", kNipA, 0, 3);
  auto theirs = PostBatch("hr-b", kNipB, 0, 3);
  Subscriber hr_b(port(), token("hr-b"), "/v1/subscribe?from=" + std::to_string(from));
  EXPECT_EQ(hr_b.Read(3), theirs);
  Subscriber emp_a(port(), token("emp-a"), "/v1/subscribe?from=" + std::to_string(from));
  EXPECT_EQ(emp_a.Read(3), mine);
  EXPECT_EQ(HttpClient(port()).Send("GET", "/v1/subscribe?stream_prefix=emp/" + std::string(kNipB),
                                    token("emp-a")).status,
            403);
  // An employee's events streamed are in the access log.
  HttpAnswer log = HttpClient(port()).Send("GET", "/v1/access-log?nip=" + std::string(kNipB), token("auditor"));
  EXPECT_NE(log.body.find("\"route\":\"/v1/subscribe\",\"path\":\"/v1/subscribe\""), std::string::npos) << log.body;
}

TEST_F(SubscribeTest, NdjsonOnRequestAndShutdownEndsSubscriptions) {
  const uint64_t from = ledger_->Head().position + 1;
  PostBatch("admin", kNipA, 0, 2);
  Subscriber sub(port(), token("admin"), "/v1/subscribe?from=" + std::to_string(from),
                 "Accept: application/x-ndjson\r\n");
  const std::string last = "\"eventId\":\"sub-" + std::string(kNipA) + "-1\"";
  sub.ReadUntil([&] { return sub.text().find(last) != std::string::npos; });
  const auto start = std::chrono::steady_clock::now();
  server_.reset();  // drains: the subscription is closed, not waited for
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(sub.text().find(last), std::string::npos) << sub.text();
  EXPECT_NE(sub.text().find("Content-Type: application/x-ndjson"), std::string::npos);
}

TEST_F(SubscribeTest, TheSubscribersGaugeCountsOpenFeeds) {
  // The gauge's value in /metrics, polled until it is `want` (a feed ends
  // once the server notices its client left).
  const auto gauge_becomes = [&](const std::string& want) {
    std::string body;
    for (int i = 0; i < 200; ++i) {
      body = HttpClient(port()).Send("GET", "/metrics", token("admin")).body;
      if (body.find("\njejak_subscribers " + want + "\n") != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "jejak_subscribers never became " << want << ":\n" << body;
    return false;
  };
  EXPECT_TRUE(gauge_becomes("0"));
  auto first = std::make_unique<Subscriber>(port(), token("inspector"), "/v1/subscribe");
  Subscriber second(port(), token("admin"), "/v1/subscribe");
  EXPECT_TRUE(gauge_becomes("2"));
  first.reset();
  EXPECT_TRUE(gauge_becomes("1"));
}

}  // namespace
}  // namespace jejak::server::testing
