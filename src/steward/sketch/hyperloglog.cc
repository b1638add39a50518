#include "steward/sketch/hyperloglog.h"

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/sketch/internal/base64.h"
#include "steward/sketch/json_fields.h"

namespace steward::sketch {
namespace {

// sigma and tau from Ertl (2017), algorithm 6: the series that correct for registers still at
// zero and registers at the maximum rank. Both iterate until the sum stops changing.
double Sigma(double x) {
  if (x == 1.0)
    return std::numeric_limits<double>::infinity();
  double y = 1.0;
  double z = x;
  while (true) {
    x *= x;
    double previous = z;
    z += x * y;
    y += y;
    if (z == previous)
      return z;
  }
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0)
    return 0.0;
  double y = 1.0;
  double z = 1.0 - x;
  while (true) {
    x = std::sqrt(x);
    double previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
    if (z == previous)
      return z / 3.0;
  }
}

}  // namespace

HyperLogLog::HyperLogLog(uint8_t precision)
    : precision_(std::clamp(precision, kMinPrecision, kMaxPrecision)),
      registers_(size_t{1} << precision_, 0) {}

Status HyperLogLog::Merge(const HyperLogLog& other) {
  if (other.precision_ != precision_)
    return Status::InvalidArgument("cannot merge HyperLogLog sketches of precision " +
                                   std::to_string(precision_) + " and " +
                                   std::to_string(other.precision_));
  for (size_t i = 0; i < registers_.size(); ++i)
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  return Status::Ok();
}

double HyperLogLog::Estimate() const {
  const int q = 64 - precision_;
  std::array<uint32_t, 66> histogram{};
  for (uint8_t value : registers_)
    ++histogram[value];
  const double m = static_cast<double>(registers_.size());
  double z = m * Tau(1.0 - histogram[q + 1] / m);
  for (int k = q; k >= 1; --k)
    z = 0.5 * (z + histogram[k]);
  z += m * Sigma(histogram[0] / m);
  constexpr double kAlphaInfinity = 0.721347520444481703680;  // 1 / (2 ln 2)
  return kAlphaInfinity * m * m / z;
}

double HyperLogLog::RelativeStandardError(uint8_t precision) {
  return 1.04 / std::sqrt(static_cast<double>(uint64_t{1} << precision));
}

nlohmann::json HyperLogLog::ToJson() const {
  std::string_view bytes(reinterpret_cast<const char*>(registers_.data()), registers_.size());
  return {{"type", "hyperloglog"},
          {"precision", precision_},
          {"registers", internal::Base64Encode(bytes)}};
}

Result<HyperLogLog> HyperLogLog::FromJson(const nlohmann::json& json) {
  STEWARD_ASSIGN_OR_RETURN(auto fields, JsonFields::Open(json, "hyperloglog", "HyperLogLog"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t precision,
                           fields.Uint64("precision", kMinPrecision, kMaxPrecision));
  STEWARD_ASSIGN_OR_RETURN(std::string encoded, fields.String("registers"));
  HyperLogLog sketch(static_cast<uint8_t>(precision));
  // Check the length before decoding, so a huge string is not decoded for nothing.
  if (encoded.size() != (sketch.registers_.size() + 2) / 3 * 4)
    return fields.Error("registers", "must encode " + std::to_string(sketch.registers_.size()) +
                                         " bytes, got " + std::to_string(encoded.size()) +
                                         " base64 characters");
  std::optional<std::string> bytes = internal::Base64Decode(encoded);
  if (!bytes || bytes->size() != sketch.registers_.size())
    return fields.Error("registers", "is not valid base64");
  const uint8_t max_rank = static_cast<uint8_t>(64 - precision + 1);
  for (size_t i = 0; i < bytes->size(); ++i) {
    uint8_t value = static_cast<uint8_t>((*bytes)[i]);
    if (value > max_rank)
      return fields.Error("registers", "register " + std::to_string(i) + " is " +
                                           std::to_string(value) + ", above the maximum rank " +
                                           std::to_string(max_rank));
    sketch.registers_[i] = value;
  }
  return sketch;
}

}  // namespace steward::sketch
