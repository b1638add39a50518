#include "steward/privacy/column_tally.h"

#include <algorithm>

namespace steward::privacy {

void AddExample(std::vector<std::string>& examples, std::string example) {
  if (examples.size() >= kExamplesPerFinding ||
      std::find(examples.begin(), examples.end(), example) != examples.end())
    return;
  examples.push_back(std::move(example));
}

void DetectorTally::Merge(const DetectorTally& other) {
  whole += other.whole;
  embedded += other.embedded;
  shape_only += other.shape_only;
  for (const std::string& example : other.whole_examples)
    AddExample(whole_examples, example);
  for (const std::string& example : other.embedded_examples)
    AddExample(embedded_examples, example);
}

void ColumnTally::Merge(const ColumnTally& other) {
  values += other.values;
  spaces += other.spaces;
  for (size_t kind = 0; kind < kPiiKindCount; ++kind)
    kinds[kind].Merge(other.kinds[kind]);
}

}  // namespace steward::privacy
