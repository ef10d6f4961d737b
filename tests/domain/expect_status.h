// GoogleTest helpers for Status results.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "jejak/status.h"

namespace jejak::testing {

// InvalidArgument whose message starts with `prefix` (a field path).
inline ::testing::AssertionResult IsRejectedAt(const Status& s, std::string_view prefix) {
  if (!s.IsInvalidArgument()) {
    return ::testing::AssertionFailure() << "expected InvalidArgument at " << prefix
                                         << ", got " << s.ToString();
  }
  if (s.message().compare(0, prefix.size(), prefix) != 0) {
    return ::testing::AssertionFailure() << "expected message starting with \"" << prefix
                                         << "\", got \"" << s.message() << "\"";
  }
  return ::testing::AssertionSuccess();
}

// InvalidArgument whose message contains `part`.
inline ::testing::AssertionResult IsRejectedWith(const Status& s, std::string_view part) {
  if (!s.IsInvalidArgument() || s.message().find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "expected InvalidArgument containing \"" << part
                                         << "\", got " << s.ToString();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace jejak::testing
