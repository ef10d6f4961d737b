#include "store/split_work.h"

#include <system_error>

namespace jejak::store {

HelperThread::HelperThread() {
  try {
    thread_ = std::thread([this] { Run(); });
  } catch (const std::system_error&) {
    // No thread: SplitInTwo runs both halves on the caller.
  }
}

HelperThread::~HelperThread() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool HelperThread::Post(void (*fn)(void*), void* arg) {
  if (!thread_.joinable()) return false;
  {
    std::lock_guard lock(mu_);
    fn_ = fn;
    arg_ = arg;
    busy_ = true;
  }
  work_cv_.notify_one();
  return true;
}

void HelperThread::WaitDone() {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [&] { return !busy_; });
}

void HelperThread::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stopping_ || fn_ != nullptr; });
    if (fn_ == nullptr) return;  // stopping, nothing posted
    void (*fn)(void*) = fn_;
    void* arg = arg_;
    fn_ = nullptr;
    lock.unlock();
    fn(arg);
    lock.lock();
    busy_ = false;
    done_cv_.notify_one();
  }
}

}  // namespace jejak::store
