// Splitting independent work over [0, n) in two halves, one per core — how
// the store uses the second core for the large, embarrassingly parallel
// parts of an append (preparing the events of a call, hashing the records
// of a group). A split calls work(0, 0, n / 2) on the calling thread and
// work(1, n / 2, n) on a long-lived helper thread, and returns once both
// are done; `work` must be safe to run on two threads at once for
// disjoint ranges and must not throw. (The helper is long-lived because a
// thread started per split costs far more than a hand-off:
// docs/benchmarks.md "Storage options".)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <type_traits>

namespace jejak::store {

// One long-lived thread that runs the second half of a split while its
// owner runs the first.
//
// Thread safety: SplitInTwo is called by one thread at a time (the
// owner's); the destructor must not race with it.
class HelperThread {
 public:
  // Starts the thread; if it cannot be started, SplitInTwo runs both
  // halves on the calling thread.
  HelperThread();
  // Stops and joins the thread.
  ~HelperThread();
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  // The split described above, with this thread as the helper.
  template <typename Work>
  void SplitInTwo(size_t n, Work&& work) {
    const size_t half = n / 2;
    RunBeside([&] { work(size_t{0}, size_t{0}, half); },
              [&] { work(size_t{1}, half, n); });
  }

  // Runs second() on this thread while the caller runs first(), and
  // returns once both are done (both on the caller when there is no
  // thread). They must be safe to run at once and must not throw.
  template <typename First, typename Second>
  void RunBeside(First&& first, Second&& second) {
    using SecondType = std::remove_reference_t<Second>;
    const bool posted = Post([](void* f) { (*static_cast<SecondType*>(f))(); }, &second);
    if (!posted) second();
    first();
    if (posted) WaitDone();
  }

 private:
  // Hands fn(arg) to the thread; false if there is no thread.
  bool Post(void (*fn)(void*), void* arg);
  // Waits until the posted call has returned.
  void WaitDone();
  void Run();

  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  void (*fn_)(void*) = nullptr;  // the posted call, until the thread takes it
  void* arg_ = nullptr;
  bool busy_ = false;  // a posted call has not returned yet
  bool stopping_ = false;
  std::thread thread_;
};

// A HelperThread for callers on any thread (concurrent appenders): the
// first to split takes the helper; one splitting while it is taken runs
// both halves itself, in order (the other split already keeps both cores
// busy).
class SharedHelper {
 public:
  template <typename Work>
  void SplitInTwo(size_t n, Work&& work) {
    std::unique_lock lock(mu_, std::try_to_lock);
    if (lock.owns_lock()) {
      helper_.SplitInTwo(n, work);
      return;
    }
    const size_t half = n / 2;
    work(size_t{0}, size_t{0}, half);
    work(size_t{1}, half, n);
  }

 private:
  std::mutex mu_;  // held by the caller using helper_
  HelperThread helper_;
};

}  // namespace jejak::store
