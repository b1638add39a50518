#include "steward/model/model_check.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace steward::model {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 32;                // JSON nesting (RELIABILITY.md: nlohmann recursion)
constexpr int64_t kRootParent = 2147483647;  // XGBoost's "no parent"

Status Bad(const std::string& what) {
  return Status::DataLoss("model.json: " + what + "; refusing to load the model");
}

// XGBoost writes NaN and Infinity as bare words, which JSON lacks: they become null (outside
// strings), and the checks below say where null is allowed. The same pass measures nesting,
// so that the parser never sees input deeper than kMaxDepth (nlohmann recurses when copying).
// Returns false when too deep.
bool PrepareForParser(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  size_t copied = 0;  // text before this is in `out`
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case '"':  // skip the string, escapes included
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\')
            ++i;
        }
        break;
      case '[':
      case '{':
        if (++depth > kMaxDepth)
          return false;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case 'N':
      case 'I':
      case '-': {
        const size_t length = text.compare(i, 3, "NaN") == 0         ? 3
                              : text.compare(i, 8, "Infinity") == 0  ? 8
                              : text.compare(i, 9, "-Infinity") == 0 ? 9
                                                                     : 0;
        if (length > 0) {
          out.append(text.substr(copied, i - copied));
          out.append("null");
          i += length - 1;
          copied = i + 1;
        }
        break;
      }
      default:
        break;
    }
  }
  out.append(text.substr(std::min(copied, text.size())));
  return true;
}

const json* Member(const json& object, const char* key) {
  if (!object.is_object())
    return nullptr;
  auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

// XGBoost stores model parameters as decimal strings.
Result<int64_t> IntegerParameter(const json& object, const char* key, const std::string& where) {
  const json* value = Member(object, key);
  int64_t number = -1;
  if (value && value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size() && number >= 0)
      return number;
  }
  return Bad(where + "." + key + " is not a whole number");
}

Result<const json*> Path(const json& document, std::initializer_list<const char*> keys) {
  const json* at = &document;
  std::string where = "the document";
  for (const char* key : keys) {
    at = Member(*at, key);
    if (!at)
      return Bad(where + " has no '" + key + "'");
    where = key;
  }
  return at;
}

// An array of `size` numbers (integers when `integers`); null entries allowed when `nulls`.
Result<const json*> NumberArray(const json& tree, const char* key, size_t size, bool integers,
                                bool nulls, const std::string& where) {
  const json* array = Member(tree, key);
  if (!array || !array->is_array() || array->size() != size)
    return Bad(where + ": '" + key + "' is not an array of " + std::to_string(size) + " numbers");
  for (const json& entry : *array) {
    const bool ok =
        integers ? entry.is_number_integer() : (entry.is_number() || (nulls && entry.is_null()));
    if (!ok)
      return Bad(where + ": '" + key + "' holds " + entry.dump());
  }
  return array;
}

