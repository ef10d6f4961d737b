#include "store/tree_leaf.h"

#include <sodium.h>

namespace jejak::store {

namespace {

// The entry's parts: the public body (a view of `body` or of `*storage`)
// and the commitment.
Result<integrity::EntryParts> Parts(uint64_t position, std::string_view body,
                                    const std::optional<integrity::Salt>& salt,
                                    std::string* storage) {
  auto personal = integrity::RedactPersonalFields(body, storage);
  if (!personal.ok()) {
    return personal.status().WithContext("log record at position " +
                                         std::to_string(position));
  }
  if (*personal != salt.has_value()) {
    return Status::Corruption("log record at position " + std::to_string(position) +
                              (*personal ? ": has personal fields but no salt"
                                         : ": has a salt but no personal fields"));
  }
  if (!*personal) return integrity::EntryParts{body, integrity::kNoCommitment};
  return integrity::EntryParts{*storage, integrity::PersonalCommitment(*salt, body)};
}

}  // namespace

integrity::Salt NewSalt() {
  integrity::Salt salt;
  randombytes_buf(salt.data(), salt.size());
  return salt;
}

TreeLeaf PublicTreeLeaf(std::string_view body) {
  TreeLeaf leaf;
  leaf.hash = integrity::EntryLeafHash(body, integrity::kNoCommitment);
  return leaf;
}

TreeLeaf PersonalTreeLeaf(std::string_view body, std::string_view public_body,
                          const integrity::Salt& salt) {
  TreeLeaf leaf;
  leaf.hash = integrity::EntryLeafHash(public_body, integrity::PersonalCommitment(salt, body));
  leaf.salt = salt;
  return leaf;
}

Result<TreeLeaf> NewTreeLeaf(uint64_t position, std::string_view body,
                             schema::Payload::Which kind) {
  if (!integrity::MayHavePersonalFields(kind)) return PublicTreeLeaf(body);
  std::string storage;
  auto personal = integrity::RedactPersonalFields(body, &storage);
  if (!personal.ok()) {
    return personal.status().WithContext("log record at position " +
                                         std::to_string(position));
  }
  if (!*personal) return PublicTreeLeaf(body);
  return PersonalTreeLeaf(body, storage, NewSalt());
}

Result<std::string> StoredEntry(uint64_t position, std::string_view body,
                                const std::optional<integrity::Salt>& salt) {
  std::string storage;
  auto parts = Parts(position, body, salt, &storage);
  if (!parts.ok()) return parts.status();
  return integrity::ComposeEntry(parts->public_body, parts->commitment);
}

Result<integrity::Hash> StoredLeafHash(uint64_t position, std::string_view body,
                                       schema::Payload::Which kind,
                                       const std::optional<integrity::Salt>& salt) {
  if (!integrity::MayHavePersonalFields(kind) && !salt) {
    return integrity::EntryLeafHash(body, integrity::kNoCommitment);
  }
  std::string storage;
  auto parts = Parts(position, body, salt, &storage);
  if (!parts.ok()) return parts.status();
  return integrity::EntryLeafHash(parts->public_body, parts->commitment);
}

}  // namespace jejak::store
