// jejak token add|list|revoke: the bearer tokens of `jejak serve`
// (include/jejak/server/tokens.h). A running server reads the file again
// on SIGHUP.
#include <iostream>

#include "commands.h"
#include "jejak/clock.h"
#include "jejak/domain/date.h"
#include "jejak/server/tokens.h"

namespace jejak::cli {

namespace {

struct TokenArgs {
  std::string file;
  std::string name;
  std::string role;
  std::string agency;
  std::string nip;
};

int RunAdd(CliContext& ctx, const TokenArgs& a) {
  auto table = server::TokenTable::Load(a.file);
  if (!table.ok()) return ctx.Fail("token add", table.status());
  auto role = server::ParseRole(a.role);
  if (!role) {
    return ctx.Fail("token add", Status::InvalidArgument(
                                     "--role " + a.role +
                                     ": want hr, inspector, auditor, employee or admin"));
  }
  server::Principal p{a.name, *role, a.agency, a.nip};
  auto token = table->Add(p, SystemClock()->NowMicros());
  if (!token.ok()) return ctx.Fail("token add", token.status());
  Status s = table->Save(a.file);
  if (!s.ok()) return ctx.Fail("token add", s);
  std::cout << *token << "\n";
  std::cerr << "token " << a.name << " (" << a.role << ") added to " << a.file
            << "; it is shown only now. A running server reads it after SIGHUP.\n";
  return kExitOk;
}

int RunList(CliContext& ctx, const TokenArgs& a) {
  auto table = server::TokenTable::Load(a.file);
  if (!table.ok()) return ctx.Fail("token list", table.status());
  for (const auto& r : table->Records()) {
    std::cout << r.principal.name << "\t" << server::RoleName(r.principal.role) << "\t"
              << (r.principal.agency.empty() ? "-" : r.principal.agency) << "\t"
              << (r.principal.nip.empty() ? "-" : r.principal.nip) << "\t"
              << domain::FormatTimestamp(r.created_micros) << "\n";
  }
  return kExitOk;
}

int RunRevoke(CliContext& ctx, const TokenArgs& a) {
  auto table = server::TokenTable::Load(a.file);
  if (!table.ok()) return ctx.Fail("token revoke", table.status());
  Status s = table->Revoke(a.name);
  if (s.ok()) s = table->Save(a.file);
  if (!s.ok()) return ctx.Fail("token revoke", s);
  std::cerr << "token " << a.name << " revoked; a running server drops it after SIGHUP\n";
  return kExitOk;
}

}  // namespace

void AddTokenCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("token", "Manage the bearer tokens of `jejak serve`");
  cmd->require_subcommand(1);
  auto a = std::make_shared<TokenArgs>();

  auto* add = cmd->add_subcommand(
      "add", "Add a token and print it (once: the file keeps only its hash)");
  add->add_option("--tokens", a->file, "the token file (created, mode 0600)")->required();
  add->add_option("--name", a->name, "a unique name, logged with every request")->required();
  add->add_option("--role", a->role, "hr, inspector, auditor, employee or admin")->required();
  add->add_option("--agency", a->agency, "hr: the agency it reads and writes");
  add->add_option("--nip", a->nip, "employee: whose data it reads");
  add->callback([&ctx, exit_code, a] { *exit_code = RunAdd(ctx, *a); });

  auto* list = cmd->add_subcommand("list", "List the tokens: name, role, agency, NIP, created");
  list->add_option("--tokens", a->file, "the token file")->required();
  list->callback([&ctx, exit_code, a] { *exit_code = RunList(ctx, *a); });

  auto* revoke = cmd->add_subcommand("revoke", "Remove the token named NAME");
  revoke->add_option("--tokens", a->file, "the token file")->required();
  revoke->add_option("name", a->name, "the token's name")->required();
  revoke->callback([&ctx, exit_code, a] { *exit_code = RunRevoke(ctx, *a); });
}

}  // namespace jejak::cli
