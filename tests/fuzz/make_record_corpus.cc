// Writes seed inputs for record_decoder_fuzz: real framed log records (as
// the store frames them, docs/format.md), one per event kind found in an
// NDJSON file, each recorded as if at position 1 (record_decoder_fuzz
// decodes its input as the record at position 1).
//
//   make_record_corpus docs/examples/sawahlunto.ndjson tests/fuzz/corpus/record
#include <capnp/message.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "jejak/codec/event_json.h"
#include "store/frame.h"
#include "jejak/integrity/chain_hashes.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <events.ndjson> <output dir>\n", argv[0]);
    return 2;
  }
  jejak::codec::EventJson json;
  std::ifstream in(argv[1]);
  std::string line;
  std::set<int> kinds;
  int written = 0;
  int64_t recorded_at = 1795343827123456;
  while (std::getline(in, line)) {
    jejak::Result<jejak::store::NewEvent> parsed = json.ParseInput(line);
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
      return 1;
    }
    const auto input = parsed->reader();
    if (!kinds.insert(input.getPayload().which()).second) continue;  // one per kind

    capnp::MallocMessageBuilder message;
    auto ev = message.initRoot<jejak::schema::Event>();
    ev.setPosition(1);
    ev.setStream(input.getStream());
    ev.setVersion(1);
    ev.setEventId(input.getEventId());
    ev.setSchemaVersion(1);
    ev.initRecordedAt().setUnixMicros(recorded_at += 1000);
    ev.setEffectiveDate(input.getEffectiveDate());
    ev.setActor(input.getActor());
    ev.setSource(input.getSource());
    ev.setPayload(input.getPayload());
    const auto words = capnp::canonicalize(ev.asReader());
    const std::string_view body(reinterpret_cast<const char*>(words.begin()),
                                words.size() * sizeof(capnp::word));
    const jejak::store::Hash leaf = jejak::integrity::ChainLeafHash(body);
    std::string record;
    jejak::store::AppendFrame(leaf, jejak::integrity::ChainHash(jejak::store::Hash{}, leaf), body,
                              &record);
    const std::string path = std::string(argv[2]) + "/" + input.getEventId().cStr() + ".rec";
    std::ofstream(path, std::ios::binary) << record;
    ++written;
  }
  std::printf("wrote %d records\n", written);
  return 0;
}
