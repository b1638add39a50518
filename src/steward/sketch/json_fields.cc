#include "steward/sketch/json_fields.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace steward::sketch {

nlohmann::json EncodeDouble(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  return value;
}

std::string Abbreviate(const nlohmann::json& value) {
  constexpr size_t kMaxChars = 40;
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxChars) {
    text.resize(kMaxChars);
    text += "...";
  }
  return text;
}

bool DecodeDouble(const nlohmann::json& value, double* out) {
  if (value.is_number()) {
    *out = value.get<double>();
    return true;
  }
  if (!value.is_string())
    return false;
  const std::string& text = value.get_ref<const std::string&>();
  if (text == "inf") {
    *out = std::numeric_limits<double>::infinity();
  } else if (text == "-inf") {
    *out = -std::numeric_limits<double>::infinity();
  } else if (text == "nan") {
    *out = std::numeric_limits<double>::quiet_NaN();
  } else {
    return false;
  }
  return true;
}

bool DecodeUint64(const nlohmann::json& value, uint64_t* out) {
  if (value.is_number_unsigned()) {
    *out = value.get<uint64_t>();
    return true;
  }
  if (value.is_number_integer() && value.get<int64_t>() >= 0) {
    *out = static_cast<uint64_t>(value.get<int64_t>());
    return true;
  }
  return false;
}

Result<JsonFields> JsonFields::Open(const nlohmann::json& json, std::string_view type_tag,
                                    std::string_view class_name) {
  std::string prefix = std::string(class_name) + " JSON: ";
  if (!json.is_object())
    return Status::InvalidArgument(prefix + "expected an object, got " + json.type_name());
  auto type = json.find("type");
  if (type == json.end() || !type->is_string() || type->get_ref<const std::string&>() != type_tag)
    return Status::InvalidArgument(prefix + "field 'type' must be \"" + std::string(type_tag) +
                                   "\"");
  return JsonFields(&json, std::string(class_name));
}

Status JsonFields::Error(std::string_view field, std::string_view what) const {
  return Status::InvalidArgument(class_name_ + " JSON: field '" + std::string(field) + "' " +
                                 std::string(what));
}

Result<const nlohmann::json*> JsonFields::Field(std::string_view name) const {
  auto it = json_->find(name);
  if (it == json_->end())
    return Error(name, "is missing");
  return &*it;
}

Result<uint64_t> JsonFields::Uint64(std::string_view name, uint64_t min, uint64_t max) const {
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(name));
  uint64_t value = 0;
  if (!DecodeUint64(*field, &value))
    return Error(name, "must be an unsigned integer, got " + Abbreviate(*field));
  if (value < min || value > max)
    return Error(name, "must be in [" + std::to_string(min) + ", " + std::to_string(max) +
                           "], got " + std::to_string(value));
  return value;
}

Result<double> JsonFields::Double(std::string_view name) const {
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(name));
  double value = 0;
  if (!DecodeDouble(*field, &value))
    return Error(name, "must be a number, \"inf\", \"-inf\" or \"nan\", got " + Abbreviate(*field));
  return value;
}

Result<bool> JsonFields::Bool(std::string_view name) const {
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(name));
  if (!field->is_boolean())
    return Error(name, std::string("must be a boolean, got ") + field->type_name());
  return field->get<bool>();
}

Result<std::string> JsonFields::String(std::string_view name) const {
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(name));
  if (!field->is_string())
    return Error(name, std::string("must be a string, got ") + field->type_name());
  return field->get<std::string>();
}

Result<const nlohmann::json*> JsonFields::Array(std::string_view name) const {
  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(name));
  if (!field->is_array())
    return Error(name, std::string("must be an array, got ") + field->type_name());
  return field;
}

Result<double> JsonFields::ElementDouble(const nlohmann::json& element, std::string_view name,
                                         size_t index) const {
  double value = 0;
  if (!DecodeDouble(element, &value) || std::isnan(value))
    return Error(name, "element " + std::to_string(index) +
                           " must be a number, \"inf\" or \"-inf\", got " + Abbreviate(element));
  return value;
}

}  // namespace steward::sketch
