// KinshipGraph: direct ties and chains of two through a spouse.
#include "audit/kinship.h"

#include "jejak/projection/names.h"

namespace jejak::audit {

namespace {

bool Touches(const Tie& t, const std::string& nip) { return t.declarer == nip || t.other == nip; }

const std::string& OtherEnd(const Tie& t, const std::string& nip) {
  return t.declarer == nip ? t.other : t.declarer;
}

std::string TieText(const Tie& t) {
  return t.declarer + " declared " + t.other + " as " + RelationText(t.fact.relation) +
         " (position " + std::to_string(t.fact.key.position) + ")";
}

}  // namespace

std::string RelationText(schema::Relation r) {
  switch (r) {
    case schema::Relation::UNCLE_AUNT: return "uncle or aunt";
    case schema::Relation::NIECE_NEPHEW: return "niece or nephew";
    case schema::Relation::PARENT_IN_LAW: return "parent-in-law";
    case schema::Relation::CHILD_IN_LAW: return "child-in-law";
    case schema::Relation::SIBLING_IN_LAW: return "sibling-in-law";
    case schema::Relation::OTHER: return "relative";
    default: return projection::EnumName(r);
  }
}

std::string Kinship::Text() const {
  std::string out;
  for (size_t i = 0; i < chain.size(); ++i) out += (i > 0 ? "; " : "") + TieText(chain[i]);
  if (chain.size() == 2) {
    const Tie& a = chain[0];
    const Tie& b = chain[1];
    const std::string& via = Touches(b, a.declarer) ? a.declarer : a.other;
    out += ": related by marriage through " + via;
  }
  return out;
}

Result<const Person*> KinshipGraph::Get(const std::string& nip) {
  auto it = cache_.find(nip);
  if (it == cache_.end()) {
    auto p = lookup_(nip);
    if (!p.ok()) return p.status();
    it = cache_.emplace(nip, std::move(p).value()).first;
  }
  return &it->second;
}

Result<std::vector<Tie>> KinshipGraph::TiesOf(const std::string& nip, uint64_t before) {
  std::vector<Tie> out;
  auto self = Get(nip);
  if (!self.ok()) return self.status();
  for (const auto& r : (*self)->relations) {
    if (!r.other_nip.empty() && r.other_nip != nip && r.key.position < before) {
      out.push_back({nip, r.other_nip, r});
    }
  }
  // Declarations naming `nip` on other streams: confirmed against the
  // declarer's relations as known (corrections and retractions applied).
  const std::vector<std::string> declarers = (*self)->declared_by;
  for (const std::string& d : declarers) {
    if (d == nip) continue;
    auto p = Get(d);
    if (!p.ok()) return p.status();
    for (const auto& r : (*p)->relations) {
      if (r.other_nip == nip && r.key.position < before) out.push_back({d, nip, r});
    }
  }
  return out;
}

Result<std::optional<Kinship>> KinshipGraph::Related(const std::string& a, const std::string& b,
                                                     uint64_t before) {
  using Out = std::optional<Kinship>;
  if (a.empty() || b.empty() || a == b) return Out();
  auto ties = TiesOf(a, before);
  if (!ties.ok()) return ties.status();
  for (const Tie& t : *ties) {
    if (Touches(t, b)) return Out(Kinship{{t}});
  }
  for (const Tie& first : *ties) {
    const std::string via = OtherEnd(first, a);
    if (via == b) continue;
    auto next = TiesOf(via, before);
    if (!next.ok()) return next.status();
    for (const Tie& second : *next) {
      if (OtherEnd(second, via) != b) continue;
      if (first.fact.relation == schema::Relation::SPOUSE ||
          second.fact.relation == schema::Relation::SPOUSE) {
        return Out(Kinship{{first, second}});
      }
    }
  }
  return Out();
}

}  // namespace jejak::audit
