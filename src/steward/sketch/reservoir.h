#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/sketch/internal/random.h"
#include "steward/sketch/json_fields.h"

namespace steward::sketch {

// A uniform random sample, without replacement, of at most `capacity` items of a stream, by
// Li's Algorithm L (1994): after the reservoir fills, it draws how many items to skip, so a
// skipped item costs one comparison. Seeded and deterministic.
//
// The caller asks NextSlot() once per incoming item and, when it gets a slot, stores the item
// there with Store() before the next call; the item itself is built only when it is kept:
//   if (auto slot = reservoir.NextSlot()) reservoir.Store(*slot, MakeRow(i));
//
// Not thread-safe; distinct reservoirs may be used from different threads.
template <class T>
class Reservoir {
 public:
  // Streams longer than this are not supported (merged counts must not overflow).
  static constexpr uint64_t kMaxSeen = uint64_t{1} << 62;

  Reservoir(size_t capacity, uint64_t seed) : capacity_(capacity), rng_(seed) {}

  // Where to store the next item of the stream (items().size() means append), or nullopt to
  // skip it.
  std::optional<size_t> NextSlot() {
    ++seen_;
    if (capacity_ == 0)
      return std::nullopt;
    if (seen_ <= capacity_) {
      if (seen_ == capacity_) {
        w_ = std::exp(std::log(rng_.NextOpenUnit()) / static_cast<double>(capacity_));
        DrawNextTake();
      }
      return static_cast<size_t>(seen_ - 1);
    }
    if (seen_ < next_take_)
      return std::nullopt;
    const auto slot = static_cast<size_t>(rng_.NextBelow(capacity_));
    w_ *= std::exp(std::log(rng_.NextOpenUnit()) / static_cast<double>(capacity_));
    DrawNextTake();
    return slot;
  }

  // Stores `item` in `slot`, from NextSlot(); a slot at or past the end appends.
  void Store(size_t slot, T item) {
    if (slot < items_.size()) {
      items_[slot] = std::move(item);
    } else {
      items_.push_back(std::move(item));
    }
  }

  const std::vector<T>& items() const { return items_; }
  uint64_t seen() const { return seen_; }
  size_t capacity() const { return capacity_; }

  // Replaces this sample by a uniform sample, without replacement, of the union of both streams:
  // a hypergeometric draw decides how many items come from each side (weighted by seen()), then
  // a uniform subset of that many is taken from each side's sample. The result keeps the smaller
  // of the two capacities, which is what both samples can support. Deterministic from this
  // reservoir's generator.
  void Merge(Reservoir&& other) {
    const uint64_t seen_here = seen_;
    const uint64_t seen_there = other.seen_;
    const uint64_t total = seen_here + seen_there;
    capacity_ = std::min(capacity_, other.capacity_);
    const uint64_t size = std::min<uint64_t>(capacity_, total);
    uint64_t from_here = 0;
    uint64_t left_here = seen_here, left_there = seen_there;
    for (uint64_t draw = 0; draw < size; ++draw) {
      if (rng_.NextBelow(left_here + left_there) < left_here) {
        ++from_here;
        --left_here;
      } else {
        --left_there;
      }
    }
    KeepRandomSubset(&items_, static_cast<size_t>(from_here));
    KeepRandomSubset(&other.items_, static_cast<size_t>(size - from_here));
    for (T& item : other.items_)
      items_.push_back(std::move(item));
    seen_ = total;
    other = Reservoir(other.capacity_, 0);
    if (capacity_ > 0 && seen_ >= capacity_) {
      // Algorithm L's threshold after n items is the k-th smallest of n uniforms, Beta(k, n-k+1),
      // independent of which items are in the sample.
      const auto k = static_cast<double>(capacity_);
      w_ = rng_.NextBeta(k, static_cast<double>(seen_) - k + 1.0);
      DrawNextTake();
    }
  }

