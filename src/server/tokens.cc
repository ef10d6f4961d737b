#include "jejak/server/tokens.h"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/replace_file.h"
#include "jejak/domain/date.h"
#include "jejak/domain/nip.h"

namespace jejak::server {

namespace {

constexpr std::string_view kHeader = "# jejak tokens v1";
constexpr std::string_view kTokenPrefix = "jejak_";
constexpr std::string_view kHashDomain = "jejak.token.v1";

constexpr const char* kRoleNames[] = {"hr", "inspector", "auditor", "employee", "admin"};

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xf]);
  }
  return out;
}

std::string HashOf(std::string_view token) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, sizeof out);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(kHashDomain.data()),
                            kHashDomain.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(token.data()),
                            token.size());
  crypto_generichash_final(&st, out, sizeof out);
  return Hex(out, sizeof out);
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Agency codes are stream id parts: [A-Za-z0-9._-].
bool ValidAgency(std::string_view agency) {
  if (agency.empty() || agency.size() > 64) return false;
  for (char c : agency) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool ValidNip(std::string_view nip) {
  return domain::ParseNip(nip).ok() || domain::ParseNip(nip, /*pppk=*/true).ok();
}

Status CheckPrincipal(const Principal& p) {
  if (!ValidName(p.name)) {
    return Status::InvalidArgument("token name \"" + p.name +
                                   "\": want 1..64 of [A-Za-z0-9._@-]");
  }
  const std::string who = "token " + p.name + " (" + RoleName(p.role) + ")";
  if (p.role == Role::kHr) {
    if (!ValidAgency(p.agency)) {
      return Status::InvalidArgument(who + ": an hr token needs --agency (1..64 of [A-Za-z0-9._-])");
    }
  } else if (!p.agency.empty()) {
    return Status::InvalidArgument(who + ": only an hr token has an agency");
  }
  if (p.role == Role::kEmployee) {
    if (!ValidNip(p.nip)) return Status::InvalidArgument(who + ": an employee token needs a valid --nip");
  } else if (!p.nip.empty()) {
    return Status::InvalidArgument(who + ": only an employee token has a NIP");
  }
  return Status::Ok();
}

std::string_view Field(std::string_view s) { return s == "-" ? std::string_view() : s; }

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

bool IsHex64(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

const char* RoleName(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (size_t i = 0; i < std::size(kRoleNames); ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

Result<TokenTable> TokenTable::Load(const std::string& path) {
  TokenTable table;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return table;
    return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  }
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = path + " line " + std::to_string(line_no);
    if (line_no == 1) {
      if (line != kHeader) return Status::InvalidArgument(where + ": not a jejak token file");
      continue;
    }
    if (line.empty()) continue;
    const auto f = SplitTabs(line);
    if (f.size() != 6) return Status::InvalidArgument(where + ": want 6 tab-separated fields");
    TokenRecord r;
    r.principal.name = f[0];
    auto role = ParseRole(f[1]);
    if (!role) return Status::InvalidArgument(where + ": unknown role \"" + std::string(f[1]) + "\"");
    r.principal.role = *role;
    r.principal.agency = Field(f[2]);
    r.principal.nip = Field(f[3]);
    auto created = domain::ParseTimestamp(f[4]);
    if (!created.ok()) return created.status().WithContext(where);
    r.created_micros = *created;
    if (!IsHex64(f[5])) return Status::InvalidArgument(where + ": the hash is not 64 hex digits");
    r.hash_hex = f[5];
    Status s = CheckPrincipal(r.principal);
    if (s.ok()) s = table.Insert(std::move(r));
    if (!s.ok()) return s.WithContext(where);
  }
  if (in.bad()) return Status::IOError("reading " + path);
  return table;
}

Status TokenTable::Insert(TokenRecord record) {
  const std::string name = record.principal.name;
  if (by_name_.count(name) != 0) return Status::InvalidArgument("token name \"" + name + "\" is taken");
  if (name_by_hash_.count(record.hash_hex) != 0) {
    return Status::InvalidArgument("token " + name + " has the hash of another token");
  }
  name_by_hash_[record.hash_hex] = name;
  by_name_.emplace(name, std::move(record));
  return Status::Ok();
}

Result<std::string> TokenTable::Add(const Principal& principal, int64_t now_micros) {
  JEJAK_RETURN_IF_ERROR(CheckPrincipal(principal));
  if (sodium_init() < 0) return Status::IOError("libsodium failed to initialise");
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  std::string token(kTokenPrefix);
  token += Hex(secret, sizeof secret);
  sodium_memzero(secret, sizeof secret);
  TokenRecord r;
  r.principal = principal;
  r.created_micros = now_micros;
  r.hash_hex = HashOf(token);
  JEJAK_RETURN_IF_ERROR(Insert(std::move(r)));
  return token;
}

Status TokenTable::Revoke(std::string_view name) {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return Status::NotFound("no token named \"" + std::string(name) + "\"");
  name_by_hash_.erase(it->second.hash_hex);
  by_name_.erase(it);
  return Status::Ok();
}

Status TokenTable::Save(const std::string& path) const {
  std::string data(kHeader);
  data += "\n";
  for (const auto& [name, r] : by_name_) {
    const auto dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
    data += name + "\t" + RoleName(r.principal.role) + "\t" + dash(r.principal.agency) + "\t" +
            dash(r.principal.nip) + "\t" + domain::FormatTimestamp(r.created_micros) + "\t" +
            r.hash_hex + "\n";
  }
  return ReplaceFile(path, data, 0600);
}

std::optional<Principal> TokenTable::Authenticate(std::string_view token) const {
  if (token.size() != kTokenPrefix.size() + 64 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return std::nullopt;
  }
  auto it = name_by_hash_.find(HashOf(token));
  if (it == name_by_hash_.end()) return std::nullopt;
  return by_name_.find(it->second)->second.principal;
}

std::vector<TokenRecord> TokenTable::Records() const {
  std::vector<TokenRecord> out;
  for (const auto& [name, r] : by_name_) out.push_back(r);
  return out;
}

}  // namespace jejak::server
