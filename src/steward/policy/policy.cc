#include "steward/policy/policy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

#include <toml++/toml.h>

#include "steward/io/atomic_file.h"
#include "steward/io/value_parsing.h"

namespace steward::policy {
namespace {

constexpr int64_t kFormatVersion = 1;
constexpr std::array<std::string_view, 3> kHigherBetter = {"auc", "accuracy", "r2"};
constexpr std::array<std::string_view, 4> kLowerBetter = {"logloss", "mlogloss", "rmse", "mae"};

// The registry's name rule ([A-Za-z0-9][A-Za-z0-9._-]{0,127}, no ".."), so every alias and
// role a policy names can exist in a registry.
bool IsValidName(std::string_view name) {
  auto alphanumeric = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || name.size() > 128 || !alphanumeric(name.front()) ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alphanumeric(c) || c == '.' || c == '_' || c == '-'; });
}

std::string Sanitize(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7F) ? ' ' : c;
  }
  return io::IsValidUtf8(out) ? out : io::QuoteForMessage(out);
}

class PolicyParser {
 public:
  explicit PolicyParser(std::string_view file) : file_(file) {}

  Result<Policy> Run(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& error) {
      return Error(error.source(), Sanitize(error.description()));
    }
    STEWARD_RETURN_IF_ERROR(CheckKeys(root, "the policy", {"format", "alias"}));
    const toml::node* format = root.get("format");
    if (format == nullptr) {
      toml::source_region start;
      start.begin = {1, 1};
      return Error(start, "missing 'format = 1' (the policy format version)");
    }
    const auto* version = format->as_integer();
    if (version == nullptr || version->get() != kFormatVersion)
      return Error(format->source(), "unsupported policy format; this steward reads format = 1");
    Policy policy;
    if (const toml::node* aliases = root.get("alias")) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* table, Table(*aliases, "alias"));
      for (auto&& [key, node] : *table) {
        const std::string name(key.str());
        if (!IsValidName(name)) {
          return Error(key.source(), "alias name " + io::QuoteForMessage(name) +
                                         " may hold only letters, digits, '.', '_' and '-'");
        }
        STEWARD_ASSIGN_OR_RETURN(policy.aliases[name], ReadAlias(node, "alias " + name));
      }
    }
    return policy;
  }

 private:
  Result<AliasGates> ReadAlias(const toml::node& node, const std::string& what) {
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, Table(node, what));
    STEWARD_RETURN_IF_ERROR(
        CheckKeys(*table, what,
                  {"min_metrics", "max_metrics", "fairness", "require_validation_passed",
                   "no_unpseudonymised_pii", "approvals"}));
    AliasGates gates;
    if (const toml::node* metrics = table->get("min_metrics")) {
      STEWARD_ASSIGN_OR_RETURN(gates.min_metrics,
                               ReadMetrics(*metrics, what + ": min_metrics", true));
    }
    if (const toml::node* metrics = table->get("max_metrics")) {
      STEWARD_ASSIGN_OR_RETURN(gates.max_metrics,
                               ReadMetrics(*metrics, what + ": max_metrics", false));
    }
    if (const toml::node* validation = table->get("require_validation_passed")) {
      STEWARD_ASSIGN_OR_RETURN(gates.require_validation_passed,
                               Boolean(*validation, what + ": require_validation_passed"));
    }
    if (const toml::node* pii = table->get("no_unpseudonymised_pii")) {
      STEWARD_ASSIGN_OR_RETURN(gates.no_unpseudonymised_pii,
                               Boolean(*pii, what + ": no_unpseudonymised_pii"));
    }
    if (const toml::node* approvals = table->get("approvals")) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* roles, Table(*approvals, what + ": approvals"));
      for (auto&& [role, count] : *roles) {
        const std::string name(role.str());
        if (!IsValidName(name)) {
          return Error(role.source(), "role " + io::QuoteForMessage(name) +
                                          " may hold only letters, digits, '.', '_' and '-'");
        }
        const auto* integer = count.as_integer();
        if (integer == nullptr || integer->get() < 1 || integer->get() > 100) {
          return Error(count.source(),
                       what + ": approvals." + name + " must be an integer from 1 to 100");
        }
        gates.approvals[name] = integer->get();
      }
    }
    if (const toml::node* fairness = table->get("fairness"))
      STEWARD_RETURN_IF_ERROR(ReadFairness(*fairness, what + ": fairness", gates));
    return gates;
  }

  Result<std::map<std::string, double>> ReadMetrics(const toml::node& node, const std::string& what,
                                                    bool minimum) {
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, Table(node, what));
    std::map<std::string, double> limits;
    for (auto&& [key, value] : *table) {
      const std::string name(key.str());
      if (minimum ? IsLowerBetterMetric(name) : IsHigherBetterMetric(name)) {
        return Error(key.source(), what + ": " + name + " is " + (minimum ? "lower" : "higher") +
                                       "-is-better; put it in " +
                                       (minimum ? "max_metrics" : "min_metrics"));
      }
      if (!IsHigherBetterMetric(name) && !IsLowerBetterMetric(name)) {
        return Error(key.source(), what + ": unknown metric " + io::QuoteForMessage(name) +
                                       " (known: auc, accuracy, r2, logloss, mlogloss, rmse, mae)");
      }
      STEWARD_ASSIGN_OR_RETURN(limits[name], Number(value, what + "." + name));
    }
    return limits;
  }

  Status ReadFairness(const toml::node& node, const std::string& what, AliasGates& gates) {
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, Table(node, what));
    STEWARD_RETURN_IF_ERROR(
        CheckKeys(*table, what, {"require_passed", "min_ratio", "max_difference", "attribute"}));
    if (const toml::node* passed = table->get("require_passed")) {
      STEWARD_ASSIGN_OR_RETURN(gates.require_fairness_passed,
                               Boolean(*passed, what + ": require_passed"));
    }
    STEWARD_ASSIGN_OR_RETURN(gates.fairness_all, ReadLimits(*table, what));
    if (const toml::node* attributes = table->get("attribute")) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* by_name,
                               Table(*attributes, what + ": attribute"));
      for (auto&& [key, value] : *by_name) {
        const std::string name(key.str());
        const std::string where = what + ": attribute " + io::QuoteForMessage(name);
        STEWARD_ASSIGN_OR_RETURN(const toml::table* limits, Table(value, where));
        STEWARD_RETURN_IF_ERROR(CheckKeys(*limits, where, {"min_ratio", "max_difference"}));
        STEWARD_ASSIGN_OR_RETURN(gates.fairness_attributes[name], ReadLimits(*limits, where));
      }
    }
    return Status::Ok();
  }

  Result<FairnessLimits> ReadLimits(const toml::table& table, const std::string& what) {
    FairnessLimits limits;
    if (const toml::node* ratio = table.get("min_ratio")) {
      STEWARD_ASSIGN_OR_RETURN(double value, Number(*ratio, what + ": min_ratio"));
      if (value < 0 || value > 1)
        return Error(ratio->source(), what + ": min_ratio must be between 0 and 1");
      limits.min_ratio = value;
    }
    if (const toml::node* difference = table.get("max_difference")) {
      STEWARD_ASSIGN_OR_RETURN(double value, Number(*difference, what + ": max_difference"));
      if (value < 0 || value > 1)
        return Error(difference->source(), what + ": max_difference must be between 0 and 1");
      limits.max_difference = value;
    }
    return limits;
  }

  Status Error(const toml::source_region& where, const std::string& what) const {
    return Status::InvalidArgument(file_ + ":" + std::to_string(where.begin.line) + ":" +
                                   std::to_string(where.begin.column) + ": " + what);
  }

  Status CheckKeys(const toml::table& table, const std::string& what,
                   std::initializer_list<std::string_view> known) const {
    for (auto&& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end())
        continue;
      std::string list;
      for (std::string_view name : known)
        list += (list.empty() ? "" : ", ") + std::string(name);
      return Error(key.source(), "unknown key " + io::QuoteForMessage(key.str()) + " in " + what +
                                     " (known: " + list + ")");
    }
    return Status::Ok();
  }

  Result<const toml::table*> Table(const toml::node& node, const std::string& what) const {
    if (const auto* table = node.as_table())
      return table;
    return Error(node.source(), what + " must be a table");
  }

  Result<bool> Boolean(const toml::node& node, const std::string& what) const {
    if (const auto* value = node.as_boolean())
      return value->get();
    return Error(node.source(), what + " must be true or false");
  }

  Result<double> Number(const toml::node& node, const std::string& what) const {
    if (const auto* integer = node.as_integer())
      return static_cast<double>(integer->get());
    if (const auto* floating = node.as_floating_point()) {
      if (std::isfinite(floating->get()))
        return floating->get();
    }
    return Error(node.source(), what + " must be a finite number");
  }

  std::string file_;
};

}  // namespace

const AliasGates* Policy::Find(std::string_view alias) const {
  auto found = aliases.find(std::string(alias));
  return found == aliases.end() ? nullptr : &found->second;
}

bool IsHigherBetterMetric(std::string_view name) {
  return std::find(kHigherBetter.begin(), kHigherBetter.end(), name) != kHigherBetter.end();
}

bool IsLowerBetterMetric(std::string_view name) {
  return std::find(kLowerBetter.begin(), kLowerBetter.end(), name) != kLowerBetter.end();
}

Result<Policy> ParsePolicy(std::string_view text, std::string_view file_name) {
  return PolicyParser(file_name).Run(text);
}

Result<Policy> ReadPolicyFile(const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
  return ParsePolicy(text, path);
}

}  // namespace steward::policy
