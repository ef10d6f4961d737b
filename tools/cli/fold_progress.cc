#include "fold_progress.h"

#include <utility>

namespace jejak::cli {

FoldProgress::FoldProgress(std::string label, uint64_t events)
    : label_(std::move(label)), events_(label_, events, "events") {}

projection::ProgressFn FoldProgress::Events() {
  return [this](uint64_t done, uint64_t) { events_.Update(done); };
}

projection::ProgressFn FoldProgress::Employees() {
  return [this](uint64_t done, uint64_t) {
    if (!employees_) {
      events_.Finish();
      employees_.emplace(label_ + ": employees from copies", 0, "employees");
    }
    employees_->Update(done);
    employees_done_ = done;
  };
}

void FoldProgress::Finish() {
  if (employees_) employees_->Finish();
  events_.Finish();
}

}  // namespace jejak::cli
