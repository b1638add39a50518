#include "steward/server/request_decoder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "steward/server/float_text.h"

namespace steward::server {

namespace ondemand = simdjson::ondemand;
using ondemand::json_type;

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
constexpr std::string_view kMissingGroup = "<missing>";

// Thrown inside the walk, caught at its top: the walk is deep and every step can refuse.
struct Refused {
  ApiError error;
};

[[noreturn]] void Refuse(int status, std::string message) {
  throw Refused{ApiError{status, std::move(message)}};
}

std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text.substr(0, 200)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\')
      quoted += '?';
    else
      quoted += c;
  }
  return quoted + (text.size() > 200 ? "...\"" : "\"");
}

std::string_view TypeName(json_type type) {
  switch (type) {
    case json_type::array:
      return "an array";
    case json_type::object:
      return "an object";
    case json_type::number:
      return "a number";
    case json_type::string:
      return "a string";
    case json_type::boolean:
      return "a boolean";
    case json_type::null:
      return "null";
  }
  return "a value";
}

// simdjson's On-Demand front end accepts some invalid scalars, e.g. `0"a"` (a number ends at a
// quote), and the prediction log keeps each value's text as sent: so every scalar's text is
// checked against RFC 8259's grammar.
bool IsJsonNumber(std::string_view text) {
  const auto digits = [&](size_t& at) {
    const size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
      ++at;
    return at > start;
  };
  size_t at = 0;
  if (at < text.size() && text[at] == '-')
    ++at;
  if (at < text.size() && text[at] == '0')
    ++at;
  else if (!digits(at))
    return false;
  if (at < text.size() && text[at] == '.' && !digits(++at))
    return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-'))
      ++at;
    if (!digits(at))
      return false;
  }
  return at == text.size();
}

bool IsJsonString(std::string_view text) {
  if (text.size() < 2 || text.front() != '"')
    return false;
  for (size_t at = 1; at < text.size(); ++at) {
    if (text[at] == '\\')
      ++at;
    else if (text[at] == '"')
      return at + 1 == text.size();
  }
  return false;
}

// The value's text up to the next structural character, without trailing whitespace.
std::string_view TrimmedToken(ondemand::value& value) {
  std::string_view token = value.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                            token.back() == '\t'))
    token.remove_suffix(1);
  return token;
}

// The scalar's text, refused (400) unless it is exactly one JSON scalar of its type.
std::string_view CheckedScalar(ondemand::value& value, json_type type) {
  const std::string_view token = TrimmedToken(value);
  const bool valid = type == json_type::number    ? IsJsonNumber(token)
                     : type == json_type::string  ? IsJsonString(token)
                     : type == json_type::boolean ? token == "true" || token == "false"
                     : type == json_type::null    ? token == "null"
                                                  : true;
  if (!valid)
    Refuse(400, "malformed JSON: a value that is not one JSON scalar");
  return token;
}

// Reads every scalar of a value the model does not use, so that NaN, 1e999 or a bad escape
// anywhere in the body is refused, not skipped unseen.
void ValidateValue(ondemand::value value) {
  switch (value.type()) {
    case json_type::object: {
      std::unordered_set<std::string_view> keys;
      for (auto field : value.get_object()) {
        if (!keys.insert(field.unescaped_key()).second)
          Refuse(400, "duplicate key in a JSON object");
        ValidateValue(field.value());
      }
      return;
    }
    case json_type::array:
      for (auto element : value.get_array())
        ValidateValue(element.value());
      return;
    case json_type::number:
      CheckedScalar(value, json_type::number);
      (void)value.get_double();
      return;
    case json_type::string:
      CheckedScalar(value, json_type::string);
      (void)value.get_string();
      return;
    case json_type::boolean:
      CheckedScalar(value, json_type::boolean);
      (void)value.get_bool();
      return;
    case json_type::null:
      CheckedScalar(value, json_type::null);
      (void)value.is_null();
      return;
  }
}

ondemand::parser& ThreadParser() {
  thread_local ondemand::parser parser;
  return parser;
}

}  // namespace

