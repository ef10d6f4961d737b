# The envelope: what the store records around every payload.
#
# FROZEN FORMAT (see common.capnp). `Event` is what is stored and hashed:
# its canonical Cap'n Proto encoding (capnp::canonicalize, one segment) is
# the body of a log record, see docs/format.md. `EventInput` is what a
# client submits (one JSON object per NDJSON line); the store fills in the
# rest.

@0xd9e73891034de584;

using Cxx = import "/capnp/c++.capnp";
using C = import "common.capnp";
using E = import "events.capnp";
$Cxx.namespace("jejak::schema");

struct ExpectedVersion {
  # Optimistic concurrency for an append to one stream. Versions are
  # 1-based: a stream's version is the number of events in it.
  # JSON: {"any": null}, {"noStream": null} or {"exact": 3}.
  union {
    any @0 :Void;        # append whatever the stream's state (default)
    noStream @1 :Void;   # the stream must not exist yet
    exact @2 :UInt64;    # the stream's current version must equal this
  }
}

struct EventInput {
  # One event as submitted by a client.
  stream @0 :Text;                    # "emp/<NIP>", "sel/<id>", "org/<agency>"
  eventId @1 :Text;                   # client-chosen, unique in the ledger;
                                      # a retry with the same id is idempotent
  expectedVersion @2 :ExpectedVersion;
  effectiveDate @3 :C.Date;           # valid time: the TMT of the decree
  actor @4 :C.Actor;
  source @5 :C.SourceDocument;
  payload @6 :E.Payload;
}

struct Event {
  # One recorded event: the client's input plus what the store assigned.
  position @0 :UInt64;                # global position, 1-based, gap-free
  stream @1 :Text;
  version @2 :UInt64;                 # version within the stream, 1-based
  eventId @3 :Text;
  schemaVersion @4 :UInt16;           # 1 = this schema
  recordedAt @5 :C.Timestamp;         # transaction time, from the store clock;
                                      # never decreases along the log
  effectiveDate @6 :C.Date;
  actor @7 :C.Actor;
  source @8 :C.SourceDocument;
  payload @9 :E.Payload;
}
