// Rng: the generator's own pseudo-random numbers (splitmix64).
//
// The output of a seed must be the same on every machine and with every
// standard library, forever: generated files are compared byte for byte.
// So no std:: distributions (their algorithms are unspecified) and no
// transcendental functions (libm results may differ in the last bit); only
// integer arithmetic and exactly rounded IEEE operations (+ - * / sqrt).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace jejak::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  // An independent stream for (seed, a, b): the same triple always gives
  // the same stream, different triples unrelated ones.
  static Rng Stream(uint64_t seed, uint64_t a, uint64_t b = 0) {
    return Rng(Mix(Mix(seed ^ 0x6a09e667f3bcc909ull) + a * 0x9e3779b97f4a7c15ull) ^
               Mix(b + 0xbb67ae8584caa73bull));
  }

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ull;
    return Mix(state_);
  }

  // Uniform in [0, n); 0 when n == 0. Lemire's multiply-shift: the bias is
  // below 2^-32 for the small n used here, which is fine for test data.
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

  // Uniform integer in [lo, hi] (REQUIRES lo <= hi).
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }

  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

  // Approximately normal with mean 0 and deviation 1 (Irwin-Hall of 4
  // uniforms, exact arithmetic only); bounded to about +-3.5.
  double Gauss() {
    const double s = Unit() + Unit() + Unit() + Unit() - 2.0;
    return s * 1.7320508075688772;  // sqrt(3): variance of the sum is 1/3
  }

  // An element of a non-empty span.
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(static_cast<uint32_t>(items.size()))];
  }

  // Index drawn with the given non-negative integer weights (not all 0).
  size_t Weighted(std::span<const uint32_t> weights) {
    uint64_t total = 0;
    for (uint32_t w : weights) total += w;
    uint64_t r = (Next() >> 11) % total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  uint64_t state_;
};

}  // namespace jejak::gen
