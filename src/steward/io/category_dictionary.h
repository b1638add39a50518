#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace steward::io {

// Maps category labels to dense codes in first-seen order. An open-addressing table keyed by
// a fast hash of short strings: labels are looked up once per cell, so this sits on the
// parser's hot path. Not thread-safe; each parse task has its own.
class CategoryDictionary {
 public:
  CategoryDictionary() : slots_(64, -1) {}

  // Code of `label`, or -1 when it has not been added.
  int32_t Find(std::string_view label) const {
    const uint64_t hash = Hash(label);
    for (size_t slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      int32_t code = slots_[slot];
      if (code < 0)
        return -1;
      if (hashes_[static_cast<size_t>(code)] == hash &&
          Equal(labels_[static_cast<size_t>(code)], label)) {
        return code;
      }
    }
  }

  // REQUIRES: Find(label) == -1.
  int32_t Add(std::string_view label) {
    if ((labels_.size() + 1) * 2 > slots_.size())
      Rehash(slots_.size() * 2);
    const auto code = static_cast<int32_t>(labels_.size());
    labels_.emplace_back(label);
    hashes_.push_back(Hash(label));
    Place(code);
    return code;
  }

  // Keeps only the labels marked in `keep`, renumbered in order; returns old code -> new code.
  std::vector<int32_t> Compact(const std::vector<bool>& keep);

  const std::vector<std::string>& labels() const { return labels_; }
  size_t size() const { return labels_.size(); }

  static uint64_t Hash(std::string_view text) {
    uint64_t hash = 0x9E3779B97F4A7C15ULL ^ (text.size() * 0xFF51AFD7ED558CCDULL);
    const char* data = text.data();
    size_t size = text.size();
    while (size >= 8) {
      uint64_t word = 0;
      std::memcpy(&word, data, 8);
      hash = Mix(hash ^ word);
      data += 8;
      size -= 8;
    }
    if (size > 0) {
      uint64_t word = 0;
      std::memcpy(&word, data, size);
      hash = Mix(hash ^ word);
    }
    return Mix(hash);
  }

 private:
  // Inline comparison: labels are short, and a libc memcmp call costs more than the bytes.
  static bool Equal(const std::string& stored, std::string_view label) {
    if (stored.size() != label.size())
      return false;
    const char* a = stored.data();
    const char* b = label.data();
    size_t size = label.size();
    while (size >= 8) {
      uint64_t x = 0;
      uint64_t y = 0;
      std::memcpy(&x, a, 8);
      std::memcpy(&y, b, 8);
      if (x != y)
        return false;
      a += 8;
      b += 8;
      size -= 8;
    }
    for (size_t i = 0; i < size; ++i) {
      if (a[i] != b[i])
        return false;
    }
    return true;
  }
  static uint64_t Mix(uint64_t value) {
    value *= 0xBF58476D1CE4E5B9ULL;
    return value ^ (value >> 31);
  }
  void Place(int32_t code) {
    size_t slot = hashes_[static_cast<size_t>(code)] & (slots_.size() - 1);
    while (slots_[slot] >= 0)
      slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = code;
  }
  void Rehash(size_t slot_count) {
    slots_.assign(slot_count, -1);
    for (size_t code = 0; code < labels_.size(); ++code)
      Place(static_cast<int32_t>(code));
  }

  std::vector<std::string> labels_;
  std::vector<uint64_t> hashes_;
  std::vector<int32_t> slots_;
};

inline std::vector<int32_t> CategoryDictionary::Compact(const std::vector<bool>& keep) {
  std::vector<int32_t> remap(labels_.size(), -1);
  std::vector<std::string> kept;
  std::vector<uint64_t> kept_hashes;
  for (size_t code = 0; code < labels_.size(); ++code) {
    if (!keep[code])
      continue;
    remap[code] = static_cast<int32_t>(kept.size());
    kept.push_back(std::move(labels_[code]));
    kept_hashes.push_back(hashes_[code]);
  }
  labels_ = std::move(kept);
  hashes_ = std::move(kept_hashes);
  size_t slot_count = 64;
  while (slot_count < labels_.size() * 2 + 2)
    slot_count *= 2;
  Rehash(slot_count);
  return remap;
}

}  // namespace steward::io
