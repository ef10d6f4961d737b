// Key files of the `jejak key`, `checkpoint`, `witness` and `audit
// --bundle` commands: one line, the private key in Go's note format
// (include/jejak/integrity/note.h), written with mode 0600.
#pragma once

#include <string>

#include "jejak/integrity/note.h"
#include "jejak/status.h"

namespace jejak::cli {

// Creates `path` with mode 0600 holding `line` and a newline; refuses
// (InvalidArgument) to overwrite an existing file.
[[nodiscard]] Status WriteKeyFile(const std::string& path, const std::string& line);
// The first line of `path`. NotFound / IOError.
[[nodiscard]] Result<std::string> ReadKeyLine(const std::string& path);
// The log signing key (Ed25519) in `path`; `path` empty means $JEJAK_KEY.
[[nodiscard]] Result<integrity::NoteSigner> ReadSignerKey(std::string path);
// A whole small text file (a vkey, a checkpoint, a proof). NotFound / IOError.
[[nodiscard]] Result<std::string> ReadTextFile(const std::string& path);

}  // namespace jejak::cli
