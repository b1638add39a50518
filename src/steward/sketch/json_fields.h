#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"

namespace steward::sketch {

// JSON has no infinity or NaN: finite doubles are numbers (nlohmann writes the shortest text that
// reads back to the same bits), the others the strings "inf", "-inf" and "nan".
nlohmann::json EncodeDouble(double value);

// Reads the typed fields of one sketch's JSON object. Every error is kInvalidArgument and names
// the sketch and the field: "KllSketch JSON: field 'count' must be an unsigned integer".
class JsonFields {
 public:
  // Fails unless `json` is an object whose "type" is `type_tag`.
  static Result<JsonFields> Open(const nlohmann::json& json, std::string_view type_tag,
                                 std::string_view class_name);

  // The field `name`, or an error if it is missing.
  Result<const nlohmann::json*> Field(std::string_view name) const;
  Result<uint64_t> Uint64(std::string_view name, uint64_t min = 0, uint64_t max = UINT64_MAX) const;
  Result<double> Double(std::string_view name) const;
  Result<bool> Bool(std::string_view name) const;
  Result<std::string> String(std::string_view name) const;
  Result<const nlohmann::json*> Array(std::string_view name) const;

  // Element `index` of array field `name` as a double (number, "inf", "-inf"; never NaN).
  Result<double> ElementDouble(const nlohmann::json& element, std::string_view name,
                               size_t index) const;

  Status Error(std::string_view field, std::string_view what) const;

 private:
  JsonFields(const nlohmann::json* json, std::string class_name)
      : json_(json), class_name_(std::move(class_name)) {}

  const nlohmann::json* json_;
  std::string class_name_;
};

// `value` as JSON text, cut to a length that fits an error message.
std::string Abbreviate(const nlohmann::json& value);

// Decodes a number or one of "inf", "-inf", "nan"; false for anything else.
bool DecodeDouble(const nlohmann::json& value, double* out);

// Reads an unsigned integer that fits 64 bits; false for anything else.
bool DecodeUint64(const nlohmann::json& value, uint64_t* out);

}  // namespace steward::sketch
