#include "jejak/witness/witness.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/integrity/merkle.h"
#include "jejak/integrity/proof_format.h"

namespace jejak::witness {

namespace {

// An exclusive flock on `path`, released on destruction.
class FileLock {
 public:
  static Result<FileLock> Take(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError("opening " + path + ": " + std::strerror(errno));
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Status::IOError("locking " + path + ": " + std::strerror(err));
    }
    return FileLock(fd);
  }
  FileLock(FileLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

Status Refuse(Refusal* refusal, RefusalKind kind, uint64_t size, const std::string& why) {
  refusal->kind = kind;
  refusal->witness_size = size;
  return Status::Conflict(why + " (the witness is at size " + std::to_string(size) + ")");
}

Status Reject(Refusal* refusal, RefusalKind kind, Status status) {
  refusal->kind = kind;
  return status;
}

}  // namespace

int HttpStatus(RefusalKind kind) {
  switch (kind) {
    case RefusalKind::kNone: return 200;
    case RefusalKind::kMalformed: return 400;
    case RefusalKind::kUnknownLog: return 404;
    case RefusalKind::kNotSigned: return 403;
    case RefusalKind::kOldAboveSize: return 400;
    case RefusalKind::kStaleOldSize: return 409;
    case RefusalKind::kForkedRoot: return 409;
    case RefusalKind::kInconsistentProof: return 422;
  }
  return 500;
}

Result<std::string> AddCheckpoint(std::string_view body,
                                  std::span<const integrity::NoteVerifier> logs,
                                  const integrity::NoteSigner& witness,
                                  const WitnessState& state, uint64_t now_unix,
                                  Refusal* refusal) {
  Refusal ignored;
  if (refusal == nullptr) refusal = &ignored;
  *refusal = Refusal{};
  auto request = integrity::ParseAddCheckpointRequest(body);
  if (!request.ok()) return Reject(refusal, RefusalKind::kMalformed, request.status());
  auto claimed = integrity::ParseSignedCheckpoint(request->checkpoint);
  if (!claimed.ok()) return Reject(refusal, RefusalKind::kMalformed, claimed.status());
  const integrity::NoteVerifier* log = nullptr;
  for (const auto& candidate : logs) {
    if (candidate.name() == claimed->origin) log = &candidate;
  }
  if (log == nullptr) {
    return Reject(refusal, RefusalKind::kUnknownLog,
                  Status::InvalidArgument("checkpoint of origin \"" + claimed->origin +
                                          "\", which this witness does not witness"));
  }
  const integrity::NoteVerifier known[] = {*log};
  auto checkpoint = integrity::OpenCheckpoint(request->checkpoint, known);
  if (!checkpoint.ok()) {
    return Reject(refusal,
                  checkpoint.status().IsCorruption() ? RefusalKind::kNotSigned
                                                     : RefusalKind::kMalformed,
                  checkpoint.status());
  }
  if (request->old_size > checkpoint->size) {
    return Reject(refusal, RefusalKind::kOldAboveSize,
                  Status::InvalidArgument("the request proves consistency from size " +
                                          std::to_string(request->old_size) +
                                          ", above the checkpoint's size " +
                                          std::to_string(checkpoint->size)));
  }
  auto note = integrity::ParseNote(request->checkpoint);
  if (!note.ok()) return Reject(refusal, RefusalKind::kMalformed, note.status());

  std::error_code ec;
  std::filesystem::create_directories(state.dir(), ec);
  if (ec) return Status::IOError("creating " + state.dir() + ": " + ec.message());
  auto lock = FileLock::Take(
      (std::filesystem::path(state.dir()) / (WitnessState::FileName(log->name()) + ".lock"))
          .string());
  if (!lock.ok()) return lock.status();

  auto seen = state.Load(log->name());
  if (!seen.ok()) return seen.status();
  const WitnessedTree current = seen->value_or(WitnessedTree{});
  if (request->old_size != current.size) {
    return Refuse(refusal, RefusalKind::kStaleOldSize, current.size,
                  "the request proves consistency from size " +
                      std::to_string(request->old_size) + ", not from the witness's size");
  }
  if (seen->has_value()) {
    if (checkpoint->size == current.size && checkpoint->root != current.root) {
      return Refuse(refusal, RefusalKind::kForkedRoot, current.size,
                    "a checkpoint of size " + std::to_string(current.size) +
                        " with another root than the one the witness cosigned: a fork");
    }
    Status consistent =
        integrity::CheckConsistency(request->consistency_proof, checkpoint->size,
                                    checkpoint->root, current.size, current.root);
    if (!consistent.ok()) {
      return Refuse(refusal, RefusalKind::kInconsistentProof, current.size,
                    "the checkpoint is not consistent with the tree the witness cosigned: " +
                        consistent.message());
    }
  } else if (!request->consistency_proof.empty()) {
    return Refuse(refusal, RefusalKind::kInconsistentProof, current.size,
                  "a consistency proof from size 0 has no hashes");
  }
  JEJAK_RETURN_IF_ERROR(state.Store(log->name(), {checkpoint->size, checkpoint->root},
                                    request->checkpoint));
  return integrity::CosignCheckpoint(note->text, witness, now_unix);
}

}  // namespace jejak::witness
