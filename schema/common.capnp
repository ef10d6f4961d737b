# Shared value types of the jejak ledger.
#
# FROZEN FORMAT: events written with these types are stored forever and
# hashed. Field numbers (@N), enumerant numbers and type ids are never reused,
# renumbered or retyped. New fields and enumerants are only ever appended.
# Every enum starts with `unspecified @0` so that an absent field is
# distinguishable from a chosen value; validation rejects `unspecified` where a
# value is required.

@0x98f192491c0ddb48;

using Cxx = import "/capnp/c++.capnp";
using Json = import "/capnp/compat/json.capnp";
$Cxx.namespace("jejak::schema");

struct Date {
  # A calendar date (no time zone): the TMT of a decree, a birth date.
  # JSON: "YYYY-MM-DD". Stored as the number YYYYMMDD, 0 = absent.
  yyyymmdd @0 :UInt32;
}

struct Timestamp {
  # An instant. JSON: RFC 3339 in UTC, "2026-11-22T10:37:07.123456Z".
  unixMicros @0 :Int64;  # microseconds since 1970-01-01T00:00:00Z
}

enum Golongan {
  # PNS rank (pangkat / golongan ruang, PP 99/2000), lowest to highest.
  # JSON uses the official notation, e.g. "III/a".
  unspecified @0;
  ia @1 $Json.name("I/a");      # Juru Muda
  ib @2 $Json.name("I/b");      # Juru Muda Tingkat I
  ic @3 $Json.name("I/c");      # Juru
  id @4 $Json.name("I/d");      # Juru Tingkat I
  iia @5 $Json.name("II/a");    # Pengatur Muda
  iib @6 $Json.name("II/b");    # Pengatur Muda Tingkat I
  iic @7 $Json.name("II/c");    # Pengatur
  iid @8 $Json.name("II/d");    # Pengatur Tingkat I
  iiia @9 $Json.name("III/a");  # Penata Muda
  iiib @10 $Json.name("III/b"); # Penata Muda Tingkat I
  iiic @11 $Json.name("III/c"); # Penata
  iiid @12 $Json.name("III/d"); # Penata Tingkat I
  iva @13 $Json.name("IV/a");   # Pembina
  ivb @14 $Json.name("IV/b");   # Pembina Tingkat I
  ivc @15 $Json.name("IV/c");   # Pembina Utama Muda
  ivd @16 $Json.name("IV/d");   # Pembina Utama Madya
  ive @17 $Json.name("IV/e");   # Pembina Utama
}

struct Rank {
  # A PNS golongan or a PPPK grade: two separate scales, never compared.
  # JSON: {"golongan": "III/a"} or {"pppkGrade": 9}.
  union {
    unspecified @0 :Void;
    golongan @1 :Golongan;
    pppkGrade @2 :UInt8;  # PPPK grade I..XVII as 1..17
  }
}

enum EmploymentType {
  unspecified @0;
  pns @1;   # civil servant track: recruited as CPNS, confirmed as PNS later
  pppk @2;  # government employee with a work agreement (contract)
}

enum Gender {
  unspecified @0;
  male @1;    # NIP digit 15 = 1
  female @2;  # NIP digit 15 = 2
}

enum EducationLevel {
  # Highest formal education; order is meaningful (lowest to highest),
  # except sltpKejuruan which ranks beside sltp.
  unspecified @0;
  sd @1;            # elementary
  sltp @2;          # junior secondary
  sltpKejuruan @3;  # vocational junior secondary
  slta @4;          # senior secondary
  d1 @5;
  d2 @6;
  d3 @7;
  d4 @8;
  s1 @9;            # bachelor
  s2 @10;           # master
  s3 @11;           # doctorate
}

enum JabatanLevel {
  # Position class and level (PP 11/2017 as amended by PP 17/2020).
  unspecified @0;
  jptUtama @1;
  jptMadya @2;
  jptPratama @3;
  administrator @4;
  pengawas @5;
  pelaksana @6;
  ahliPertama @7;   # functional, expertise track
  ahliMuda @8;
  ahliMadya @9;
  ahliUtama @10;
  pemula @11;       # functional, skills track
  terampil @12;
  mahir @13;
  penyelia @14;
}

enum CompetencyKind {
  unspecified @0;
  technical @1;
  managerial @2;
  socioCultural @3;
}

struct CompetencyLevel {
  # One competency at a level, as assessed or as required by a position.
  # `code` names the competency: for managerial ones the PermenPANRB 38/2017
  # names in camelCase ("integritas", "kerjaSama", "komunikasi",
  # "orientasiPadaHasil", "pelayananPublik", "pengembanganDiriDanOrangLain",
  # "mengelolaPerubahan", "pengambilanKeputusan"), "perekatBangsa" for the
  # socio-cultural one, and an agency-chosen code for technical ones.
  code @0 :Text;
  kind @1 :CompetencyKind;
  level @2 :UInt8;  # 1..5
}

enum PredikatKinerja {
  # Annual performance rating (PermenPANRB 6/2022), best to worst by number
  # of stars; compare with the helper in include/jejak/domain, not by number.
  unspecified @0;
  sangatBaik @1;
  baik @2;
  butuhPerbaikan @3;
  kurang @4;
  sangatKurang @5;
}

enum Rating {
  # Work result or behaviour against expectation (SKP).
  unspecified @0;
  below @1;
  meets @2;
  above @3;
}

enum TrainingKind {
  unspecified @0;
  pkp @1;         # Pelatihan Kepemimpinan Pengawas
  pka @2;         # Pelatihan Kepemimpinan Administrator
  pknII @3;       # Pelatihan Kepemimpinan Nasional Tingkat II (JPT pratama)
  pknI @4;        # Pelatihan Kepemimpinan Nasional Tingkat I (JPT madya)
  technical @5;
  functional @6;
  latsar @7;      # basic training of a CPNS
  seminar @8;     # seminars, workshops and other development counted in JP
}

enum PotentialLevel {
  unspecified @0;
  low @1;
  medium @2;
  high @3;
}

struct Actor {
  # Who recorded the event: the HR user, their role and agency.
  user @0 :Text;
  role @1 :Text;
  agency @2 :Text;
}

struct SourceDocument {
  # The decree (surat keputusan) or document the event transcribes.
  decreeNumber @0 :Text;
  signer @1 :Text;       # name or NIP of the signing official
  signingDate @2 :Date;
  migration @3 :Text;    # id of the bulk import run that recorded this event
                         # from a legacy system; "" for live records. The
                         # audit treats events of one migration as known
                         # together (docs/audit.md "Migrated history").
}