bool JsonDepthWithin(std::string_view json, size_t max_depth) {
  // Nesting needs as many openers: a body with few cannot be too deep (a one-row request has
  // one), and counting is far cheaper than following strings.
  const auto openers = static_cast<size_t>(
      std::count_if(json.begin(), json.end(), [](char c) { return c == '{' || c == '['; }));
  if (openers <= max_depth)
    return true;
  size_t depth = 0;
  bool in_string = false;
  for (size_t index = 0; index < json.size(); ++index) {
    const char c = json[index];
    if (in_string) {
      if (c == '\\')
        ++index;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

RequestDecoder::RequestDecoder(const model::ModelSchema& schema, RequestLimits limits)
    : features_(schema.features), limits_(limits) {
  category_codes_.resize(features_.size());
  for (size_t index = 0; index < features_.size(); ++index) {
    feature_index_.emplace(features_[index].name, static_cast<int32_t>(index));
    const auto& categories = features_[index].categories;
    for (size_t code = 0; code < categories.size(); ++code)
      category_codes_[index].emplace(categories[code], static_cast<int32_t>(code));
  }
  if (schema.group_thresholds)
    group_columns_ = schema.group_thresholds->columns;
  for (size_t index = 0; index < features_.size(); ++index) {
    std::string key = (index == 0 ? "{" : ",") + nlohmann::json(features_[index].name).dump() + ":";
    keys_json_bytes_ += key.size();
    keys_json_.push_back(std::move(key));
  }
}

// One decoded value: the float the model sees, and for a categorical feature the label sent.
struct Cell {
  float value = kMissing;
  std::string_view label;
  std::string_view raw;  // the value's JSON text as sent: what the prediction log keeps
  bool null = false;
  bool categorical = false;
};

// One decode: the request's cells, then the rows assembled from them.
class RequestDecoder::Impl {
 public:
  Impl(const RequestDecoder& decoder, DecodedRows& out) : decoder_(decoder), out_(out) {}

  ondemand::document Parse(std::string& body) {
    if (!JsonDepthWithin(body, decoder_.limits_.max_json_depth)) {
      Refuse(400, "JSON nested deeper than " + std::to_string(decoder_.limits_.max_json_depth) +
                      " levels");
    }
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING)
      body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    return ThreadParser().iterate(
        simdjson::padded_string_view(body.data(), body.size(), body.capacity()));
  }

  // {"instances": [...]}, {"inputs": {...}} or one instance.
  void Predict(ondemand::document& document) {
    std::string_view form;
    // Raw key comparisons: nothing is unescaped into the parser's buffer, which the second pass
    // below reuses.
    for (auto field : document.get_object()) {
      const ondemand::raw_json_string key = field.key();
      if (key == "instances" && !IsFeature("instances"))
        form = "instances";
      else if (key == "inputs" && !IsFeature("inputs"))
        form = "inputs";
    }
    document.rewind();
    ondemand::object top = document.get_object();
    if (form.empty()) {
      StartRow();
      DecodeObjectRow(top, 0);
      return Finish();
    }
    bool found = false;
    for (auto field : top) {
      const std::string_view key = field.unescaped_key();
      if (key != form) {
        ValidateValue(field.value());
        continue;
      }
      if (found)
        Refuse(400, "duplicate key " + Quoted(key));
      found = true;
      if (form == "instances")
        DecodeInstances(field.value());
      else
        DecodeColumnObject(field.value());
    }
    Finish();
  }

  void Infer(ondemand::document& document, std::string& request_id) {
    ondemand::object top = document.get_object();
    bool found = false;
    for (auto field : top) {
      const std::string_view key = field.unescaped_key();
      if (key == "id") {
        request_id = std::string(field.value().get_string().value());
      } else if (key == "inputs") {
        if (found)
          Refuse(400, "duplicate key \"inputs\"");
        found = true;
        for (auto tensor : field.value().get_array())
          DecodeTensor(tensor.value());
      } else {
        ValidateValue(field.value());
      }
    }
    if (!found)
      Refuse(400, "the request has no \"inputs\"");
    AssembleColumns();
    Finish();
  }

 private:
  bool IsFeature(std::string_view key) const {
    return decoder_.feature_index_.find(key) != decoder_.feature_index_.end();
  }
  size_t width() const { return decoder_.features_.size(); }

  // --- one object per instance ---

  void DecodeInstances(ondemand::value instances) {
    if (instances.type() != json_type::array)
      Refuse(400, "\"instances\" must be an array of objects");
    size_t row = 0;
    for (auto element : instances.get_array()) {
      if (row == decoder_.limits_.max_batch_rows) {
        Refuse(413, "more than " + std::to_string(decoder_.limits_.max_batch_rows) +
                        " instances in one request");
      }
      ondemand::value value = element.value();
      if (value.type() != json_type::object)
        Refuse(400, "instance " + std::to_string(row) + " is not a JSON object");
      StartRow();
      ondemand::object object = value.get_object();
      DecodeObjectRow(object, row++);
    }
    if (row == 0)
      Refuse(400, "\"instances\" is empty");
  }

  void StartRow() {
    out_.values.resize(out_.values.size() + width(), kMissing);
    raw_.resize(raw_.size() + width());
    groups_.resize(groups_.size() + decoder_.group_columns_.size(), std::string(kMissingGroup));
    ++out_.rows;
  }

  void DecodeObjectRow(ondemand::object& object, size_t row) {
    seen_.assign(width(), 0);
    unknown_keys_.clear();
    size_t guess = 0;  // clients mostly send the features in schema order
    for (auto field : object) {
      const std::string_view key = field.unescaped_key();
      ondemand::value value = field.value();
      const int group = GroupColumn(key);
      int32_t index = -1;
      if (guess < width() && decoder_.features_[guess].name == key) {
        index = static_cast<int32_t>(guess);
      } else {
        const auto found = decoder_.feature_index_.find(key);
        if (found != decoder_.feature_index_.end())
          index = found->second;
      }
      if (index < 0) {
        if (!unknown_keys_.insert(key).second)
          Refuse(400, "instance " + std::to_string(row) + ": duplicate key " + Quoted(key));
        if (group >= 0)
          SetGroup(row, static_cast<size_t>(group), GroupLabel(value, static_cast<size_t>(group)));
        else
          ValidateValue(value);
        continue;
      }
      const auto feature = static_cast<size_t>(index);
      guess = feature + 1;
      if (seen_[feature])
        Refuse(400, "instance " + std::to_string(row) + ": duplicate key " + Quoted(key));
      seen_[feature] = 1;
      const Cell cell = DecodeCell(value, feature, row);
      Store(row, feature, cell);
      if (group >= 0)
        SetGroup(row, static_cast<size_t>(group), GroupLabel(cell, feature));
    }
    for (size_t feature = 0; feature < width(); ++feature) {
      if (!seen_[feature]) {
        Refuse(422, "instance " + std::to_string(row) + ": feature " +
                        Quoted(decoder_.features_[feature].name) +
                        " is missing (send null for a missing value)");
      }
    }
    for (size_t group = 0; group < decoder_.group_columns_.size(); ++group) {
      if (!group_seen(row, group)) {
        Refuse(422, "instance " + std::to_string(row) + ": column " +
                        Quoted(decoder_.group_columns_[group]) +
                        " is missing; the model decides with per-group thresholds on it");
      }
    }
  }

  int GroupColumn(std::string_view key) const {
    for (size_t index = 0; index < decoder_.group_columns_.size(); ++index) {
      if (decoder_.group_columns_[index] == key)
        return static_cast<int>(index);
    }
    return -1;
  }

  bool group_seen(size_t row, size_t group) const {
    return group_captured_.count(row * decoder_.group_columns_.size() + group) > 0;
  }

  void SetGroup(size_t row, size_t group, std::string label) {
    const size_t at = row * decoder_.group_columns_.size() + group;
    groups_[at] = std::move(label);
    group_captured_.insert(at);
  }

  // The group label of a value as the fairness module writes it: the text of the value.
  std::string GroupLabel(ondemand::value value, size_t group) {
    const json_type type = value.type();
    CheckedScalar(value, type);
    switch (type) {
      case json_type::string:
        return std::string(value.get_string().value());
      case json_type::number:
        return std::string(RawNumber(value));
      case json_type::boolean:
        return value.get_bool() ? "true" : "false";
      case json_type::null:
        (void)value.is_null();
        return std::string(kMissingGroup);
      default:
        Refuse(422, "column " + Quoted(decoder_.group_columns_[group]) + " must be a value, got " +
                        std::string(TypeName(value.type())));
    }
  }

  std::string GroupLabel(const Cell& cell, size_t feature) const {
    if (cell.null)
      return std::string(kMissingGroup);
    if (decoder_.features_[feature].categorical())
      return std::string(cell.label);
    std::string text;
    AppendFloat(text, cell.value);
    return text;
  }

  static std::string_view RawNumber(ondemand::value& value) {
    const std::string_view token = CheckedScalar(value, json_type::number);
    (void)value.get_double();  // validates it (no 1e999)
    return token;
  }

  // One value of feature `feature` (row `row` for messages). Unseen labels are counted.
  Cell DecodeCell(ondemand::value value, size_t feature, size_t row) {
    const model::ModelFeature& spec = decoder_.features_[feature];
    Cell cell;
    const json_type type = value.type();
    cell.raw = CheckedScalar(value, type);
    switch (type) {
      case json_type::null:
        (void)value.is_null();
        cell.null = true;
        return cell;
      case json_type::number:
        if (!spec.categorical()) {
          cell.value = static_cast<float>(value.get_double().value());
          return cell;
        }
        cell.label = RawNumber(value);
        break;
      case json_type::boolean: {
        const bool flag = value.get_bool();
        if (!spec.categorical()) {
          cell.value = flag ? 1.0f : 0.0f;
          return cell;
        }
        cell.label = flag ? "true" : "false";
        break;
      }
      case json_type::string:
        if (!spec.categorical()) {
          Refuse(422, "instance " + std::to_string(row) + ": feature " + Quoted(spec.name) +
                          " must be a number, got a string");
        }
        cell.label = value.get_string();
        break;
      default:
        Refuse(422, "instance " + std::to_string(row) + ": feature " + Quoted(spec.name) +
                        " must be " + (spec.categorical() ? "a category label" : "a number") +
                        ", got " + std::string(TypeName(type)));
    }
    const auto& codes = decoder_.category_codes_[feature];
    const auto found = codes.find(cell.label);
    if (found == codes.end())
      ++out_.unseen_categories;
    else
      cell.value = static_cast<float>(found->second);
    cell.categorical = true;
    return cell;
  }

  void Store(size_t row, size_t feature, const Cell& cell) {
    const size_t at = row * width() + feature;
    out_.values[at] = cell.value;
    raw_[at] = cell.raw;
  }

  // --- column form and tensors ---

  void DecodeColumnObject(ondemand::value inputs) {
    if (inputs.type() != json_type::object)
      Refuse(400, "\"inputs\" must be an object of arrays, one per feature");
    std::unordered_set<std::string_view> keys;
    for (auto field : inputs.get_object()) {
      const std::string_view key = field.unescaped_key();
      if (!keys.insert(key).second)
        Refuse(400, "duplicate key " + Quoted(key) + " in \"inputs\"");
      AddColumn(key, field.value());
    }
    AssembleColumns();
  }

  void DecodeTensor(ondemand::value tensor) {
    if (tensor.type() != json_type::object)
      Refuse(400, "each of \"inputs\" must be an object with name, shape, datatype and data");
    std::string name;
    bool has_data = false;
    for (auto field : tensor.get_object()) {
      const std::string_view key = field.unescaped_key();
      if (key == "name") {
        name = std::string(field.value().get_string().value());
      } else if (key == "data") {
        if (name.empty())
          Refuse(400, "an input's \"name\" must come before its \"data\"");
        has_data = true;
        AddColumn(name, field.value());
      } else {
        ValidateValue(field.value());
      }
    }
    if (!has_data)
      Refuse(400, "input " + Quoted(name) + " has no \"data\"");
  }

  void AddColumn(std::string_view name, ondemand::value data) {
    const auto found = decoder_.feature_index_.find(name);
    const int group = GroupColumn(name);
    if (found == decoder_.feature_index_.end() && group < 0) {
      ValidateValue(data);
      return;
    }
    if (data.type() != json_type::array)
      Refuse(400, "input " + Quoted(name) + " must be an array of values");
    if (!columns_by_name_.insert(std::string(name)).second)
      Refuse(400, "input " + Quoted(name) + " is given twice");
    Column column;
    column.name = std::string(name);
    column.feature = found == decoder_.feature_index_.end() ? -1 : found->second;
    column.group = group;
    for (auto element : data.get_array()) {
      const size_t row = column.size();
      if (row == decoder_.limits_.max_batch_rows) {
        Refuse(413, "more than " + std::to_string(decoder_.limits_.max_batch_rows) +
                        " rows in one request");
      }
      if (column.feature >= 0) {
        column.cells.push_back(
            DecodeCell(element.value(), static_cast<size_t>(column.feature), row));
        if (group >= 0)
          column.groups.push_back(
              GroupLabel(column.cells.back(), static_cast<size_t>(column.feature)));
      } else {
        column.groups.push_back(GroupLabel(element.value(), static_cast<size_t>(group)));
      }
    }
    columns_.push_back(std::move(column));
  }

  // Rows from the columns: every column the same length, every feature present.
  void AssembleColumns() {
    if (columns_.empty())
      Refuse(422, "no model feature in the request");
    const size_t rows = columns_.front().size();
    if (rows == 0)
      Refuse(400, "the request has no rows");
    for (const Column& column : columns_) {
      if (column.size() != rows) {
        Refuse(400, "input " + Quoted(column.name) + " has " + std::to_string(column.size()) +
                        " values, " + Quoted(columns_.front().name) + " has " +
                        std::to_string(rows));
      }
    }
    for (size_t row = 0; row < rows; ++row)
      StartRow();
    std::vector<uint8_t> present(width(), 0);
    std::vector<uint8_t> group_present(decoder_.group_columns_.size(), 0);
    for (Column& column : columns_) {
      for (size_t row = 0; row < rows; ++row) {
        if (column.feature >= 0)
          Store(row, static_cast<size_t>(column.feature), column.cells[row]);
        if (column.group >= 0)
          SetGroup(row, static_cast<size_t>(column.group), std::move(column.groups[row]));
      }
      if (column.feature >= 0)
        present[static_cast<size_t>(column.feature)] = 1;
      if (column.group >= 0)
        group_present[static_cast<size_t>(column.group)] = 1;
    }
    for (size_t feature = 0; feature < width(); ++feature) {
      if (!present[feature]) {
        Refuse(422, "feature " + Quoted(decoder_.features_[feature].name) +
                        " is missing from the inputs");
      }
    }
    for (size_t group = 0; group < group_present.size(); ++group) {
      if (!group_present[group]) {
        Refuse(422, "column " + Quoted(decoder_.group_columns_[group]) +
                        " is missing; the model decides with per-group thresholds on it");
      }
    }
  }

  // The per-row group keys and input JSON, once every cell is in.
  void Finish() {
    if (out_.rows == 0)
      Refuse(400, "the request has no rows");
    const size_t groups = decoder_.group_columns_.size();
    if (groups > 0) {
      out_.group_keys.resize(out_.rows);
      for (size_t row = 0; row < out_.rows; ++row) {
        std::string key;
        for (size_t group = 0; group < groups; ++group) {
          if (group > 0)
            key += '|';
          key += groups_[row * groups + group];
        }
        out_.group_keys[row] = std::move(key);
      }
    }
    out_.inputs_json.resize(out_.rows);
    for (size_t row = 0; row < out_.rows; ++row) {
      std::string& json = out_.inputs_json[row];
      json.reserve(decoder_.keys_json_bytes_ + 16 * width());
      for (size_t feature = 0; feature < width(); ++feature) {
        json += decoder_.keys_json_[feature];
        json += raw_[row * width() + feature];
      }
      json += '}';
    }
  }

  struct Column {
    std::string name;
    int32_t feature = -1;
    int group = -1;
    std::vector<Cell> cells;          // when a feature
    std::vector<std::string> groups;  // when a group column
    size_t size() const { return feature >= 0 ? cells.size() : groups.size(); }
  };

  const RequestDecoder& decoder_;
  DecodedRows& out_;
  std::vector<std::string_view> raw_;  // per cell: its JSON text, validated by simdjson
  std::vector<std::string> groups_;    // per row and group column
  std::unordered_set<size_t> group_captured_;
  std::vector<uint8_t> seen_;
  std::unordered_set<std::string_view> unknown_keys_;
  std::vector<Column> columns_;
  std::unordered_set<std::string> columns_by_name_;
};

namespace {

void RefuseTrailingContent(ondemand::document& document) {
  if (!document.current_location().error())
    Refuse(400, "malformed JSON: content after the top-level object");
}

template <typename Walk>
std::optional<ApiError> Guarded(DecodedRows& out, Walk&& walk) {
  out = DecodedRows();
  try {
    walk();
  } catch (const Refused& refused) {
    return refused.error;
  } catch (const simdjson::simdjson_error& error) {
    return ApiError{400, std::string("malformed JSON: ") + error.what()};
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> RequestDecoder::DecodePredict(std::string& body, DecodedRows& out) const {
  return Guarded(out, [&] {
    Impl walk(*this, out);
    ondemand::document document = walk.Parse(body);
    if (document.type() != json_type::object)
      Refuse(400, "the request body must be a JSON object");
    walk.Predict(document);
    RefuseTrailingContent(document);
  });
}

std::optional<ApiError> RequestDecoder::DecodeInfer(std::string& body, DecodedRows& out,
                                                    std::string& request_id) const {
  return Guarded(out, [&] {
    Impl walk(*this, out);
    ondemand::document document = walk.Parse(body);
    if (document.type() != json_type::object)
      Refuse(400, "the request body must be a JSON object");
    walk.Infer(document, request_id);
    RefuseTrailingContent(document);
  });
}

}  // namespace steward::server
