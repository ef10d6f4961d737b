// Fuzz target: the text formats an outsider hands to jejak (signed notes,
// checkpoints, tlog-proofs, tlog-witness add-checkpoint bodies) and the
// entry a bundle carries. The first byte picks the decoder, the rest is its
// input. Whatever the input, the decoders return a value or an error and
// never crash; what they accept formats back to the same bytes:
//   'n'  ParseNote, and OpenNote against a fixed key (any verdict)
//   'c'  ParseCheckpoint: FormatCheckpoint(parsed) == input
//   'p'  ParseTlogProof: FormatTlogProof(parsed) == input
//   'w'  ParseAddCheckpointRequest: FormatAddCheckpointRequest(parsed) == input
//   'e'  SplitEntry, then RedactPersonalFields of the public body (any verdict)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/entry.h"
#include "jejak/integrity/note.h"
#include "jejak/integrity/proof_format.h"

namespace {

using namespace jejak::integrity;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "transparency_formats_fuzz: %s\ninput: %.*s\n", what,
               static_cast<int>(input.size()), input.data());
  std::abort();
}

const NoteVerifier& Key() {
  // Go's note test key (golang.org/x/mod/sumdb/note, PeterNeumann).
  static const NoteVerifier key =
      ParseVerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .value();
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
    case 'n': {
      (void)ParseNote(input);
      const NoteVerifier keys[] = {Key()};
      (void)OpenNote(input, keys);
      break;
    }
    case 'c': {
      auto c = ParseCheckpoint(input);
      if (c.ok() && FormatCheckpoint(*c) != input) Fail("checkpoint does not round-trip", input);
      break;
    }
    case 'p': {
      auto p = ParseTlogProof(input);
      if (p.ok() && FormatTlogProof(*p) != input) Fail("tlog-proof does not round-trip", input);
      break;
    }
    case 'w': {
      auto w = ParseAddCheckpointRequest(input);
      if (w.ok() && FormatAddCheckpointRequest(*w) != input) {
        Fail("add-checkpoint body does not round-trip", input);
      }
      break;
    }
    case 'e': {
      auto parts = SplitEntry(input);
      if (parts.ok()) {
        std::string public_body;
        (void)RedactPersonalFields(parts->public_body, &public_body);
      }
      break;
    }
    default:
      break;
  }
  return 0;
}
