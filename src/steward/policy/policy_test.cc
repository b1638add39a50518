#include "steward/policy/policy.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "steward/io/atomic_file.h"

namespace steward::policy {
namespace {

std::string ErrorOf(std::string_view text) {
  Result<Policy> policy = ParsePolicy(text, "p.toml");
  EXPECT_FALSE(policy.ok()) << text;
  return policy.ok() ? "" : policy.status().message();
}

TEST(ParsePolicy, ReadsTheDocumentedExample) {
  Result<Policy> policy = ReadPolicyFile(std::string(STEWARD_SOURCE_DIR) + "/data/policy.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  const AliasGates* production = policy->Find("production");
  ASSERT_NE(production, nullptr);
  EXPECT_EQ(production->min_metrics.at("auc"), 0.8);
  EXPECT_EQ(production->max_metrics.at("logloss"), 0.5);
  EXPECT_TRUE(production->require_validation_passed);
  EXPECT_TRUE(production->no_unpseudonymised_pii);
  EXPECT_EQ(production->approvals.at("ml_lead"), 1);
  EXPECT_TRUE(production->require_fairness_passed);
  EXPECT_EQ(production->fairness_all.min_ratio, 0.8);
  EXPECT_EQ(production->fairness_all.max_difference, 0.1);
  EXPECT_EQ(production->fairness_attributes.at("Marital").min_ratio, 0.9);
  EXPECT_EQ(policy->Find("staging")->min_metrics.at("auc"), 0.75);
  EXPECT_EQ(policy->Find("canary"), nullptr);
}

TEST(ParsePolicy, UnknownKeyNamesLineColumnAndKnownKeys) {
  EXPECT_EQ(ErrorOf("format = 1\n[alias.production]\nmin_metric = { auc = 0.8 }\n"),
            "p.toml:3:1: unknown key \"min_metric\" in alias production (known: min_metrics, "
            "max_metrics, fairness, require_validation_passed, no_unpseudonymised_pii, approvals)");
  EXPECT_EQ(ErrorOf("format = 1\nowner = 'x'\n"),
            "p.toml:2:1: unknown key \"owner\" in the policy (known: format, alias)");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p.fairness.attribute.sex]\nmin_rate = 0.8\n"),
            "p.toml:3:1: unknown key \"min_rate\" in alias p: fairness: attribute \"sex\" (known: "
            "min_ratio, max_difference)");
}

TEST(ParsePolicy, BadValuesNameLineAndColumn) {
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\nmin_metrics = { auc = 'high' }\n"),
            "p.toml:3:23: alias p: min_metrics.auc must be a finite number");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\napprovals = { risk = 0 }\n"),
            "p.toml:3:22: alias p: approvals.risk must be an integer from 1 to 100");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p.fairness]\nmin_ratio = 1.5\n"),
            "p.toml:3:13: alias p: fairness: min_ratio must be between 0 and 1");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\nrequire_validation_passed = 'yes'\n"),
            "p.toml:3:29: alias p: require_validation_passed must be true or false");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\nmin_metrics = { auc = nan }\n"),
            "p.toml:3:23: alias p: min_metrics.auc must be a finite number");
}

TEST(ParsePolicy, MetricsMustBeKnownAndInTheirDirection) {
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\nmin_metrics = { logloss = 0.3 }\n"),
            "p.toml:3:17: alias p: min_metrics: logloss is lower-is-better; put it in "
            "max_metrics");
  EXPECT_EQ(ErrorOf("format = 1\n[alias.p]\nmax_metrics = { auc = 0.3 }\n"),
            "p.toml:3:17: alias p: max_metrics: auc is higher-is-better; put it in min_metrics");
  EXPECT_NE(
      ErrorOf("format = 1\n[alias.p]\nmin_metrics = { f1 = 0.3 }\n").find("unknown metric \"f1\""),
      std::string::npos);
}

TEST(ParsePolicy, FormatNamesAndSyntax) {
  EXPECT_EQ(ErrorOf("[alias.p]\n"), "p.toml:1:1: missing 'format = 1' (the policy format version)");
  EXPECT_EQ(ErrorOf("format = 2\n"),
            "p.toml:1:10: unsupported policy format; this steward reads format = 1");
  EXPECT_NE(ErrorOf("format = 1\n[alias.\"../prod\"]\n").find("p.toml:2:8: alias name \"../prod\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("format = 1\n[alias.p]\napprovals = { \"a/b\" = 1 }\n").find("role \"a/b\""),
            std::string::npos);
  const std::string syntax = ErrorOf("format = 1\n[alias.p\n");
  EXPECT_EQ(syntax.rfind("p.toml:2:", 0), 0u) << syntax;
  EXPECT_TRUE(ParsePolicy("format = 1\n", "p.toml").ok());
}

TEST(ParsePolicy, FuzzSeedCorpusParsesOrFailsWithALocation) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STEWARD_SOURCE_DIR) +
                                                               "/fuzz/corpus/policy")) {
    const std::string path = entry.path().string();
    Result<Policy> policy = ReadPolicyFile(path);
    if (!policy.ok()) {
      EXPECT_EQ(policy.status().message().rfind(path + ":", 0), 0u) << policy.status().message();
    }
    ++files;
  }
  EXPECT_GE(files, 8);
}

}  // namespace
}  // namespace steward::policy
