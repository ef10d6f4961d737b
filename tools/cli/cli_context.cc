#include "cli_context.h"

#include <iostream>

namespace jejak::cli {

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kInvalidArgument: return kExitUsage;
    case Status::Code::kCorruption: return kExitIntegrity;
    case Status::Code::kConflict: return kExitConflict;
    case Status::Code::kNotFound: return kExitNotFound;
    case Status::Code::kIOError:
    case Status::Code::kUnavailable: return kExitFailure;
  }
  return kExitFailure;
}

Result<jejak::Ledger*> CliContext::Ledger(bool create) {
  if (ledger_) return ledger_.get();
  LedgerOptions options;
  options.create_if_missing = create;
  options.sync = sync;
  auto opened = jejak::Ledger::Open(data_dir, options);
  if (!opened.ok() && opened.status().IsConflict() && reader) {
    options.read_only = true;
    opened = jejak::Ledger::Open(data_dir, options);
    if (opened.ok()) {
      auto lag = (*opened)->ProjectionLag();
      std::cerr << "jejak: another process is writing to " << data_dir << "; reading the ledger as it stood at position "
                << (*opened)->Head().position;
      if (lag.ok() && *lag > 0) {
        std::cerr << " (profiles are folded from the log; lists come from the projection as the writer last "
                     "saved it, "
                  << *lag << " events behind)";
      }
      std::cerr << "\n";
    }
  }
  if (!opened.ok()) {
    Status s = opened.status();
    if (s.IsNotFound()) {
      return Status::NotFound("no ledger in " + data_dir +
                              " (create one with `jejak init`, or pass --data)");
    }
    return s.WithContext("opening " + data_dir);
  }
  ledger_ = std::move(opened).value();
  return ledger_.get();
}

Result<store::EventStore*> CliContext::Store(bool create) {
  auto ledger = Ledger(create);
  if (!ledger.ok()) return ledger.status();
  return &(*ledger)->store();
}

void CliContext::CloseStore() { ledger_.reset(); }

const codec::EventJson& CliContext::Json() {
  if (!json_) json_ = std::make_unique<codec::EventJson>();
  return *json_;
}

int CliContext::Fail(const std::string& context, const Status& s) const {
  std::cerr << "jejak: " << context << ": " << s.ToString() << "\n";
  return ExitCodeFor(s);
}

}  // namespace jejak::cli
