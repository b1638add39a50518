#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "steward/core/column.h"

namespace steward::io {

// The categories of one column across all batches of a stream, so that codes stay stable:
// every batch's categories extend the previous batch's. Grown copy-on-write, so batches
// already handed out keep their immutable snapshot.
// Not thread-safe; one per column, used by the thread that assembles batches.
class GlobalCategories {
 public:
  GlobalCategories() : snapshot_(std::make_shared<Categories>()) {}

  // Adds the labels not seen before (in order) and returns, for each local code (an index
  // into `local_labels`), its global code.
  std::vector<int32_t> Remap(const std::vector<std::string>& local_labels) {
    std::vector<int32_t> remap(local_labels.size());
    std::shared_ptr<Categories> grown;
    for (size_t code = 0; code < local_labels.size(); ++code) {
      auto it = code_of_.find(local_labels[code]);
      if (it == code_of_.end()) {
        if (!grown)
          grown = std::make_shared<Categories>(*snapshot_);
        it = code_of_.emplace(local_labels[code], static_cast<int32_t>(grown->size())).first;
        grown->push_back(local_labels[code]);
      }
      remap[code] = it->second;
    }
    if (grown)
      snapshot_ = std::move(grown);
    return remap;
  }

  // All categories so far; share it with the batch whose codes were just remapped.
  const std::shared_ptr<const Categories>& snapshot() const { return snapshot_; }

 private:
  std::unordered_map<std::string, int32_t> code_of_;
  std::shared_ptr<const Categories> snapshot_;
};

}  // namespace steward::io
