#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"

namespace steward::sketch {

// Frequent strings by Space-Saving (Metwally, Agrawal, El Abbadi 2005): at most `capacity`
// monitored items, each with a count that never underestimates its true count and an error that
// bounds the overestimate. A full summary replaces its least counted item, found in an indexed
// min-heap. Merging follows the parallel Space-Saving of Cafaro, Pulimeno and Tempesta (2016):
// an item missing from one side gets that side's bound for unmonitored items added to both its
// count and its error, then the top `capacity` are kept. Both keep the guarantees:
// true count in [count - error, count], and every unmonitored item's true count is at most
// UnmonitoredBound() <= the smallest monitored count.
//
// Item strings should be UTF-8 for ToJson() output to dump without a replacement policy.
// Not thread-safe; distinct summaries may be used from different threads.
class SpaceSaving {
 public:
  static constexpr size_t kMaxCapacity = size_t{1} << 24;

  struct Item {
    std::string value;
    uint64_t count;
    uint64_t error;
    friend bool operator==(const Item&, const Item&) = default;
  };

  // `capacity` is clamped to [1, kMaxCapacity]; nothing is allocated up front.
  explicit SpaceSaving(size_t capacity = 256);

  // A weight of 0 is ignored.
  void Add(std::string_view item, uint64_t weight = 1);
  // Keeps this summary's capacity.
  void Merge(const SpaceSaving& other);

  // The k most counted items, by count descending then value ascending.
  std::vector<Item> Top(size_t k) const;
  // True while every count is exact (nothing was ever evicted or truncated by a merge).
  bool is_exact() const { return exact_; }
  uint64_t total() const { return total_; }
  size_t capacity() const { return capacity_; }
  size_t size() const { return slots_.size(); }
  // Upper bound on the true count of any item not in Top(size()).
  uint64_t UnmonitoredBound() const;

  // {"type": "space_saving", "capacity", "total", "exact", "floor",
  //  "items": [[value, count, error], ...] in the summary's internal order}.
  nlohmann::json ToJson() const;
  static Result<SpaceSaving> FromJson(const nlohmann::json& json);

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const;
  };

  uint32_t NewSlot(std::string_view value, uint64_t count, uint64_t error);
  void SiftUp(size_t position);
  void SiftDown(size_t position);
  void SwapHeap(size_t a, size_t b);
  void Rebuild(std::vector<Item> items);

  size_t capacity_;
  uint64_t total_ = 0;
  bool exact_ = true;
  // Bound on the true count of unmonitored items while the summary is not full: 0 until a merge
  // of inexact summaries raises it.
  uint64_t floor_ = 0;
  std::vector<Item> slots_;
  std::vector<uint32_t> heap_;           // slot indices, min-heap by count
  std::vector<uint32_t> heap_position_;  // slot index -> position in heap_
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> index_;
};

}  // namespace steward::sketch
