#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

// Masked examples kept per detector and place (whole value / embedded).
inline constexpr size_t kExamplesPerFinding = 3;

// What one detector saw in one column. Counts are of values (rows), not of matches.
struct DetectorTally {
  uint64_t whole = 0;                       // values that are, as a whole, a valid instance
  uint64_t embedded = 0;                    // values that are not, but contain one in their text
  uint64_t shape_only = 0;                  // values of the detector's shape that failed its check
  std::vector<std::string> whole_examples;  // masked
  std::vector<std::string> embedded_examples;  // masked, the match only

  void Merge(const DetectorTally& other);
};

// Counts of one column, mergeable so batches can be scanned on several threads.
struct ColumnTally {
  std::string name;
  std::bitset<kPiiKindCount> name_evidence;
  uint64_t values = 0;  // non-missing
  uint64_t spaces = 0;  // ' ' bytes over all values: free text has several per value
  std::array<DetectorTally, kPiiKindCount> kinds;

  DetectorTally& of(PiiKind kind) { return kinds[static_cast<size_t>(kind)]; }
  const DetectorTally& of(PiiKind kind) const { return kinds[static_cast<size_t>(kind)]; }
  void Merge(const ColumnTally& other);
};

// Adds `example` unless it is there already or the list is full.
void AddExample(std::vector<std::string>& examples, std::string example);

}  // namespace steward::privacy
