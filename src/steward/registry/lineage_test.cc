#include "steward/registry/lineage.h"

#include <gtest/gtest.h>

#include "steward/registry/internal/test_support.h"

namespace steward::registry {
namespace {

using nlohmann::json;

LineageFacts Facts() {
  LineageFacts facts;
  facts.model = "credit";
  facts.project = "risk";
  facts.version = 4;
  facts.registered_at = "2026-01-01T00:00:00.000Z";
  facts.registered_by = "ana";
  facts.parts["profile.json"] = {std::string(64, 'b'), 10};
  return facts;
}

TEST(BuildLineage, TakesDataTrainingAndMetricsFromTheBundle) {
  Result<json> lineage = BuildLineage(testing::SyntheticParts(0.9), Facts(), "b");
  ASSERT_TRUE(lineage.ok()) << lineage.status().message();
  EXPECT_EQ((*lineage)["format"], "steward.lineage/1");
  EXPECT_EQ((*lineage)["data"]["rows"], 100);
  EXPECT_EQ((*lineage)["training"]["seed"], 7);
  EXPECT_EQ((*lineage)["training"]["profile_sha256"], std::string(64, 'b'));
  EXPECT_EQ((*lineage)["metrics"]["booster"]["auc"], 0.9);
  EXPECT_EQ((*lineage)["version"], 4);
  EXPECT_TRUE((*lineage)["fairness"].is_null());
  EXPECT_FALSE(lineage->contains("notes"));
}

TEST(BuildLineage, CarriesTheCardsPiiVerdictForTheGateButNotItsFindings) {
  model::BundleParts parts = testing::SyntheticParts(0.9);
  Result<json> lineage = BuildLineage(parts, Facts(), "b");
  ASSERT_TRUE(lineage.ok());
  EXPECT_TRUE((*lineage)["pii"].is_null());
  json card = json::parse(parts["card.json"]);
  card["pii_scan"] = {{"high_confidence_columns", {"card_number"}},
                      {"allowed_features_with_pii", {"card_number"}},
                      {"findings", json::array({{{"column", "card_number"}}})}};
  parts["card.json"] = card.dump();
  lineage = BuildLineage(parts, Facts(), "b");
  ASSERT_TRUE(lineage.ok());
  EXPECT_EQ((*lineage)["pii"], json({{"high_confidence_columns", {"card_number"}},
                                     {"allowed_features_with_pii", {"card_number"}}}));
}

TEST(BuildLineage, KeepsAFairnessAuditInTheKnownFormatAndNotesAnyOther) {
  model::BundleParts parts = testing::SyntheticParts(0.9);
  parts["fairness.json"] =
      R"({"format":"steward.fairness/1","passed":true,"attributes":[{"name":"sex","passed":true,)"
      R"("summary":{"dp_ratio":{"value":0.91,"low":null,"high":null}}}]})";
  Result<json> lineage = BuildLineage(parts, Facts(), "b");
  ASSERT_TRUE(lineage.ok());
  EXPECT_EQ((*lineage)["fairness"]["attributes"][0]["summary"]["dp_ratio"]["value"], 0.91);
  parts["fairness.json"] = R"({"format":"someone.else/2"})";
  lineage = BuildLineage(parts, Facts(), "b");
  ASSERT_TRUE(lineage.ok());
  EXPECT_TRUE((*lineage)["fairness"].is_null());
  EXPECT_EQ((*lineage)["notes"][0],
            "fairness.json is stored but not in the steward.fairness/1 format");
}

TEST(BuildLineage, RefusesACardThatIsNotJson) {
  model::BundleParts parts = testing::SyntheticParts(0.9);
  parts["card.json"] = "not json";
  Result<json> lineage = BuildLineage(parts, Facts(), "bundle-dir");
  EXPECT_EQ(lineage.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(lineage.status().message(), "bundle-dir/card.json: not a JSON object");
}

}  // namespace
}  // namespace steward::registry
