// Bearer tokens of `jejak serve` and the roles they carry (docs/api.md
// "Tokens and roles").
//
// A token is "jejak_" followed by 64 hex digits (32 random bytes). It is
// shown once, when added; the token file keeps only its BLAKE2b-256 hash
// (libsodium crypto_generichash over "jejak.token.v1" ‖ token): a 256-bit
// random secret needs no slow password hash.
//
// The token file is text, one token a line after a header line:
//   # jejak tokens v1
//   <name> TAB <role> TAB <agency> TAB <nip> TAB <created RFC 3339> TAB <hash hex>
// `agency` is set for (and only for) hr tokens, `nip` for (and only for)
// employee tokens; "-" stands for an empty field. It is written whole, to a
// temporary file then renamed over the old one, with mode 0600.
//
// Thread safety: a TokenTable is immutable once loaded and may be read
// from any number of threads; Add/Revoke/Save are for one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::server {

enum class Role : uint8_t { kHr, kInspector, kAuditor, kEmployee, kAdmin };

// "hr", "inspector", "auditor", "employee", "admin".
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// Who a request comes from.
struct Principal {
  std::string name;    // the token's name: [A-Za-z0-9._@-]{1,64}
  Role role = Role::kEmployee;
  std::string agency;  // hr: the agency it acts for
  std::string nip;     // employee: whose data it may read
};

struct TokenRecord {
  Principal principal;
  int64_t created_micros = 0;
  std::string hash_hex;  // 64 hex digits
};

class TokenTable {
 public:
  // Reads the token file at `path`. A missing file is an empty table.
  // InvalidArgument naming the file and line for a malformed line or a
  // repeated name; IOError when it cannot be read.
  [[nodiscard]] static Result<TokenTable> Load(const std::string& path);

  // Adds a token for `principal` and returns its text (the only time it
  // exists outside the caller). InvalidArgument: a bad or taken name, an hr
  // token without agency, an employee token without a valid NIP, an agency
  // or NIP given to a role that has none.
  [[nodiscard]] Result<std::string> Add(const Principal& principal, int64_t now_micros);
  // Removes the token named `name`; NotFound when there is none.
  [[nodiscard]] Status Revoke(std::string_view name);

  // Writes the table to `path` atomically (temporary file in the same
  // directory, fsync, rename, fsync of the directory), mode 0600.
  // IOError naming the file.
  [[nodiscard]] Status Save(const std::string& path) const;

  // The principal `token` stands for, or nullopt.
  std::optional<Principal> Authenticate(std::string_view token) const;

  // Every token, by name.
  std::vector<TokenRecord> Records() const;
  size_t size() const { return by_name_.size(); }

 private:
  [[nodiscard]] Status Insert(TokenRecord record);

  std::map<std::string, TokenRecord, std::less<>> by_name_;
  std::map<std::string, std::string, std::less<>> name_by_hash_;
};

}  // namespace jejak::server
