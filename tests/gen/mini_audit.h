// MiniAudit: the test oracle of the generator. It reads a generated file in
// log order, as an audit would (each decision judged on what was recorded
// before it), and reports every event that breaks one of the rules of
// docs/generator.md, keyed the way the answer key keys it. A generated
// file is right when these findings equal its answer key exactly: every
// injected violation is found, and nothing else is.
//
// Deliberately small and literal; it is not the audit of src/audit.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "jejak/schema/envelope.capnp.h"

namespace jejak::gen::testing {

struct Finding {
  std::string rule;
  std::string stream;
  std::string event_id;
  bool operator<(const Finding& o) const {
    return std::tie(rule, stream, event_id) < std::tie(o.rule, o.stream, o.event_id);
  }
  bool operator==(const Finding& o) const {
    return rule == o.rule && stream == o.stream && event_id == o.event_id;
  }
};

class MiniAudit {
 public:
  MiniAudit();
  ~MiniAudit();

  // Feeds the event on line `position` (events must come in line order).
  void Add(uint64_t position, schema::EventInput::Reader in);

  // Everything found, after the last Add.
  std::set<Finding> Findings();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace jejak::gen::testing
