#include "steward/registry/registry.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "steward/registry/internal/test_support.h"

namespace steward::registry {
namespace {

using steward::testing::TempDir;
using testing::MakeRegistry;
using testing::WriteSyntheticBundle;

int64_t AuditCount(Registry& registry) {
  Result<std::vector<AuditEntry>> entries = registry.Audit("");
  EXPECT_TRUE(entries.ok());
  return entries.ok() ? static_cast<int64_t>(entries->size()) : -1;
}

TEST(Registry, OpenWithoutInitNamesTheLocation) {
  TempDir dir;
  Result<std::unique_ptr<Registry>> registry = Registry::Open(dir.Path("none"), {"t", {}, ""});
  EXPECT_EQ(registry.status().code(), StatusCode::kNotFound);
  EXPECT_NE(registry.status().message().find(dir.Path("none")), std::string::npos);
}

TEST(Registry, PostgresLocationNeedsASharedArtifactDirectory) {
  ::unsetenv("STEWARD_ARTIFACTS");
  Result<std::unique_ptr<Registry>> registry =
      Registry::Init("postgresql://localhost/steward", {"t", {}, ""});
  EXPECT_EQ(registry.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(registry.status().message().find("--artifacts DIR"), std::string::npos);
}

TEST(Registry, UnreachablePostgresIsAnErrorWithoutThePassword) {
  TempDir dir;
  Result<std::unique_ptr<Registry>> registry = Registry::Init(
      "postgresql://alice:s3cretpw@127.0.0.1:1/steward?connect_timeout=2", {"t", {}, dir.path()});
  EXPECT_EQ(registry.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(registry.status().message().find("postgresql://alice:***@127.0.0.1:1/steward"),
            std::string::npos)
      << registry.status().message();
  EXPECT_EQ(registry.status().message().find("s3cretpw"), std::string::npos);
}

TEST(Registry, VersionsCountUpAndArtifactsAreStoredOnce) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  const std::string bundle = WriteSyntheticBundle(dir, "b", 0.9);
  Result<VersionRecord> first = registry->Register({bundle, "credit", "", "", "first"});
  ASSERT_TRUE(first.ok()) << first.status().message();
  Result<VersionRecord> second = registry->Register({bundle, "credit", "", "", ""});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(first->project, "default");
  EXPECT_EQ(first->parts.size(), 6u);  // 5 parts + manifest.json
  EXPECT_EQ(first->parts.at("model.json").sha256, second->parts.at("model.json").sha256);
  Result<std::vector<std::string>> stored = registry->artifacts().List();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size(), 6u);
  const auto lineage = nlohmann::json::parse(first->lineage);
  EXPECT_EQ(lineage["data"]["sha256"], std::string(64, 'a'));
  EXPECT_EQ(lineage["metrics"]["booster"]["auc"], 0.9);
  EXPECT_EQ(lineage["registered_by"], "tester");
  EXPECT_EQ(lineage["reason"], "first");
  EXPECT_TRUE(lineage["fairness"].is_null());
}

TEST(Registry, BadInputWritesNothing) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  const std::string bundle = WriteSyntheticBundle(dir, "b", 0.9);
  const int64_t entries = AuditCount(*registry);
  for (const char* name : {"../x", "a/b", "..", "x..y", ""}) {
    Result<VersionRecord> record = registry->Register({bundle, name, "", "", ""});
    EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_EQ(registry->Register({bundle, "credit", "../p", "", ""}).status().code(),
            StatusCode::kInvalidArgument);
  // A bundle whose part no longer matches its manifest.
  testing::WriteSyntheticBundle(dir, "tampered", 0.9);
  dir.Write("tampered/metrics.json", R"({"booster":{"auc":0.99}})");
  Result<VersionRecord> tampered = registry->Register({dir.Path("tampered"), "credit", "", "", ""});
  EXPECT_EQ(tampered.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(tampered.status().message().find("metrics.json"), std::string::npos);
  EXPECT_EQ(registry->Register({dir.Path("missing"), "credit", "", "", ""}).ok(), false);
  EXPECT_EQ(AuditCount(*registry), entries);
  Result<std::vector<ModelSummary>> models = registry->List();
  ASSERT_TRUE(models.ok());
  EXPECT_TRUE(models->empty());
  Result<std::vector<std::string>> stored = registry->artifacts().List();
  EXPECT_TRUE(stored->empty());
}

TEST(Registry, ShowResolvesVersionsAndAliasesAndNamesWhatIsMissing) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  const std::string bundle = WriteSyntheticBundle(dir, "b", 0.9);
  ASSERT_TRUE(registry->Register({bundle, "credit", "risk", "", ""}).ok());
  ASSERT_TRUE(registry->Register({bundle, "credit", "", "", ""}).ok());
  ASSERT_TRUE(registry->Promote(testing::Promotion("credit", 1, "production")).ok());
  EXPECT_EQ(registry->Show("credit")->version, 2);
  EXPECT_EQ(registry->Show("credit@1")->version, 1);
  EXPECT_EQ(registry->Show("credit@production")->version, 1);
  EXPECT_EQ(registry->Show("credit@production")->aliases, std::vector<std::string>{"production"});
  EXPECT_EQ(registry->Show("credit@9").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry->Show("credit@staging").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry->Show("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry->Show("credit@../x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry->Register({bundle, "credit", "other", "", ""}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(Registry, PromoteToMissingVersionWritesNothing) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  ASSERT_TRUE(registry->Register({WriteSyntheticBundle(dir, "b", 0.9), "credit", "", "", ""}).ok());
  const int64_t entries = AuditCount(*registry);
  EXPECT_EQ(registry->Promote(testing::Promotion("credit", 5, "production")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(registry->Promote(testing::Promotion("nope", 1, "production")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(registry->Rollback("credit", "production", "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditCount(*registry), entries);
}

TEST(Registry, RefusedPromotionListsEveryFailingGateAndIsAudited) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  ASSERT_TRUE(registry->Register({WriteSyntheticBundle(dir, "b", 0.7), "credit", "", "", ""}).ok());
  Result<policy::Policy> policy = policy::ParsePolicy(
      "format = 1\n[alias.production]\nmin_metrics = { auc = 0.8 }\n"
      "max_metrics = { logloss = 0.5 }\napprovals = { risk = 1 }\n",
      "policy.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  PromoteRequest request = testing::Promotion("credit", 1, "production");
  request.policy = &*policy;
  request.policy_sha256 = "abc";
  Result<PromoteOutcome> outcome = registry->Promote(request);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->decision, "refused");
  const std::vector<std::string> reasons = outcome->gates.FailureReasons();
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0], "min_metrics.auc: auc 0.7 not >= 0.8");
  EXPECT_EQ(reasons[1], "approvals.risk: 0 of 1 approval by role risk");
  EXPECT_EQ(registry->Show("credit@production").status().code(), StatusCode::kNotFound);
  Result<std::vector<AuditEntry>> entries = registry->Audit("");
  EXPECT_EQ(entries->back().action, "promote_refused");
  EXPECT_NE(entries->back().details.find("auc 0.7 not >= 0.8"), std::string::npos);

  // An approval by someone else fixes one gate; --force needs an admin key and a reason.
  auto reviewer = Registry::Open(dir.Path("reg"), {"rita", {}, ""});
  ASSERT_TRUE((*reviewer)->Approve("credit", 1, "risk", "").ok());
  request.force = true;
  EXPECT_EQ(registry->Promote(request).status().code(), StatusCode::kInvalidArgument);
  request.reason = "regulator deadline";
  EXPECT_EQ(registry->Promote(request).status().code(), StatusCode::kPermissionDenied);
  Result<CreatedKey> predict_key = registry->CreateKey(KeyScope::kPredict, "server");
  request.admin_key = predict_key->secret;
  EXPECT_EQ(registry->Promote(request).status().code(), StatusCode::kPermissionDenied);
  Result<CreatedKey> admin_key = registry->CreateKey(KeyScope::kAdmin, "");
  request.admin_key = admin_key->secret;
  Result<PromoteOutcome> forced = registry->Promote(request);
  ASSERT_TRUE(forced.ok()) << forced.status().message();
  EXPECT_EQ(forced->decision, "forced");
  EXPECT_EQ(forced->gates.FailureReasons().size(), 1u);
  EXPECT_EQ(registry->Show("credit@production")->version, 1);
  EXPECT_EQ(registry->Audit("")->back().action, "forced_promote");
}

TEST(Registry, ValidationReportIsEvidenceForItsGate) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  const std::string bundle = WriteSyntheticBundle(dir, "b", 0.9);
  const std::string passed =
      dir.Write("passed.json", R"({"format":"steward.validation/1","passed":true})");
  const std::string failed =
      dir.Write("failed.json", R"({"format":"steward.validation/1","passed":false})");
  const std::string other = dir.Write("other.json", R"({"passed":true})");
  EXPECT_EQ(registry->Register({bundle, "credit", "", other, ""}).status().code(),
            StatusCode::kInvalidArgument);
  Result<VersionRecord> good = registry->Register({bundle, "credit", "", passed, ""});
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_EQ(good->version, 1);
  EXPECT_EQ(good->parts.count("validation.json"), 1u);
  ASSERT_TRUE(registry->Register({bundle, "credit", "", failed, ""}).ok());
  Result<policy::Policy> policy = policy::ParsePolicy(
      "format = 1\n[alias.staging]\nrequire_validation_passed = true\n", "p.toml");
  PromoteRequest request = testing::Promotion("credit", 2, "staging");
  request.policy = &*policy;
  EXPECT_EQ(registry->Promote(request)->decision, "refused");
  request.version = 1;
  EXPECT_EQ(registry->Promote(request)->decision, "allowed");
  EXPECT_TRUE(registry->Verify()->ok());
}

TEST(Registry, ApprovalsRefuseSelfApprovalAndReplays) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"), "author");
  ASSERT_TRUE(registry->Register({WriteSyntheticBundle(dir, "b", 0.9), "credit", "", "", ""}).ok());
  EXPECT_EQ(registry->Approve("credit", 1, "risk", "").code(), StatusCode::kPermissionDenied);
  auto reviewer = std::move(Registry::Open(dir.Path("reg"), {"rita", {}, ""})).value();
  EXPECT_TRUE(reviewer->Approve("credit", 1, "risk", "looks fine").ok());
  EXPECT_EQ(reviewer->Approve("credit", 1, "risk", "").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(reviewer->Approve("credit", 2, "risk", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(reviewer->Approve("credit", 1, "../risk", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry->Show("credit@1")->approvals.size(), 1u);
}

TEST(Registry, RollbackWalksBackThroughPromotions) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  const std::string bundle = WriteSyntheticBundle(dir, "b", 0.9);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(registry->Register({bundle, "credit", "", "", ""}).ok());
  for (int64_t version : {1, 2, 3})
    ASSERT_TRUE(registry->Promote(testing::Promotion("credit", version, "production", "v")).ok());
  EXPECT_EQ(registry->Rollback("credit", "production", "bad AUC")->version, 2);
  EXPECT_EQ(registry->Show("credit@production")->version, 2);
  EXPECT_EQ(registry->Rollback("credit", "production", "")->version, 1);
  EXPECT_EQ(registry->Rollback("credit", "production", "").status().code(),
            StatusCode::kFailedPrecondition);
  Result<std::vector<AliasEvent>> history = registry->History("credit", "production");
  ASSERT_EQ(history->size(), 5u);
  EXPECT_EQ((*history)[3].action, "rollback");
  EXPECT_EQ((*history)[3].reason, "bad AUC");
  EXPECT_EQ((*history)[3].previous, 3);
  EXPECT_EQ((*history)[0].previous, std::nullopt);
}

TEST(Registry, KeyRevocationIsSeenAtOnceByAnotherProcessHandle) {
  TempDir dir;
  auto admin = MakeRegistry(dir.Path("reg"));
  auto server = std::move(Registry::Open(dir.Path("reg"), {"server", {}, ""})).value();
  Result<CreatedKey> key = admin->CreateKey(KeyScope::kPredict, "web");
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->secret.starts_with("stw_"));
  EXPECT_EQ(key->secret.size(), 68u);
  EXPECT_EQ(server->VerifyApiKey(key->secret).value(), KeyScope::kPredict);
  std::string wrong = key->secret;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(server->VerifyApiKey(wrong).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(server->VerifyApiKey("stw_short").status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(admin->RevokeKey(key->id).ok());
  EXPECT_EQ(server->VerifyApiKey(key->secret).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(admin->RevokeKey(key->id).code(), StatusCode::kFailedPrecondition);
  Result<std::vector<KeyRecord>> keys = admin->ListKeys();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_FALSE(keys->front().revoked_at.empty());
  // The secret is stored nowhere, only its salted hash.
  Result<std::vector<SqlRow>> rows = admin->database().Query("SELECT salt, hash FROM api_keys");
  EXPECT_EQ(AsText((*rows)[0][1]).find(key->secret.substr(4)), std::string::npos);
}

TEST(Registry, AuditSinceFiltersByTimeAndRefusesOtherText) {
  TempDir dir;
  int tick = 0;
  Result<std::unique_ptr<Registry>> registry = Registry::Init(
      dir.Path("reg"),
      {"t", [&] { return "2026-01-0" + std::to_string(++tick) + "T00:00:00.000Z"; }, ""});
  ASSERT_TRUE(registry.ok());
  ASSERT_TRUE((*registry)->CreateKey(KeyScope::kPredict, "").ok());
  ASSERT_TRUE((*registry)->CreateKey(KeyScope::kAdmin, "").ok());
  EXPECT_EQ((*registry)->Audit("")->size(), 3u);
  EXPECT_EQ((*registry)->Audit("2026-01-02")->size(), 2u);
  EXPECT_EQ((*registry)->Audit("2026-01-03T00:00")->size(), 1u);
  EXPECT_EQ((*registry)->Audit("yesterday").status().code(), StatusCode::kInvalidArgument);
}

TEST(Registry, GcRemovesOnlyUnreferencedArtifacts) {
  TempDir dir;
  auto registry = MakeRegistry(dir.Path("reg"));
  ASSERT_TRUE(registry->Register({WriteSyntheticBundle(dir, "b", 0.9), "credit", "", "", ""}).ok());
  Result<std::string> orphan = registry->artifacts().Put("left by a crashed registration");
  ASSERT_TRUE(orphan.ok());
  Result<GcReport> report = registry->CollectGarbage();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->removed, std::vector<std::string>{*orphan});
  EXPECT_EQ(registry->artifacts().List()->size(), 6u);
  EXPECT_TRUE(registry->Verify()->ok());
  EXPECT_TRUE(registry->CollectGarbage()->removed.empty());
}

}  // namespace
}  // namespace steward::registry
