#include "steward/sketch/space_saving.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "steward/sketch/hashing.h"
#include "steward/sketch/json_fields.h"

namespace steward::sketch {
namespace {

// Counts saturate rather than wrap, so a hostile weight cannot make a count small.
uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<uint64_t>::max() : sum;
}

bool ComesFirst(const SpaceSaving::Item& a, const SpaceSaving::Item& b) {
  if (a.count != b.count)
    return a.count > b.count;
  return a.value < b.value;
}

}  // namespace

size_t SpaceSaving::StringHash::operator()(std::string_view text) const {
  return static_cast<size_t>(HashBytes(text));
}

SpaceSaving::SpaceSaving(size_t capacity)
    : capacity_(std::clamp<size_t>(capacity, 1, kMaxCapacity)) {}

uint64_t SpaceSaving::UnmonitoredBound() const {
  if (exact_)
    return 0;
  if (slots_.size() == capacity_)
    return std::max(floor_, slots_[heap_[0]].count);
  return floor_;
}

void SpaceSaving::Add(std::string_view item, uint64_t weight) {
  if (weight == 0)
    return;
  total_ = SaturatingAdd(total_, weight);
  if (auto it = index_.find(item); it != index_.end()) {
    Item& slot = slots_[it->second];
    slot.count = SaturatingAdd(slot.count, weight);
    SiftDown(heap_position_[it->second]);
    return;
  }
  if (slots_.size() < capacity_) {
    NewSlot(item, SaturatingAdd(floor_, weight), floor_);
    return;
  }
  // Replace the least counted item: the newcomer may have occurred up to that many times unseen.
  exact_ = false;
  const uint32_t victim = heap_[0];
  Item& slot = slots_[victim];
  index_.erase(slot.value);
  slot.value.assign(item);
  slot.error = slot.count;
  slot.count = SaturatingAdd(slot.count, weight);
  index_.emplace(slot.value, victim);
  SiftDown(0);
}

uint32_t SpaceSaving::NewSlot(std::string_view value, uint64_t count, uint64_t error) {
  const auto slot = static_cast<uint32_t>(slots_.size());
  slots_.push_back(Item{std::string(value), count, error});
  index_.emplace(slots_.back().value, slot);
  heap_.push_back(slot);
  heap_position_.push_back(static_cast<uint32_t>(heap_.size() - 1));
  SiftUp(heap_.size() - 1);
  return slot;
}

void SpaceSaving::SwapHeap(size_t a, size_t b) {
  std::swap(heap_[a], heap_[b]);
  heap_position_[heap_[a]] = static_cast<uint32_t>(a);
  heap_position_[heap_[b]] = static_cast<uint32_t>(b);
}

void SpaceSaving::SiftUp(size_t position) {
  while (position > 0) {
    const size_t parent = (position - 1) / 2;
    if (slots_[heap_[parent]].count <= slots_[heap_[position]].count)
      return;
    SwapHeap(parent, position);
    position = parent;
  }
}

void SpaceSaving::SiftDown(size_t position) {
  const size_t size = heap_.size();
  while (true) {
    size_t smallest = position;
    for (size_t child = 2 * position + 1; child <= 2 * position + 2 && child < size; ++child) {
      if (slots_[heap_[child]].count < slots_[heap_[smallest]].count)
        smallest = child;
    }
    if (smallest == position)
      return;
    SwapHeap(position, smallest);
    position = smallest;
  }
}

void SpaceSaving::Rebuild(std::vector<Item> items) {
  slots_ = std::move(items);
  index_.clear();
  heap_.resize(slots_.size());
  heap_position_.resize(slots_.size());
  for (size_t i = 0; i < slots_.size(); ++i) {
    index_.emplace(slots_[i].value, static_cast<uint32_t>(i));
    heap_[i] = static_cast<uint32_t>(i);
    heap_position_[i] = static_cast<uint32_t>(i);
  }
  // Floyd's heap construction; leaves an order that already is a heap unchanged.
  for (size_t i = slots_.size() / 2; i-- > 0;)
    SiftDown(i);
}

