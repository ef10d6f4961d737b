// Kinship: who is related to whom by the relationshipDeclared events known
// at a log position, as DOMAIN.md counts it for conflicts of interest: any
// blood or marriage relation, cousins included. A declaration on either
// person's stream counts (both directions), and a relation runs through a
// spouse: member - spouse - candidate (each tie declared on either stream)
// are in-laws. Longer chains are not followed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/judge.h"
#include "jejak/status.h"

namespace jejak::audit {

// One declared relation: `declarer` declared `other` as `fact.relation`.
struct Tie {
  std::string declarer;
  std::string other;
  projection::RelationFact fact;
};

// How two people are related: one tie, or two through a spouse (the first
// tie touches the first person asked about).
struct Kinship {
  std::vector<Tie> chain;
  // "A declared B as cousin (position 12)"; a chain adds "; B declared C
  // as spouse (position 14): related by marriage through B".
  std::string Text() const;
};

// "uncle or aunt", "spouse", ...
std::string RelationText(schema::Relation r);

// People as known before one decision, and the relations among them.
// Not thread-safe; holds the people it looked up.
class KinshipGraph {
 public:
  explicit KinshipGraph(const PersonLookup& lookup) : lookup_(lookup) {}

  [[nodiscard]] Result<const Person*> Get(const std::string& nip);

  // The ties of `nip` recorded at positions before `before`, declared by
  // them or naming them on the declarer's stream.
  [[nodiscard]] Result<std::vector<Tie>> TiesOf(const std::string& nip, uint64_t before);

  // How `a` and `b` are related by declarations recorded before `before`:
  // a direct tie of any kind, else two ties through a third person where
  // one of them is a spouse relation; nullopt if neither.
  [[nodiscard]] Result<std::optional<Kinship>> Related(const std::string& a, const std::string& b,
                                                       uint64_t before);

 private:
  const PersonLookup& lookup_;
  std::map<std::string, Person> cache_;
};

}  // namespace jejak::audit
