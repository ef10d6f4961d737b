// A stream buffer for tests of bounded reading: some bytes, then one byte
// repeated without end, counting what it hands out.
#pragma once

#include <cstddef>
#include <streambuf>
#include <string>

namespace jejak::ingest::testing {

class EndlessBuf : public std::streambuf {
 public:
  EndlessBuf(std::string prefix, char fill) : prefix_(std::move(prefix)), block_(4096, fill) {}
  // Bytes handed to the reader so far.
  size_t served() const { return served_; }

 protected:
  int_type underflow() override {
    if (!prefix_done_) {
      prefix_done_ = true;
      if (!prefix_.empty()) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
        served_ += prefix_.size();
        return traits_type::to_int_type(prefix_[0]);
      }
    }
    setg(block_.data(), block_.data(), block_.data() + block_.size());
    served_ += block_.size();
    return traits_type::to_int_type(block_[0]);
  }

 private:
  std::string prefix_;
  std::string block_;
  bool prefix_done_ = false;
  size_t served_ = 0;
};

}  // namespace jejak::ingest::testing
