#include "steward/sketch/distinct_counter.h"

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/sketch/internal/base64.h"
#include "steward/sketch/json_fields.h"

namespace steward::sketch {
namespace {

// Hashes are stored little-endian whatever the machine, so the JSON moves between machines.
void AppendLittleEndian(uint64_t value, std::string* out) {
  for (int byte = 0; byte < 8; ++byte)
    out->push_back(static_cast<char>((value >> (8 * byte)) & 0xFF));
}

uint64_t ReadLittleEndian(const char* bytes) {
  uint64_t value = 0;
  for (int byte = 7; byte >= 0; --byte)
    value = value << 8 | static_cast<unsigned char>(bytes[byte]);
  return value;
}

}  // namespace

DistinctCounter::DistinctCounter(size_t exact_limit, uint8_t precision)
    : exact_limit_(exact_limit),
      precision_(std::clamp(precision, HyperLogLog::kMinPrecision, HyperLogLog::kMaxPrecision)) {}

void DistinctCounter::AddExact(uint64_t hash) {
  // Checking before inserting keeps the set from growing a table it would drop at once.
  if (exact_.size() >= exact_limit_ && !exact_.Contains(hash)) {
    SwitchToSketch();
    hll_->AddHash(hash);
    return;
  }
  exact_.Insert(hash);
}

void DistinctCounter::SwitchToSketch() {
  hll_.emplace(precision_);
  exact_.ForEach([this](uint64_t hash) { hll_->AddHash(hash); });
  exact_.Clear();
}

Status DistinctCounter::Merge(const DistinctCounter& other) {
  if (other.precision_ != precision_)
    return Status::InvalidArgument("cannot merge DistinctCounters of precision " +
                                   std::to_string(precision_) + " and " +
                                   std::to_string(other.precision_));
  if (other.is_exact()) {
    if (is_exact())
      exact_.Reserve(std::min(exact_.size() + other.exact_.size(), exact_limit_));
    other.exact_.ForEach([this](uint64_t hash) { AddHash(hash); });
    return Status::Ok();
  }
  if (is_exact())
    SwitchToSketch();
  return hll_->Merge(*other.hll_);
}

double DistinctCounter::Estimate() const {
  return hll_ ? hll_->Estimate() : static_cast<double>(exact_.size());
}

nlohmann::json DistinctCounter::ToJson() const {
  nlohmann::json json = {
      {"type", "distinct_counter"}, {"exact_limit", exact_limit_}, {"precision", precision_}};
  if (hll_) {
    json["hll"] = hll_->ToJson();
    return json;
  }
  // Sorted, so equal sets give equal JSON whatever the insertion order.
  std::vector<uint64_t> hashes;
  hashes.reserve(exact_.size());
  exact_.ForEach([&hashes](uint64_t hash) { hashes.push_back(hash); });
  std::sort(hashes.begin(), hashes.end());
  std::string bytes;
  bytes.reserve(hashes.size() * 8);
  for (uint64_t hash : hashes)
    AppendLittleEndian(hash, &bytes);
  json["hashes"] = internal::Base64Encode(bytes);
  return json;
}

Result<DistinctCounter> DistinctCounter::FromJson(const nlohmann::json& json) {
  STEWARD_ASSIGN_OR_RETURN(auto fields,
                           JsonFields::Open(json, "distinct_counter", "DistinctCounter"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t exact_limit, fields.Uint64("exact_limit", 0, SIZE_MAX));
  STEWARD_ASSIGN_OR_RETURN(
      uint64_t precision,
      fields.Uint64("precision", HyperLogLog::kMinPrecision, HyperLogLog::kMaxPrecision));
  DistinctCounter counter(static_cast<size_t>(exact_limit), static_cast<uint8_t>(precision));
  const bool has_hll = json.contains("hll");
  if (has_hll == json.contains("hashes"))
    return fields.Error("hashes", "or 'hll' must be present, not both");
  if (has_hll) {
    STEWARD_ASSIGN_OR_RETURN(HyperLogLog hll, HyperLogLog::FromJson(json.at("hll")));
    if (hll.precision() != precision)
      return fields.Error("hll", "has precision " + std::to_string(hll.precision()) +
                                     ", not the counter's " + std::to_string(precision));
    counter.hll_ = std::move(hll);
    return counter;
  }
  STEWARD_ASSIGN_OR_RETURN(std::string encoded, fields.String("hashes"));
  // A set past the limit would have become a sketch; checking before decoding also bounds the
  // memory a hostile document can make us allocate.
  const uint64_t max_chars = (std::min<uint64_t>(exact_limit, UINT64_MAX / 16) * 8 + 2) / 3 * 4;
  if (encoded.size() > max_chars)
    return fields.Error("hashes",
                        "holds more than exact_limit " + std::to_string(exact_limit) + " hashes");
  std::optional<std::string> bytes = internal::Base64Decode(encoded);
  if (!bytes || bytes->size() % 8 != 0)
    return fields.Error("hashes", "must be base64 of 8-byte hashes");
  uint64_t previous = 0;
  for (size_t offset = 0; offset < bytes->size(); offset += 8) {
    uint64_t hash = ReadLittleEndian(bytes->data() + offset);
    if (offset > 0 && hash <= previous)
      return fields.Error(
          "hashes", "must be strictly ascending (hash " + std::to_string(offset / 8) + " is not)");
    counter.exact_.Insert(hash);
    previous = hash;
  }
  return counter;
}

}  // namespace steward::sketch