  // {"type": "reservoir", "capacity", "seen", "rng_state", "w", "next_take", "items"}; items are
  // converted with nlohmann's to_json/from_json for T.
  nlohmann::json ToJson() const {
    nlohmann::json items = nlohmann::json::array();
    for (const T& item : items_)
      items.push_back(item);
    return {{"type", "reservoir"},       {"capacity", capacity_}, {"seen", seen_},
            {"rng_state", rng_.state()}, {"w", EncodeDouble(w_)}, {"next_take", next_take_},
            {"items", std::move(items)}};
  }

  static Result<Reservoir> FromJson(const nlohmann::json& json) {
    STEWARD_ASSIGN_OR_RETURN(auto fields, JsonFields::Open(json, "reservoir", "Reservoir"));
    STEWARD_ASSIGN_OR_RETURN(uint64_t capacity,
                             fields.Uint64("capacity", 0, std::numeric_limits<size_t>::max()));
    STEWARD_ASSIGN_OR_RETURN(uint64_t seen, fields.Uint64("seen", 0, kMaxSeen));
    STEWARD_ASSIGN_OR_RETURN(uint64_t rng_state, fields.Uint64("rng_state"));
    STEWARD_ASSIGN_OR_RETURN(double w, fields.Double("w"));
    STEWARD_ASSIGN_OR_RETURN(uint64_t next_take, fields.Uint64("next_take"));
    STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* items, fields.Array("items"));
    if (items->size() != std::min(seen, capacity))
      return fields.Error(
          "items", "must hold min(seen, capacity) = " + std::to_string(std::min(seen, capacity)) +
                       " items, got " + std::to_string(items->size()));
    if (capacity > 0 && seen >= capacity && !(w > 0.0 && w < 1.0))
      return fields.Error("w", "must be in (0, 1) once the reservoir is full");
    if (capacity > 0 && seen >= capacity && next_take <= seen)
      return fields.Error("next_take", "must be greater than 'seen'");
    Reservoir reservoir(static_cast<size_t>(capacity), 0);
    reservoir.rng_ = internal::SplitMix64(rng_state);
    reservoir.seen_ = seen;
    reservoir.w_ = w;
    reservoir.next_take_ = next_take;
    reservoir.items_.reserve(items->size());
    for (size_t i = 0; i < items->size(); ++i) {
      try {
        reservoir.items_.push_back((*items)[i].get<T>());
      } catch (const nlohmann::json::exception& error) {
        return fields.Error("items", "element " + std::to_string(i) + ": " + error.what());
      }
    }
    return reservoir;
  }

 private:
  void DrawNextTake() {
    // Skip ~ Geometric(W): floor(log(u) / log(1 - W)) items before the next one is kept.
    const double log_miss = std::log1p(-w_);
    if (!(log_miss < 0.0)) {  // W at 0 keeps nothing more; W at 1 keeps the next item
      next_take_ = w_ > 0.0 ? seen_ + 1 : std::numeric_limits<uint64_t>::max();
      return;
    }
    const double skip = std::floor(std::log(rng_.NextOpenUnit()) / log_miss);
    const double room = static_cast<double>(std::numeric_limits<uint64_t>::max() - seen_);
    next_take_ = skip + 1.0 >= room ? std::numeric_limits<uint64_t>::max()
                                    : seen_ + static_cast<uint64_t>(skip) + 1;
  }

  // Moves a uniformly random subset of `keep` items to the front (partial Fisher-Yates), then
  // drops the rest.
  void KeepRandomSubset(std::vector<T>* items, size_t keep) {
    for (size_t i = 0; i < keep && i < items->size(); ++i) {
      const size_t j = i + static_cast<size_t>(rng_.NextBelow(items->size() - i));
      std::swap((*items)[i], (*items)[j]);
    }
    items->erase(items->begin() + static_cast<ptrdiff_t>(std::min(keep, items->size())),
                 items->end());
  }

  size_t capacity_;
  internal::SplitMix64 rng_;
  uint64_t seen_ = 0;
  double w_ = 0.0;
  uint64_t next_take_ = 0;  // the 1-based position of the next item to keep, once full
  std::vector<T> items_;
};

}  // namespace steward::sketch
