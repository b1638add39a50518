#include "steward/model/target_encoding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace steward::model {
namespace {

constexpr float kMissingLabel = std::numeric_limits<float>::quiet_NaN();

// Distinct values of a numeric column, ascending.
std::vector<double> DistinctNumbers(std::span<const double> values, size_t cap) {
  std::vector<double> distinct;
  for (double value : values) {
    if (std::isnan(value))
      continue;
    auto at = std::lower_bound(distinct.begin(), distinct.end(), value);
    if (at == distinct.end() || *at != value) {
      distinct.insert(at, value);
      if (distinct.size() > cap)
        break;
    }
  }
  return distinct;
}

bool AllIntegers(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double value) {
    return std::isfinite(value) && value == std::trunc(value);
  });
}

Status Refuse(const std::string& name, const std::string& what) {
  return Status::InvalidArgument("target column '" + name + "': " + what);
}

// Moves `positive` to index 1 of a binary class list.
Status ChoosePositive(std::vector<std::string>& classes, const std::string& positive,
                      const std::string& name) {
  if (positive.empty())
    return Status::Ok();
  auto found = std::find(classes.begin(), classes.end(), positive);
  if (found == classes.end()) {
    return Refuse(name, "--positive '" + positive + "' is not one of its values (" +
                            JoinNames(classes) + ")");
  }
  if (found == classes.begin())
    std::swap(classes[0], classes[1]);
  return Status::Ok();
}

Result<Task> DecideTask(std::optional<Task> requested, bool numeric, size_t distinct, bool integers,
                        const std::string& name, std::string& reason) {
  if (distinct < 2)
    return Refuse(name, "needs at least 2 distinct values, found " + std::to_string(distinct));
  if (requested) {
    reason = "as asked";
    if (*requested == Task::kBinary && distinct != 2) {
      return Refuse(name, "binary needs exactly 2 distinct values, found " +
                              (distinct > kMaxClasses ? "more than " + std::to_string(kMaxClasses)
                                                      : std::to_string(distinct)));
    }
    if (*requested == Task::kRegression && !numeric)
      return Refuse(name, "regression needs a numeric target");
    if (*requested == Task::kMulticlass && distinct > kMaxClasses)
      return Refuse(name, "more than " + std::to_string(kMaxClasses) + " classes");
    return *requested;
  }
  if (distinct == 2) {
    reason = "2 distinct values";
    return Task::kBinary;
  }
  if (!numeric) {
    if (distinct > kMaxClasses) {
      return Refuse(name, "more than " + std::to_string(kMaxClasses) +
                              " distinct labels: too many classes (is it an id or text?)");
    }
    reason = std::to_string(distinct) + " distinct labels";
    return Task::kMulticlass;
  }
  if (integers && distinct <= kMaxIntegerClasses) {
    reason = std::to_string(distinct) + " distinct integer values";
    return Task::kMulticlass;
  }
  reason = integers ? "integers with more than " + std::to_string(kMaxIntegerClasses) + " values"
                    : "numeric with fractional values";
  return Task::kRegression;
}

}  // namespace

