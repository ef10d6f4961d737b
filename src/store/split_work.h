// SplitInTwo: runs independent work over [0, n) on the calling thread and
// one helper thread, half each — how the store uses the second core for
// the large, embarrassingly parallel parts of an append (preparing the
// events of a call, hashing the records of a group).
#pragma once

#include <cstddef>
#include <system_error>
#include <thread>

namespace jejak::store {

// Calls work(0, 0, n / 2) on the calling thread and work(1, n / 2, n) on a
// helper thread, and returns once both are done. If no thread can be
// started, the calling thread runs both halves. `work` must be safe to
// run on two threads at once for disjoint ranges and must not throw.
template <typename Work>
void SplitInTwo(size_t n, Work&& work) {
  const size_t half = n / 2;
  std::thread helper;
  try {
    helper = std::thread([&] { work(size_t{1}, half, n); });
  } catch (const std::system_error&) {
    work(size_t{1}, half, n);
  }
  work(size_t{0}, size_t{0}, half);
  if (helper.joinable()) helper.join();
}

}  // namespace jejak::store
