// What the server's connections share: the handlers' context, the tokens
// in force, the logger, and the set of open connections (for draining).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "jejak/server/server.h"
#include "jejak/server/tokens.h"
#include "server/handlers.h"

namespace spdlog {
class logger;
}

namespace jejak::server {

class Session;

// Thread safety: every member function may be called from any thread.
class ServerState {
 public:
  ServerState(Context ctx, std::shared_ptr<spdlog::logger> logger, TokenTable tokens)
      : ctx_(ctx), logger_(std::move(logger)),
        tokens_(std::make_shared<const TokenTable>(std::move(tokens))) {}

  Context& ctx() { return ctx_; }
  const ServerOptions& options() const { return ctx_.options; }
  spdlog::logger& logger() { return *logger_; }

  std::shared_ptr<const TokenTable> Tokens() const {
    std::lock_guard lock(mu_);
    return tokens_;
  }
  void SetTokens(TokenTable tokens) {
    auto table = std::make_shared<const TokenTable>(std::move(tokens));
    std::lock_guard lock(mu_);
    tokens_ = std::move(table);
  }

  // Draining: answers say `Connection: close`; idle connections close.
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  void set_draining() { draining_.store(true, std::memory_order_release); }

  // Open connections, for the connection limit and for draining.
  uint64_t Register(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mu_);
    sessions_[next_id_] = session;
    return next_id_++;
  }
  void Unregister(uint64_t id) {
    std::lock_guard lock(mu_);
    sessions_.erase(id);
  }
  size_t connections() const {
    std::lock_guard lock(mu_);
    return sessions_.size();
  }
  std::vector<std::shared_ptr<Session>> Sessions() const {
    std::vector<std::shared_ptr<Session>> out;
    std::lock_guard lock(mu_);
    for (const auto& [id, weak] : sessions_) {
      if (auto s = weak.lock()) out.push_back(std::move(s));
    }
    return out;
  }

 private:
  Context ctx_;
  std::shared_ptr<spdlog::logger> logger_;
  mutable std::mutex mu_;
  std::shared_ptr<const TokenTable> tokens_;
  std::atomic<bool> draining_{false};
  std::map<uint64_t, std::weak_ptr<Session>> sessions_;
  uint64_t next_id_ = 1;
};

}  // namespace jejak::server
