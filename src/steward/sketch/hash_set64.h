#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace steward::sketch {

// A set of 64-bit values (usually hashes) in one open-addressing table: linear probing,
// power-of-two capacity, load at most 1/2. Zero marks an empty slot, so the value 0 is kept in
// a flag beside the table. Slots are chosen by the value's high bits after a Fibonacci multiply,
// so sequential values spread too.
//
// Not thread-safe; distinct sets may be used from different threads.
class HashSet64 {
 public:
  HashSet64() = default;

  // Returns true if `value` was not in the set.
  bool Insert(uint64_t value);
  bool Contains(uint64_t value) const;
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Removes every value and frees the table.
  void Clear();
  // Makes room for `count` values without growing. Call before inserting another set's values:
  // inserting them in its slot order into a smaller table clusters them (quadratic probing).
  void Reserve(size_t count);

  // Calls fn(value) for each value, in an unspecified order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    if (has_zero_)
      fn(uint64_t{0});
    for (uint64_t slot : slots_) {
      if (slot != 0)
        fn(slot);
    }
  }

  // Heap bytes held by the table.
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(uint64_t); }

 private:
  static constexpr size_t kInitialCapacity = 16;

  size_t SlotOf(uint64_t value) const {
    return static_cast<size_t>((value * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void Grow();

  std::vector<uint64_t> slots_;
  size_t size_ = 0;  // including the zero value
  unsigned shift_ = 64;
  bool has_zero_ = false;
};

}  // namespace steward::sketch
