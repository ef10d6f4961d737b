// AccessLog: who read whose personal data (docs/api.md "Access log").
//
// Every answer that shows an employee's profile or events (their profile,
// history, stream, one of their events, a page of the log holding some) is
// recorded here BEFORE it is sent: no record, no answer (503).
//
// File format: append-only text, one JSON object a line, written with
// O_APPEND and never rewritten:
//   {"seq":N,"atMicros":T,"at":"RFC 3339","nip":"…","token":"…","role":"…",
//    "method":"GET","route":"/v1/employees/{nip}","path":"…","from":"addr"}
// `seq` counts from 1 in file order. Durability: Record returns after
// fdatasync of the lines (group commit: concurrent callers share one
// write and one sync). A crash may leave a last line cut short; Open cuts
// it off (it was never acknowledged) before appending.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::server {

struct AccessRecord {
  int64_t at_micros = 0;
  std::string nip;     // whose data
  std::string token;   // the reader's token name
  std::string role;
  std::string method;
  std::string route;   // the route pattern
  std::string path;    // the path asked for
  std::string from;    // the peer address
};

class AccessLog {
 public:
  // Opens (creating, mode 0600) the log at `path`. IOError naming it.
  [[nodiscard]] static Result<std::unique_ptr<AccessLog>> Open(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Appends `records` and returns once they are durable. After a failed
  // write every later call fails with Unavailable naming the first error.
  [[nodiscard]] Status Record(std::vector<AccessRecord> records);

  // The lines (JSON objects, without the newline) of records about `nip`
  // ("" = everyone) with at_micros >= since and seq > after, in file
  // order, at most `limit`; `*next` is the seq of the last one returned
  // when more may follow, else 0.
  [[nodiscard]] Result<std::vector<std::string>> Read(std::string_view nip, int64_t since,
                                                      uint64_t after, size_t limit,
                                                      uint64_t* next) const;

  const std::string& path() const { return path_; }

 private:
  AccessLog(std::string path, int fd, uint64_t seq, uint64_t bytes);
  Status WriteAndSync(const std::string& data);

  const std::string path_;
  const int fd_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_seq_;        // the seq of the next record
  std::string pending_;      // lines queued, not yet written
  uint64_t queued_ = 0;      // tickets handed out
  uint64_t durable_ = 0;     // tickets durable (or failed)
  bool writing_ = false;     // a leader is writing
  uint64_t durable_bytes_;   // the file's bytes that are durable
  Status failed_;            // set after a failed write
};

}  // namespace jejak::server
