# Test-only: an OLDER, smaller version of the envelope and payload schema,
# standing in for events written by an earlier build. Same field numbers and
# union member numbers as schema/*.capnp; fewer fields in the nested structs
# (no Actor.agency, no SourceDocument.signer/signingDate, Recruited without
# agency .. positionId), fewer union members (up to performanceRated @8).
# schema_evolution_test writes records with it and reads them with the
# current schema.

@0x8b2e7958442ccb2e;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("jejak::testdata::v0");

struct Date { yyyymmdd @0 :UInt32; }
struct Timestamp { unixMicros @0 :Int64; }

struct Actor {
  user @0 :Text;
  role @1 :Text;
}

struct SourceDocument {
  decreeNumber @0 :Text;
}

enum Gender { unspecified @0; male @1; female @2; }
enum EducationLevel { unspecified @0; sd @1; sltp @2; sltpKejuruan @3; slta @4; d1 @5; d2 @6; d3 @7; d4 @8; s1 @9; }
enum Rating { unspecified @0; below @1; meets @2; above @3; }
enum PredikatKinerja { unspecified @0; sangatBaik @1; baik @2; butuhPerbaikan @3; kurang @4; sangatKurang @5; }

struct Recruited {
  nip @0 :Text;
  nik @1 :Text;
  name @2 :Text;
  birthDate @3 :Date;
  gender @4 :Gender;
  education @5 :EducationLevel;
}

struct PerformanceRated {
  year @0 :UInt16;
  periodStart @1 :Date;
  periodEnd @2 :Date;
  workResult @3 :Rating;
  behaviour @4 :Rating;
  predikat @5 :PredikatKinerja;
}

struct Placeholder {}

struct Payload {
  union {
    unspecified @0 :Void;
    recruited @1 :Recruited;
    civilServantConfirmed @2 :Placeholder;
    positionAssigned @3 :Placeholder;
    transferred @4 :Placeholder;
    rankPromoted @5 :Placeholder;
    positionPromoted @6 :Placeholder;
    competencyAssessed @7 :Placeholder;
    performanceRated @8 :PerformanceRated;
  }
}

struct Event {
  position @0 :UInt64;
  stream @1 :Text;
  version @2 :UInt64;
  eventId @3 :Text;
  schemaVersion @4 :UInt16;
  recordedAt @5 :Timestamp;
  effectiveDate @6 :Date;
  actor @7 :Actor;
  source @8 :SourceDocument;
  payload @9 :Payload;
}
