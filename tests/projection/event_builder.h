// Test helper: builds schema::Event messages in memory, as the store would
// record them, without a store.
#pragma once

#include <capnp/message.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "jejak/schema/envelope.capnp.h"

namespace jejak::projection::testing {

// The employee most tests fold.
inline const std::string kNip = "199001012015031002";
inline const std::string kStream = "emp/" + kNip;

class EventLog {
 public:
  // Appends an event to `stream` with the next position; fill its payload
  // through the returned builder (valid while the log lives).
  schema::Payload::Builder Add(const std::string& stream, uint32_t effective,
                               int64_t recorded_at_us = 0) {
    auto& m = messages_.emplace_back(std::make_unique<capnp::MallocMessageBuilder>());
    auto ev = m->initRoot<schema::Event>();
    ev.setPosition(messages_.size());
    ev.setStream(stream);
    uint64_t version = 1;
    for (auto& other : messages_) {
      if (other.get() != m.get() && other->getRoot<schema::Event>().getStream() == stream.c_str()) {
        ++version;
      }
    }
    ev.setVersion(version);
    ev.setEventId("ev-" + std::to_string(messages_.size()));
    ev.setSchemaVersion(1);
    ev.getRecordedAt().setUnixMicros(recorded_at_us != 0 ? recorded_at_us
                                                        : static_cast<int64_t>(messages_.size()));
    ev.getEffectiveDate().setYyyymmdd(effective);
    return ev.initPayload();
  }

  uint64_t last_position() const { return messages_.size(); }

  schema::Event::Reader At(uint64_t position) const {
    return messages_[position - 1]->getRoot<schema::Event>().asReader();
  }

  // The events of `stream` in position order.
  std::vector<schema::Event::Reader> Stream(const std::string& stream) const {
    std::vector<schema::Event::Reader> out;
    for (auto& m : messages_) {
      auto ev = m->getRoot<schema::Event>().asReader();
      if (ev.getStream() == stream.c_str()) out.push_back(ev);
    }
    return out;
  }

  std::vector<schema::Event::Reader> All() const {
    std::vector<schema::Event::Reader> out;
    for (auto& m : messages_) out.push_back(m->getRoot<schema::Event>().asReader());
    return out;
  }

 private:
  std::vector<std::unique_ptr<capnp::MallocMessageBuilder>> messages_;
};

// Fills a typical recruited payload.
inline void FillRecruited(schema::Payload::Builder p, const std::string& nip,
                          schema::EducationLevel edu = schema::EducationLevel::S1,
                          schema::Golongan start = schema::Golongan::IIIA,
                          const std::string& agency = "kemenkeu", const std::string& unit = "u1") {
  auto r = p.initRecruited();
  r.setNip(nip);
  r.setName("Siti Rahma");
  r.getBirthDate().setYyyymmdd(std::stoul(nip.substr(0, 8)));
  r.setGender(nip[14] == '2' ? schema::Gender::FEMALE : schema::Gender::MALE);
  r.setEducation(edu);
  r.setAgency(agency);
  r.setUnit(unit);
  r.setEmploymentType(schema::EmploymentType::PNS);
  r.initStartingRank().setGolongan(start);
  r.setPositionId("pel-1");
}

}  // namespace jejak::projection::testing