Result<EncodedTarget> EncodeTarget(const Column& column, const std::string& name,
                                   std::optional<Task> requested, const std::string& positive) {
  EncodedTarget target;
  const size_t rows = column.size();
  target.labels.assign(rows, kMissingLabel);
  target.missing = column.MissingCount();
  switch (column.kind()) {
    case ColumnKind::kTimestamp:
      return Refuse(name, "a timestamp cannot be a target");
    case ColumnKind::kNumeric: {
      const std::span<const double> values = column.numeric();
      for (double value : values) {
        if (std::isinf(value))
          return Refuse(name, "holds an infinite value");
      }
      const std::vector<double> distinct = DistinctNumbers(values, kMaxClasses);
      STEWARD_ASSIGN_OR_RETURN(target.task, DecideTask(requested, true, distinct.size(),
                                                       AllIntegers(distinct), name, target.reason));
      if (target.task == Task::kRegression) {
        for (size_t row = 0; row < rows; ++row)
          target.labels[row] = static_cast<float>(values[row]);
        return target;
      }
      for (double value : distinct)
        target.classes.push_back(Column::Numeric({value}).ValueToString(0));
      if (target.task == Task::kBinary)
        STEWARD_RETURN_IF_ERROR(ChoosePositive(target.classes, positive, name));
      std::map<double, float> index_of;
      for (double value : distinct) {
        const std::string label = Column::Numeric({value}).ValueToString(0);
        index_of[value] =
            static_cast<float>(std::find(target.classes.begin(), target.classes.end(), label) -
                               target.classes.begin());
      }
      for (size_t row = 0; row < rows; ++row) {
        if (!std::isnan(values[row]))
          target.labels[row] = index_of[values[row]];
      }
      return target;
    }
    case ColumnKind::kCategorical:
    case ColumnKind::kText:
    case ColumnKind::kBoolean: {
      // Text labels of each row, gathered once; sorted distinct labels become the classes.
      std::map<std::string, float> index_of;
      for (size_t row = 0; row < rows; ++row) {
        if (!column.IsMissing(row)) {
          index_of.emplace(column.ValueToString(row), 0.0f);
          if (index_of.size() > kMaxClasses)
            break;
        }
      }
      STEWARD_ASSIGN_OR_RETURN(
          target.task, DecideTask(requested, false, index_of.size(), false, name, target.reason));
      for (const auto& [label, unused] : index_of)
        target.classes.push_back(label);
      if (target.task == Task::kBinary)
        STEWARD_RETURN_IF_ERROR(ChoosePositive(target.classes, positive, name));
      for (size_t index = 0; index < target.classes.size(); ++index)
        index_of[target.classes[index]] = static_cast<float>(index);
      for (size_t row = 0; row < rows; ++row) {
        if (!column.IsMissing(row))
          target.labels[row] = index_of[column.ValueToString(row)];
      }
      return target;
    }
  }
  return Status::Internal("unknown column kind");
}

}  // namespace steward::model

namespace steward::model {

Result<std::vector<float>> EncodeKnownTarget(const Column& column, const ModelSchema& schema,
                                             const std::string& source) {
  std::vector<float> labels(column.size(), kMissingLabel);
  if (schema.task == Task::kRegression) {
    if (column.kind() != ColumnKind::kNumeric) {
      return Status::InvalidArgument(source + ": target column '" + schema.target +
                                     "' must be numeric for regression");
    }
    for (size_t row = 0; row < column.size(); ++row) {
      if (!column.IsMissing(row))
        labels[row] = static_cast<float>(column.numeric()[row]);
    }
    return labels;
  }
  std::map<std::string, float> index_of;
  for (size_t index = 0; index < schema.classes.size(); ++index)
    index_of[schema.classes[index]] = static_cast<float>(index);
  // The class of one row's label, looked up by its text.
  auto lookup = [&](size_t row) -> Result<float> {
    const std::string label = column.ValueToString(row);
    auto found = index_of.find(label);
    if (found == index_of.end()) {
      return Status::InvalidArgument(source + ": row " + std::to_string(row + 1) +
                                     ", target column '" + schema.target + "': class '" + label +
                                     "' was not in the training data (" +
                                     JoinNames(schema.classes) + ")");
    }
    return found->second;
  };
  // A column holds few distinct labels: each is looked up once, by code or by number.
  if (column.kind() == ColumnKind::kCategorical) {
    const std::span<const int32_t> codes = column.codes();
    std::vector<float> index_of_code(column.categories().size(), -1);
    for (size_t row = 0; row < codes.size(); ++row) {
      if (codes[row] == kMissingCode)
        continue;
      float& index = index_of_code[static_cast<size_t>(codes[row])];
      if (index < 0) {
        STEWARD_ASSIGN_OR_RETURN(index, lookup(row));
      }
      labels[row] = index;
    }
  } else if (column.kind() == ColumnKind::kNumeric) {
    const std::span<const double> numbers = column.numeric();
    std::unordered_map<double, float> index_of_number;
    double last_number = std::nan("");
    float last_index = kMissingLabel;
    for (size_t row = 0; row < numbers.size(); ++row) {
      if (std::isnan(numbers[row]))
        continue;
      if (numbers[row] != last_number) {  // labels repeat: most rows skip the hash lookup
        auto [it, inserted] = index_of_number.try_emplace(numbers[row], 0.0f);
        if (inserted) {
          STEWARD_ASSIGN_OR_RETURN(it->second, lookup(row));
        }
        last_number = numbers[row];
        last_index = it->second;
      }
      labels[row] = last_index;
    }
  } else {
    for (size_t row = 0; row < column.size(); ++row) {
      if (!column.IsMissing(row)) {
        STEWARD_ASSIGN_OR_RETURN(labels[row], lookup(row));
      }
    }
  }
  return labels;
}

}  // namespace steward::model
