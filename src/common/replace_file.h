// Replacing a small file atomically: readers see the old bytes or the new
// ones, never a mix, and after a crash one of the two (never an empty or
// partial file).
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

#include "jejak/status.h"

namespace jejak {

// Writes `data` to `path` + ".tmp" with permissions `mode`, fsyncs it,
// renames it over `path` and fsyncs the directory holding `path`. IOError
// naming the file and the system's reason.
[[nodiscard]] Status ReplaceFile(const std::string& path, std::string_view data,
                                 mode_t mode = 0644);

// Writes all of `data` to `fd` (retrying short writes and EINTR). IOError
// "writing <what>: <reason>".
[[nodiscard]] Status WriteAll(int fd, std::string_view data, const std::string& what);

// fsyncs directory `dir`, making a file created or renamed in it durable.
// IOError naming it.
[[nodiscard]] Status SyncDirectory(const std::string& dir);

}  // namespace jejak
