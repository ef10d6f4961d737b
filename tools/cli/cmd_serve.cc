// jejak serve: the ledger over HTTP (docs/api.md) until SIGTERM / SIGINT;
// SIGHUP reloads the token file.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <iostream>

#include "commands.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/ledger.h"
#include "jejak/server/server.h"
#include "key_file.h"

namespace jejak::cli {

namespace {

// The witness flags as given.
struct WitnessFlags {
  std::string key;
  std::vector<std::string> logs;
  std::string state;
};

// The witness options of `flags`; nullopt when no --witness-key.
Result<std::optional<server::WitnessOptions>> ReadWitness(const WitnessFlags& flags) {
  if (flags.key.empty()) {
    if (!flags.logs.empty() || !flags.state.empty()) {
      return Status::InvalidArgument("--witness-log and --witness-state need --witness-key");
    }
    return std::optional<server::WitnessOptions>();
  }
  if (flags.logs.empty() || flags.state.empty()) {
    return Status::InvalidArgument(
        "--witness-key needs --witness-state DIR and at least one --witness-log VKEY_FILE");
  }
  auto key_line = ReadKeyLine(flags.key);
  if (!key_line.ok()) return key_line.status();
  auto key = integrity::ParseCosignerKey(*key_line);
  if (!key.ok()) return key.status().WithContext(flags.key);
  std::vector<integrity::NoteVerifier> logs;
  for (const auto& file : flags.logs) {
    auto line = ReadKeyLine(file);
    if (!line.ok()) return line.status();
    auto vkey = integrity::ParseVerifierKey(*line);
    if (!vkey.ok()) return vkey.status().WithContext(file);
    logs.push_back(std::move(vkey).value());
  }
  return std::optional<server::WitnessOptions>(
      server::WitnessOptions{std::move(key).value(), std::move(logs), flags.state});
}

int RunServe(CliContext& ctx, server::ServerOptions options, const WitnessFlags& witness_flags) {
  auto witness = ReadWitness(witness_flags);
  if (!witness.ok()) return ctx.Fail("serve", witness.status());
  options.witness = std::move(witness).value();
  auto logger = spdlog::stderr_logger_mt("jejak-serve");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::warn);
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("serve", ledger.status());
  // Reads right after start see the whole log.
  Status caught_up = (*ledger)->CatchUp();
  if (!caught_up.ok()) return ctx.Fail("serve: catching up the projection", caught_up);
  // Each connection holds a descriptor: allow as many as the hard limit.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &files);
  }
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < options.max_connections + 64) {
    logger->warn("the open-file limit ({}) is below --max-connections ({}): connections beyond it "
                 "wait in the listen backlog until others close",
                 files.rlim_cur, options.max_connections);
  }
  options.handle_signals = true;
  auto server = server::Server::Start(**ledger, options, logger);
  if (!server.ok()) return ctx.Fail("serve", server.status());
  logger->info("jejak serve: listening on {} (port {}), {} threads, ledger {} at position {}",
               options.listen, (*server)->port(), options.threads, ctx.data_dir,
               (*ledger)->Head().position);
  logger->flush();
  Status s = (*server)->Wait();
  server->reset();
  ctx.CloseStore();
  logger->info("jejak serve: stopped");
  logger->flush();
  if (!s.ok()) return ctx.Fail("serve", s);
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the ledger over HTTP/1.1 (docs/api.md) with bearer tokens (`jejak token`). "
      "SIGTERM/SIGINT: stop accepting, finish requests in flight, exit 0. SIGHUP: reload "
      "the token file.");
  auto o = std::make_shared<server::ServerOptions>();
  cmd->add_option("--listen", o->listen, "ADDRESS:PORT (default 127.0.0.1:8080)");
  cmd->add_option("--tokens", o->tokens_file, "the token file (jejak token add)")->required();
  cmd->add_option("--threads", o->threads, "threads serving requests (default 8)");
  cmd->add_option("--access-log", o->access_log_file,
                  "the access log file (default: jejak-access-log in the ledger directory)");
  cmd->add_option("--max-body", o->max_body_bytes, "largest request body in bytes (default 16 MiB)");
  cmd->add_option("--max-connections", o->max_connections,
                  "open connections beyond this are answered 503 (default 1024)");
  cmd->add_option("--read-timeout-ms", o->read_timeout_ms,
                  "idle or slow connections are closed after this (default 15000)");
  auto w = std::make_shared<WitnessFlags>();
  cmd->add_option("--witness-key", w->key,
                  "also act as a witness (POST /add-checkpoint, C2SP tlog-witness) with this "
                  "cosigner key (jejak key generate --witness)");
  cmd->add_option("--witness-log", w->logs,
                  "a file holding the verifier key of a log to witness (repeatable)");
  cmd->add_option("--witness-state", w->state, "the witness's state directory");
  cmd->add_flag("!--no-sync", ctx.sync,
                "acknowledge appends before they are fsync'ed (survive a crash of jejak, not of "
                "the machine)");
  auto cache_mb = std::make_shared<size_t>(ServerBlockCacheBytes() >> 20);
  cmd->add_option("--block-cache-mb", *cache_mb,
                  "the ledger's block cache in MiB, filled as blocks are read (default: a quarter "
                  "of physical memory, " + std::to_string(*cache_mb) + " here)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->callback([&ctx, exit_code, o, w, cache_mb] {
    ctx.block_cache_bytes = *cache_mb << 20;
    *exit_code = RunServe(ctx, *o, *w);
  });
}

}  // namespace jejak::cli