Status CheckTree(const json& tree, size_t index, const ModelSchema& schema, size_t& total_nodes) {
  const std::string where = "tree " + std::to_string(index);
  const json* parameters = Member(tree, "tree_param");
  if (!parameters)
    return Bad(where + " has no tree_param");
  STEWARD_ASSIGN_OR_RETURN(int64_t nodes, IntegerParameter(*parameters, "num_nodes", where));
  STEWARD_ASSIGN_OR_RETURN(int64_t features, IntegerParameter(*parameters, "num_feature", where));
  STEWARD_ASSIGN_OR_RETURN(int64_t leaf_vector,
                           IntegerParameter(*parameters, "size_leaf_vector", where));
  if (nodes < 1 || static_cast<size_t>(nodes) > kMaxTreeNodes - total_nodes)
    return Bad(where + " has " + std::to_string(nodes) + " nodes");
  total_nodes += static_cast<size_t>(nodes);
  if (static_cast<size_t>(features) != schema.features.size() || leaf_vector != 0)
    return Bad(where + ": tree_param does not match the model");
  const size_t n = static_cast<size_t>(nodes);
  STEWARD_ASSIGN_OR_RETURN(const json* left,
                           NumberArray(tree, "left_children", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* right,
                           NumberArray(tree, "right_children", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* parents,
                           NumberArray(tree, "parents", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* split_index,
                           NumberArray(tree, "split_indices", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* split_type,
                           NumberArray(tree, "split_type", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* default_left,
                           NumberArray(tree, "default_left", n, true, false, where));
  STEWARD_ASSIGN_OR_RETURN(const json* conditions,
                           NumberArray(tree, "split_conditions", n, false, true, where));
  STEWARD_RETURN_IF_ERROR(NumberArray(tree, "base_weights", n, false, true, where).status());

  // Categorical splits: categories_nodes[k] splits on categories[segments[k], + sizes[k]).
  const json* category_nodes = Member(tree, "categories_nodes");
  const json* segments = Member(tree, "categories_segments");
  const json* sizes = Member(tree, "categories_sizes");
  const json* categories = Member(tree, "categories");
  std::vector<int64_t> category_entry(n, -1);
  if (category_nodes || segments || sizes || categories) {
    if (!category_nodes || !category_nodes->is_array())
      return Bad(where + ": categories_nodes is not an array");
    const size_t count = category_nodes->size();
    STEWARD_RETURN_IF_ERROR(
        NumberArray(tree, "categories_nodes", count, true, false, where).status());
    STEWARD_RETURN_IF_ERROR(
        NumberArray(tree, "categories_segments", count, true, false, where).status());
    STEWARD_RETURN_IF_ERROR(
        NumberArray(tree, "categories_sizes", count, true, false, where).status());
    if (!categories || !categories->is_array())
      return Bad(where + ": categories is not an array");
    STEWARD_RETURN_IF_ERROR(
        NumberArray(tree, "categories", categories->size(), true, false, where).status());
    for (size_t k = 0; k < count; ++k) {
      const int64_t node = (*category_nodes)[k].get<int64_t>();
      const int64_t begin = (*segments)[k].get<int64_t>();
      const int64_t size = (*sizes)[k].get<int64_t>();
      if (node < 0 || static_cast<size_t>(node) >= n || category_entry[node] >= 0 || begin < 0 ||
          size < 0 ||
          static_cast<uint64_t>(begin) + static_cast<uint64_t>(size) > categories->size())
        return Bad(where + ": categorical split " + std::to_string(k) + " is out of range");
      category_entry[static_cast<size_t>(node)] = static_cast<int64_t>(k);
    }
  }

  std::vector<uint8_t> has_parent(n, 0);
  for (size_t node = 0; node < n; ++node) {
    const std::string at = where + ", node " + std::to_string(node);
    const int64_t l = (*left)[node].get<int64_t>();
    const int64_t r = (*right)[node].get<int64_t>();
    const int64_t parent = (*parents)[node].get<int64_t>();
    const int64_t default_direction = (*default_left)[node].get<int64_t>();
    if (node == 0 ? parent != kRootParent && parent != -1
                  : parent < 0 || static_cast<size_t>(parent) >= node)
      return Bad(at + ": parent " + std::to_string(parent) + " is not an earlier node");
    if (default_direction != 0 && default_direction != 1)
      return Bad(at + ": default_left must be 0 or 1");
    const json& condition = (*conditions)[node];
    if (l == -1 && r == -1) {  // a leaf: its value is in split_conditions
      if (!condition.is_number() || !std::isfinite(condition.get<double>()))
        return Bad(at + ": the leaf value is not a finite number");
      continue;
    }
    // Children after their parent rule out cycles; one parent each rules out sharing.
    for (int64_t child : {l, r}) {
      if (child <= static_cast<int64_t>(node) || static_cast<size_t>(child) >= n ||
          has_parent[static_cast<size_t>(child)] ||
          (*parents)[static_cast<size_t>(child)].get<int64_t>() != static_cast<int64_t>(node))
        return Bad(at + ": child " + std::to_string(child) + " is not a node of its own");
      has_parent[static_cast<size_t>(child)] = 1;
    }
    const int64_t feature = (*split_index)[node].get<int64_t>();
    if (feature < 0 || static_cast<size_t>(feature) >= schema.features.size())
      return Bad(at + ": splits on feature " + std::to_string(feature) + ", which the model lacks");
    const ModelFeature& used = schema.features[static_cast<size_t>(feature)];
    const int64_t type = (*split_type)[node].get<int64_t>();
    if (type == 0) {
      if (!condition.is_number() || !std::isfinite(condition.get<double>()))
        return Bad(at + ": the split value is not a finite number");
    } else if (type == 1) {
      if (!used.categorical() || category_entry[node] < 0)
        return Bad(at + ": a categorical split on '" + used.name + "' without its categories");
      const size_t k = static_cast<size_t>(category_entry[node]);
      const int64_t begin = (*segments)[k].get<int64_t>();
      const int64_t size = (*sizes)[k].get<int64_t>();
      for (int64_t c = begin; c < begin + size; ++c) {
        const int64_t code = (*categories)[static_cast<size_t>(c)].get<int64_t>();
        if (code < 0 || static_cast<size_t>(code) >= used.categories.size())
          return Bad(at + ": category code " + std::to_string(code) + " of '" + used.name +
                     "' is not one of its " + std::to_string(used.categories.size()));
      }
    } else {
      return Bad(at + ": unknown split_type " + std::to_string(type));
    }
  }
  for (size_t node = 1; node < n; ++node) {
    if (!has_parent[node])
      return Bad(where + ", node " + std::to_string(node) + " is not reachable from the root");
  }
  return Status::Ok();
}

}  // namespace

Result<nlohmann::json> ParseModelJson(std::string_view model_json) {
  std::string prepared;
  if (!PrepareForParser(model_json, prepared))
    return Bad("nested deeper than " + std::to_string(kMaxDepth) + " levels");
  json document = json::parse(prepared, nullptr, false);
  if (document.is_discarded())
    return Bad("not valid JSON");
  return document;
}

Status CheckModelJson(std::string_view model_json, const ModelSchema& schema) {
  STEWARD_ASSIGN_OR_RETURN(const json document, ParseModelJson(model_json));
  return CheckModelDocument(document, schema);
}

Status CheckModelDocument(const nlohmann::json& document, const ModelSchema& schema) {
  STEWARD_ASSIGN_OR_RETURN(const json* learner_parameters,
                           Path(document, {"learner", "learner_model_param"}));
  STEWARD_ASSIGN_OR_RETURN(int64_t features,
                           IntegerParameter(*learner_parameters, "num_feature", "learner"));
  STEWARD_ASSIGN_OR_RETURN(int64_t classes,
                           IntegerParameter(*learner_parameters, "num_class", "learner"));
  if (static_cast<size_t>(features) != schema.features.size()) {
    return Bad("the model has " + std::to_string(features) + " features, schema.json " +
               std::to_string(schema.features.size()));
  }
  const size_t expected_classes = schema.task == Task::kMulticlass ? schema.classes.size() : 0;
  if (static_cast<size_t>(classes) != expected_classes)
    return Bad("the model has " + std::to_string(classes) + " classes, schema.json disagrees");
  STEWARD_ASSIGN_OR_RETURN(const json* booster, Path(document, {"learner", "gradient_booster"}));
  const json* name = Member(*booster, "name");
  if (!name || *name != "gbtree")
    return Bad("only gbtree models are accepted");
  STEWARD_ASSIGN_OR_RETURN(const json* model, Path(*booster, {"model"}));
  STEWARD_ASSIGN_OR_RETURN(const json* trees, Path(*model, {"trees"}));
  STEWARD_ASSIGN_OR_RETURN(const json* tree_info, Path(*model, {"tree_info"}));
  STEWARD_ASSIGN_OR_RETURN(const json* model_parameters, Path(*model, {"gbtree_model_param"}));
  STEWARD_ASSIGN_OR_RETURN(int64_t tree_count,
                           IntegerParameter(*model_parameters, "num_trees", "gbtree_model_param"));
  if (!trees->is_array() || !tree_info->is_array() || trees->size() > kMaxTrees ||
      trees->size() != static_cast<size_t>(tree_count) || tree_info->size() != trees->size())
    return Bad("the tree count, trees and tree_info disagree");
  const int64_t groups = std::max<int64_t>(1, classes);
  for (const json& group : *tree_info) {
    if (!group.is_number_integer() || group.get<int64_t>() < 0 || group.get<int64_t>() >= groups)
      return Bad("tree_info holds a class that does not exist");
  }
  size_t total_nodes = 0;
  for (size_t index = 0; index < trees->size(); ++index)
    STEWARD_RETURN_IF_ERROR(CheckTree((*trees)[index], index, schema, total_nodes));
  return Status::Ok();
}

}  // namespace steward::model
