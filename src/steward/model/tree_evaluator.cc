#include "steward/model/tree_evaluator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/model/model_check.h"

namespace steward::model {
namespace {

using nlohmann::json;

// XGBoost's common::OutOfRangeCat: from 2^24 on a float no longer holds every integer, so
// XGBoost treats such codes (and negative ones) as no category of the split.
constexpr float kOutOfRangeCategory = 16777216.0f;

Status Unsupported(const std::string& what) {
  return Status::FailedPrecondition("model.json: " + what +
                                    "; the native evaluator does not support it");
}

// A parameter XGBoost saves as decimal text ("5E-1"), read as XGBoost reads it: to float.
Result<float> FloatParameter(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found != object.end() && found->is_string()) {
    const std::string& text = found->get_ref<const std::string&>();
    float value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && std::isfinite(value))
      return value;
  }
  return Unsupported("learner_model_param." + std::string(key) + " that is not a finite number");
}

// One tree's arrays, as CheckModelJson has vetted them.
struct TreeArrays {
  const json& left;
  const json& right;
  const json& feature;
  const json& condition;
  const json& default_left;
  const json& split_type;
};

}  // namespace

Result<TreeEvaluator> TreeEvaluator::FromModelJson(std::string_view model_json,
                                                   const ModelSchema& schema) {
  // A node's info keeps its categorical split's index above the flags.
  static_assert(kMaxTreeNodes < (size_t{1} << (32 - kSetShift)));
  // Categorical splits hold NaN as their split value: ParseModelJson reads it as null.
  STEWARD_ASSIGN_OR_RETURN(const json document, ParseModelJson(model_json));
  STEWARD_RETURN_IF_ERROR(CheckModelDocument(document, schema));
  const json& learner = document.at("learner");
  const json& parameters = learner.at("learner_model_param");
  if (parameters.contains("num_target") && parameters["num_target"] != "1")
    return Unsupported("a model of several targets");

  TreeEvaluator evaluator;
  evaluator.features_ = schema.features.size();
  evaluator.groups_ = schema.task == Task::kMulticlass ? schema.classes.size() : 1;
  const json* objective = learner.contains("objective") ? &learner["objective"] : nullptr;
  const std::string name =
      objective && objective->contains("name") && (*objective)["name"].is_string()
          ? (*objective)["name"].get<std::string>()
          : "";
  static constexpr std::array<std::string_view, 4> kIdentity = {
      "reg:squarederror", "reg:squaredlogerror", "reg:pseudohubererror", "reg:absoluteerror"};
  static constexpr std::array<std::string_view, 3> kExp = {"count:poisson", "reg:gamma",
                                                           "reg:tweedie"};
  const auto listed = [&name](const auto& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  Task task = Task::kRegression;
  if (name == "binary:logistic") {
    evaluator.link_ = Link::kLogistic;
    task = Task::kBinary;
  } else if (name == "multi:softprob") {
    evaluator.link_ = Link::kSoftmax;
    task = Task::kMulticlass;
  } else if (listed(kExp)) {
    evaluator.link_ = Link::kExp;
  } else if (!listed(kIdentity)) {
    return Unsupported("objective '" + name + "'");
  }
  if (task != schema.task) {
    return Unsupported("objective '" + name + "' for a " + std::string(TaskName(schema.task)) +
                       " model");
  }

  // The base score is saved as the user gives it; the objective turns it into a margin
  // (ProbToMargin), in float as XGBoost does.
  STEWARD_ASSIGN_OR_RETURN(const float base_score, FloatParameter(parameters, "base_score"));
  switch (evaluator.link_) {
    case Link::kLogistic:
      if (!(base_score > 0 && base_score < 1))
        return Unsupported("base_score " + std::to_string(base_score) + " outside (0, 1)");
      evaluator.base_margin_ = -logf(1.0f / base_score - 1.0f);
      break;
    case Link::kExp:
      if (!(base_score > 0))
        return Unsupported("base_score " + std::to_string(base_score) + " is not positive");
      evaluator.base_margin_ = logf(base_score);
      break;
    case Link::kIdentity:
    case Link::kSoftmax:
      evaluator.base_margin_ = base_score;
      break;
  }

  const json& model = learner.at("gradient_booster").at("model");
  const json& trees = model.at("trees");
  const json& tree_info = model.at("tree_info");
  for (size_t index = 0; index < trees.size(); ++index) {
    const json& tree = trees[index];
    const TreeArrays arrays{tree.at("left_children"), tree.at("right_children"),
                            tree.at("split_indices"), tree.at("split_conditions"),
                            tree.at("default_left"),  tree.at("split_type")};
    const size_t count = arrays.left.size();
    // The categories sending a row right, per node with a categorical split.
    std::vector<int64_t> set_of_node(count, -1);
    if (tree.contains("categories_nodes")) {
      const json& nodes = tree["categories_nodes"];
      const json& segments = tree.at("categories_segments");
      const json& sizes = tree.at("categories_sizes");
      const json& categories = tree.at("categories");
      for (size_t k = 0; k < nodes.size(); ++k) {
        const size_t begin = segments[k].get<size_t>();
        const size_t size = sizes[k].get<size_t>();
        int64_t largest = -1;
        for (size_t c = begin; c < begin + size; ++c)
          largest = std::max(largest, categories[c].get<int64_t>());
        CategorySet set{static_cast<uint32_t>(evaluator.words_.size()),
                        static_cast<uint32_t>(largest / 32 + 1)};
        evaluator.words_.resize(evaluator.words_.size() + set.words, 0);
        for (size_t c = begin; c < begin + size; ++c) {
          const auto code = categories[c].get<uint32_t>();
          evaluator.words_[set.offset + code / 32] |= 1u << (code % 32);
        }
        set_of_node[nodes[k].get<size_t>()] = static_cast<int64_t>(evaluator.sets_.size());
        evaluator.sets_.push_back(set);
      }
    }
    // Breadth first, so that each node's children sit side by side: CheckModelJson has made
    // sure every node is reached exactly once.
    const auto base = static_cast<uint32_t>(evaluator.nodes_.size());
    evaluator.roots_.push_back(base);
    evaluator.group_.push_back(tree_info[index].get<uint32_t>());
    evaluator.nodes_.resize(base + count);
    std::vector<size_t> order = {0};  // source node of each placed node
    order.reserve(count);
    std::vector<uint32_t> depth(count, 0);  // of each placed node
    for (size_t at = 0; at < order.size(); ++at) {
      const size_t source = order[at];
      Node& node = evaluator.nodes_[base + at];
      const int64_t left = arrays.left[source].get<int64_t>();
      if (left == -1) {  // its own child, so that a walk may step past it (Step)
        node = {arrays.condition[source].get<float>(), base + static_cast<uint32_t>(at), 0, kLeaf};
        continue;
      }
      if (order.size() + 2 > count || (arrays.split_type[source] == 1 && set_of_node[source] < 0))
        return Status::Internal("tree " + std::to_string(index) + ": not the tree checked");
      depth[order.size()] = depth[order.size() + 1] = depth[at] + 1;
      node.left = base + static_cast<uint32_t>(order.size());
      node.feature = arrays.feature[source].get<uint32_t>();
      node.info = arrays.default_left[source].get<int64_t>() != 0 ? kDefaultLeft : 0;
      if (arrays.split_type[source].get<int64_t>() == 1) {
        node.value = 0;
        node.info |= kCategorical | static_cast<uint32_t>(set_of_node[source]) << kSetShift;
      } else {
        node.value = arrays.condition[source].get<float>();
      }
      order.push_back(static_cast<size_t>(left));
      order.push_back(arrays.right[source].get<size_t>());
    }
    if (order.size() != count)
      return Status::Internal("tree " + std::to_string(index) + ": not the tree checked");
    evaluator.depth_.push_back(*std::max_element(depth.begin(), depth.end()));
  }
  return evaluator;
}

uint32_t TreeEvaluator::Step(uint32_t at, const float* row) const {
  const Node& node = nodes_[at];
  const float x = row[node.feature];
  uint32_t right = 0;
  if (node.info & kCategorical) [[unlikely]] {
    if (std::isnan(x)) {
      right = !(node.info & kDefaultLeft);
    } else if (x >= 0 && x < kOutOfRangeCategory) {
      // XGBoost's common::Decision: the listed categories go right; the code is truncated.
      const auto code = static_cast<uint32_t>(x);
      const CategorySet& set = sets_[node.info >> kSetShift];
      right = code / 32 < set.words && (words_[set.offset + code / 32] >> (code % 32) & 1u);
    }
  } else {
    right = std::isnan(x) ? !(node.info & kDefaultLeft) : !(x < node.value);
  }
  // A leaf stays where it is.
  return node.left + (right & ~node.info & kLeaf);
}

void TreeEvaluator::PredictRow(const float* row, float* out) const {
  // Float sums in tree order, starting from the base margin: XGBoost's CPU predictor.
  std::fill(out, out + groups_, base_margin_);
  // kLanes trees walked together, each for the deepest one's steps: the walks are independent
  // chains of loads, which the core overlaps, and a leaf reached early is merely revisited.
  constexpr size_t kLanes = 8;
  const size_t trees = roots_.size();
  size_t tree = 0;
  for (; tree + kLanes <= trees; tree += kLanes) {
    std::array<uint32_t, kLanes> at{};
    uint32_t steps = 0;
    for (size_t lane = 0; lane < kLanes; ++lane) {
      at[lane] = roots_[tree + lane];
      steps = std::max(steps, depth_[tree + lane]);
    }
    for (uint32_t step = 0; step < steps; ++step) {
      for (size_t lane = 0; lane < kLanes; ++lane)
        at[lane] = Step(at[lane], row);
    }
    for (size_t lane = 0; lane < kLanes; ++lane)
      out[group_[tree + lane]] += nodes_[at[lane]].value;
  }
  for (; tree < trees; ++tree) {
    uint32_t at = roots_[tree];
    for (uint32_t step = 0; step < depth_[tree]; ++step)
      at = Step(at, row);
    out[group_[tree]] += nodes_[at].value;
  }
  switch (link_) {
    case Link::kIdentity:
      break;
    case Link::kLogistic:
      // XGBoost's common::Sigmoid, which bounds the exponent against overflow.
      out[0] = 1.0f / (expf(std::min(-out[0], 88.7f)) + 1.0f);
      break;
    case Link::kExp:
      out[0] = expf(out[0]);
      break;
    case Link::kSoftmax: {
      // XGBoost's common::Softmax: float exponentials, summed in double.
      float largest = out[0];
      for (size_t group = 1; group < groups_; ++group)
        largest = fmaxf(out[group], largest);
      double sum = 0;
      for (size_t group = 0; group < groups_; ++group) {
        out[group] = expf(out[group] - largest);
        sum += out[group];
      }
      for (size_t group = 0; group < groups_; ++group)
        out[group] /= static_cast<float>(sum);
      break;
    }
  }
}

void TreeEvaluator::PredictRows(const float* values, size_t rows, float* out) const {
  for (size_t row = 0; row < rows; ++row)
    PredictRow(values + row * features_, out + row * groups_);
}

Result<std::vector<float>> TreeEvaluator::Predict(const xgb::DenseMatrix& matrix) const {
  if (matrix.columns != features_ || matrix.values.size() != matrix.rows * matrix.columns) {
    return Status::InvalidArgument("the tree evaluator needs " + std::to_string(features_) +
                                   " columns, the matrix has " + std::to_string(matrix.columns));
  }
  std::vector<float> out(matrix.rows * groups_);
  PredictRows(matrix.values.data(), matrix.rows, out.data());
  return out;
}

}  // namespace steward::model
