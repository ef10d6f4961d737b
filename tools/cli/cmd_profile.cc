// jejak profile: an employee's current profile, or as of a valid date and
// as known at an instant / log position (same folds as the projection).
#include <iostream>

#include "commands.h"
#include "jejak/clock.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"
#include "jejak/projection/profile_record.h"
#include "nip_arg.h"

namespace jejak::cli {

namespace {

struct ProfileArgs {
  std::string nip;
  std::string valid_at;
  std::string known_at;
  bool json = false;
  bool summary = false;
};

// "#123" -> position 123; otherwise a timestamp or date -> the last position
// recorded by then.
Result<uint64_t> KnownPosition(Ledger& ledger, const std::string& text) {
  if (!text.empty() && text[0] == '#') {
    const std::string digits = text.substr(1);
    if (digits.empty() || digits.size() > 19 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return Status::InvalidArgument("--known-at " + text + ": want #POSITION or a timestamp");
    }
    return static_cast<uint64_t>(std::stoull(digits));
  }
  auto micros = domain::ParseTimestamp(text);
  if (!micros.ok()) return micros.status().WithContext("--known-at");
  return ledger.PositionKnownAt(*micros);
}

int RunProfile(CliContext& ctx, ProfileArgs a) {
  auto nip = NipArg(a.nip);
  if (!nip.ok()) return ctx.Fail("profile", nip.status());
  a.nip = *nip;
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("profile", ledger.status());
  const uint32_t today = domain::DateOfMicros(SystemClock()->NowMicros());
  const bool as_of = !a.valid_at.empty() || !a.known_at.empty();

  projection::Cut cut;
  uint32_t reference = today;
  if (!a.valid_at.empty()) {
    auto d = domain::ParseDate(a.valid_at);
    if (!d.ok()) return ctx.Fail("profile --valid-at", d.status());
    cut.valid_date = reference = *d;
  }
  if (!a.known_at.empty()) {
    auto p = KnownPosition(**ledger, a.known_at);
    if (!p.ok()) return ctx.Fail("profile", p.status());
    if (*p == 0) {
      return ctx.Fail("profile --known-at " + a.known_at,
                      Status::NotFound("nothing was recorded by then: the ledger's first event is later"));
    }
    cut.known_position = *p;
  }

  if (a.summary) {
    // The current one from the projection's stored summary; as of a cut,
    // the summary of the reconstructed profile.
    auto summary = as_of ? (*ledger)->SummaryAsOf(a.nip, cut) : (*ledger)->Summary(a.nip);
    if (!summary.ok()) return ctx.Fail("profile " + a.nip, summary.status());
    if (a.json) {
      std::cout << projection::SummaryToJson(*summary);
      return kExitOk;
    }
    std::cout << projection::SummaryToText(*summary, static_cast<uint16_t>(reference / 10000));
    std::cout << "Known at        position " << summary->known_position
              << (as_of ? " (reconstructed)" : " (projection)") << "\n";
    return kExitOk;
  }

  Result<projection::ProfileRecord> rec = Status::NotFound("employee " + a.nip);
  // The current profile reflects every write before this read.
  rec = as_of ? (*ledger)->ProfileAsOf(a.nip, cut) : (*ledger)->Profile(a.nip);
  if (!rec.ok()) return ctx.Fail("profile " + a.nip, rec.status());
  const auto view = projection::ViewOfRecord(*rec, reference, as_of, (*ledger)->rules());
  if (a.json) {
    std::cout << projection::ProfileToJson(rec->state, view);
    return kExitOk;
  }
  std::cout << projection::ProfileToText(rec->state, view);
  std::cout << "As of           " << domain::FormatDate(reference)
            << (cut.valid_date != UINT32_MAX ? " (valid time)" : " (today)") << ", known at position "
            << rec->known_position << (as_of ? " (reconstructed)" : " (projection)") << "\n";
  return kExitOk;
}

}  // namespace

void AddProfileCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "profile",
      "Show an employee's profile: current, or as it stood on --valid-at DATE and as it was "
      "known at --known-at TIMESTAMP|#POSITION. Exit 5 for an unknown NIP.");
  auto args = std::make_shared<ProfileArgs>();
  cmd->add_option("nip", args->nip, "18-digit NIP (or PPPK NI); spaces or a leading ' are allowed")->required();
  cmd->add_option("--valid-at", args->valid_at, "only facts in effect on this date (YYYY-MM-DD)");
  cmd->add_option("--known-at", args->known_at,
                  "only what was recorded by this RFC 3339 instant or date, or #POSITION (quote it in a shell)");
  cmd->add_flag("--json", args->json, "one JSON object");
  cmd->add_flag("--summary", args->summary,
                "only who, where, rank, latest predikat and JP (the stored summary: no full profile read)");
  cmd->callback([&ctx, exit_code, args] {
    ctx.reader = true;
    *exit_code = RunProfile(ctx, *args);
  });
}

}  // namespace jejak::cli
