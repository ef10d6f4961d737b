// HeldAmendments: copies of the employee corrections and retractions a
// rebuild folds, by NIP, up to a byte bound. A rebuild folds every event
// from position 1, so with these it knows every amendment of an amended
// stream up to its checkpoint, and refolds all its amended employees in ONE
// forward pass over the log that holds none of their events
// (EmployeeRefold::FoldInOnePass).
//
// Not thread-safe.
#pragma once

#include <capnp/message.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/store/event_store.h"
#include "name_map.h"

namespace jejak::projection {

class HeldAmendments {
 public:
  explicit HeldAmendments(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Keeps a copy of `event`, an amendment of employee `nip`. REQUIRES: in
  // position order. Past the bound, drops every copy and keeps none again:
  // complete() is false from then on.
  void Keep(std::string_view nip, schema::Event::Reader event) {
    if (!complete_) return;
    const size_t words = event.totalSize().wordCount + 1;  // + the root pointer
    // The message's words, the builder and its two allocations, the slot.
    bytes_ += words * sizeof(capnp::word) + sizeof(capnp::MallocMessageBuilder) + 64;
    if (bytes_ > max_bytes_) {
      Drop();
      return;
    }
    auto copy = std::make_unique<capnp::MallocMessageBuilder>(words);
    copy->setRoot(event);
    auto it = by_nip_.find(nip);
    if (it == by_nip_.end()) it = by_nip_.try_emplace(std::string(nip)).first;
    it->second.push_back(std::move(copy));
  }

  // Drops every copy and keeps none again, as passing the bound does.
  void Drop() {
    complete_ = false;
    by_nip_.clear();
  }

  // Every amendment kept so far was kept (the bound was never passed).
  bool complete() const { return complete_; }

  // The amendments of `nip` kept so far, in position order; valid as long
  // as this object (and until the next Keep).
  std::vector<schema::Event::Reader> Of(std::string_view nip) const {
    std::vector<schema::Event::Reader> out;
    if (auto it = by_nip_.find(nip); it != by_nip_.end()) {
      for (const auto& message : it->second) {
        out.push_back(message->getRoot<schema::Event>().asReader());
      }
    }
    return out;
  }

 private:
  const size_t max_bytes_;
  size_t bytes_ = 0;
  bool complete_ = true;
  NameMap<std::vector<std::unique_ptr<capnp::MallocMessageBuilder>>> by_nip_;
};

}  // namespace jejak::projection