void SpaceSaving::Merge(const SpaceSaving& other) {
  if (&other == this) {
    const SpaceSaving copy = other;
    Merge(copy);
    return;
  }
  const uint64_t bound_here = UnmonitoredBound();
  const uint64_t bound_there = other.UnmonitoredBound();
  std::vector<Item> merged;
  merged.reserve(slots_.size() + other.slots_.size());
  for (const Item& item : slots_) {
    auto it = other.index_.find(item.value);
    const uint64_t count = it == other.index_.end() ? bound_there : other.slots_[it->second].count;
    const uint64_t error = it == other.index_.end() ? bound_there : other.slots_[it->second].error;
    merged.push_back(
        Item{item.value, SaturatingAdd(item.count, count), SaturatingAdd(item.error, error)});
  }
  for (const Item& item : other.slots_) {
    if (!index_.contains(item.value))
      merged.push_back(Item{item.value, SaturatingAdd(item.count, bound_here),
                            SaturatingAdd(item.error, bound_here)});
  }
  std::sort(merged.begin(), merged.end(), ComesFirst);
  floor_ = SaturatingAdd(bound_here, bound_there);
  const bool truncated = merged.size() > capacity_;
  if (truncated) {
    floor_ = std::max(floor_, merged[capacity_].count);
    merged.resize(capacity_);
  }
  exact_ = exact_ && other.exact_ && !truncated;
  total_ = SaturatingAdd(total_, other.total_);
  Rebuild(std::move(merged));
}

std::vector<SpaceSaving::Item> SpaceSaving::Top(size_t k) const {
  std::vector<Item> items = slots_;
  k = std::min(k, items.size());
  std::partial_sort(items.begin(), items.begin() + static_cast<ptrdiff_t>(k), items.end(),
                    ComesFirst);
  items.resize(k);
  return items;
}

nlohmann::json SpaceSaving::ToJson() const {
  // Heap order, so a summary read back evicts exactly as this one would.
  nlohmann::json items = nlohmann::json::array();
  for (uint32_t slot : heap_)
    items.push_back({slots_[slot].value, slots_[slot].count, slots_[slot].error});
  return {{"type", "space_saving"}, {"capacity", capacity_}, {"total", total_},
          {"exact", exact_},        {"floor", floor_},       {"items", std::move(items)}};
}

Result<SpaceSaving> SpaceSaving::FromJson(const nlohmann::json& json) {
  STEWARD_ASSIGN_OR_RETURN(auto fields, JsonFields::Open(json, "space_saving", "SpaceSaving"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t capacity, fields.Uint64("capacity", 1, kMaxCapacity));
  STEWARD_ASSIGN_OR_RETURN(uint64_t total, fields.Uint64("total"));
  STEWARD_ASSIGN_OR_RETURN(bool exact, fields.Bool("exact"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t floor, fields.Uint64("floor"));
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* items, fields.Array("items"));
  if (items->size() > capacity)
    return fields.Error("items", "holds more than 'capacity' items");
  if (exact && floor != 0)
    return fields.Error("floor", "must be 0 when 'exact' is true");
  std::vector<Item> decoded;
  decoded.reserve(items->size());
  uint64_t lower_total = 0;  // sum of the counts' lower bounds
  for (size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& item = (*items)[i];
    const std::string where = "element " + std::to_string(i);
    Item parsed;
    if (!item.is_array() || item.size() != 3 || !item[0].is_string() ||
        !DecodeUint64(item[1], &parsed.count) || !DecodeUint64(item[2], &parsed.error))
      return fields.Error("items",
                          where + " must be [string, count, error], got " + Abbreviate(item));
    parsed.value = item[0].get<std::string>();
    if (parsed.count == 0 || parsed.error > parsed.count)
      return fields.Error("items", where + " needs 0 <= error <= count and count > 0");
    if (exact && parsed.error != 0)
      return fields.Error("items", where + " has an error but 'exact' is true");
    if (parsed.count < floor)
      return fields.Error("items", where + " has a count below 'floor'");
    lower_total = SaturatingAdd(lower_total, parsed.count - parsed.error);
    decoded.push_back(std::move(parsed));
  }
  SpaceSaving summary(capacity);
  summary.total_ = total;
  summary.exact_ = exact;
  summary.floor_ = floor;
  summary.Rebuild(std::move(decoded));
  if (summary.index_.size() != summary.slots_.size())
    return fields.Error("items", "holds a value twice");
  if (lower_total > total || (exact && lower_total != total))
    return fields.Error("total", exact ? "must equal the sum of the counts when 'exact' is true"
                                       : "is less than the counts account for");
  return summary;
}

}  // namespace steward::sketch
