// Tampering with a registry behind its back: each change is reported, naming what changed.
#include <fstream>

#include <gtest/gtest.h>

#include "steward/registry/internal/test_support.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using steward::testing::TempDir;
using testing::HasProblem;
using testing::ProblemList;
using testing::Tamper;

// A registry with every kind of row: 3 versions, an alias moved twice, an approval, a key.
class RegistryVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = dir_.Path("reg");
    registry_ = testing::MakeRegistry(location_);
    const std::string bundle = testing::WriteSyntheticBundle(dir_, "b", 0.9);
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(registry_->Register({bundle, "credit", "", "", ""}).ok());
    ASSERT_TRUE(registry_->Promote(testing::Promotion("credit", 1, "production")).ok());
    ASSERT_TRUE(registry_->Promote(testing::Promotion("credit", 2, "production")).ok());
    auto reviewer = std::move(Registry::Open(location_, {"rita", {}, ""})).value();
    ASSERT_TRUE(reviewer->Approve("credit", 3, "risk", "").ok());
    ASSERT_TRUE(registry_->CreateKey(KeyScope::kPredict, "web").ok());
    // Entries: 1 init, 2-4 register, 5-6 promote, 7 approve, 8 key_create.
  }

  VerifyReport Verify() {
    Result<VerifyReport> report = registry_->Verify();
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : VerifyReport{};
  }

  TempDir dir_;
  std::string location_;
  std::unique_ptr<Registry> registry_;
};

TEST_F(RegistryVerify, UntouchedRegistryHasNoProblems) {
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << ProblemList(report);
  EXPECT_EQ(report.audit_entries, 8);
  EXPECT_EQ(report.versions, 3);
  EXPECT_EQ(report.artifacts_checked, 6);
}

TEST_F(RegistryVerify, ModifiedAuditRowIsNamed) {
  Tamper(location_, "UPDATE audit SET actor = 'mallory' WHERE seq = 5");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "audit entry 5 (promote credit@production) was modified"))
      << ProblemList(report);
  EXPECT_EQ(report.problems.size(), 1u) << ProblemList(report);
}

TEST_F(RegistryVerify, RechainedModifiedEntryBreaksTheNextLink) {
  // Changing an entry and recomputing its own hash still breaks entry 6's link to it.
  Result<std::vector<AuditEntry>> entries = registry_->Audit("");
  AuditEntry forged = (*entries)[4];
  forged.actor = "mallory";
  forged.hash = ChainHash((*entries)[3].hash, CanonicalAuditEntry(forged));
  Tamper(location_,
         "UPDATE audit SET actor = 'mallory', hash = '" + forged.hash + "' WHERE seq = 5");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "audit entry 6 (promote credit@production) was modified"))
      << ProblemList(report);
  EXPECT_FALSE(HasProblem(report, "audit entry 5 "));
}

TEST_F(RegistryVerify, DeletedEntryIsNamedBySequenceGap) {
  Tamper(location_, "DELETE FROM audit WHERE seq = 7");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "audit entry 7 deleted: the sequence jumps from 6 to 8"))
      << ProblemList(report);
  EXPECT_TRUE(HasProblem(report, "approval of credit@3 as risk by rita has no approve entry"));
}

TEST_F(RegistryVerify, TruncatedTailIsDetectedByTheRecordedHead) {
  Tamper(location_, "DELETE FROM audit WHERE seq = 8");
  VerifyReport report = Verify();
  EXPECT_TRUE(
      HasProblem(report, "audit entries 8-8 deleted: the log ends before its recorded head"))
      << ProblemList(report);
}

TEST_F(RegistryVerify, ReorderedEntriesAreDetected) {
  Tamper(location_,
         "UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4;"
         "UPDATE audit SET seq = 4 WHERE seq = -1;");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "audit entry 3 (register credit@3) was modified"))
      << ProblemList(report);
  EXPECT_TRUE(HasProblem(report, "audit entry 4 (register credit@2) was modified"));
}

TEST_F(RegistryVerify, ReplayedEntryIsDetected) {
  // The approve entry copied to the end of the log, as a replay would add it.
  Tamper(location_,
         "INSERT INTO audit(seq, at, actor, action, subject, details, hash) SELECT 9, at, actor, "
         "action, subject, details, hash FROM audit WHERE seq = 7");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "audit entry 9 (approve credit@3) was modified"))
      << ProblemList(report);
}

TEST_F(RegistryVerify, EditedVersionRowIsNamed) {
  Tamper(location_,
         "UPDATE versions SET lineage = replace(lineage, '\"auc\":0.9', '\"auc\":0.99') "
         "WHERE version = 2");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "version credit@2: its lineage row was modified"))
      << ProblemList(report);
  EXPECT_EQ(report.problems.size(), 1u) << ProblemList(report);
}

TEST_F(RegistryVerify, InsertedVersionAndSwappedPartAreNamed) {
  Tamper(location_,
         "INSERT INTO versions(model_id, version, lineage, lineage_sha256, created_at, "
         "created_by) SELECT model_id, 9, lineage, lineage_sha256, created_at, created_by "
         "FROM versions WHERE version = 1;"
         "UPDATE version_parts SET sha256 = (SELECT sha256 FROM version_parts WHERE part = "
         "'card.json' LIMIT 1) WHERE part = 'model.json' AND version_id = 1");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "version credit@9 has no register entry")) << ProblemList(report);
  EXPECT_TRUE(HasProblem(report, "version credit@1: its part rows differ"));
}

TEST_F(RegistryVerify, MovedAliasAndEditedKeyAreNamed) {
  Tamper(location_,
         "UPDATE aliases SET version_id = (SELECT id FROM versions WHERE version = 3);"
         "UPDATE api_keys SET scope = 'admin'");
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report,
                         "alias credit@production points at version 3 but the audit log moved "
                         "it to 2"))
      << ProblemList(report);
  EXPECT_TRUE(HasProblem(report, "its row was modified"));
}

TEST_F(RegistryVerify, FlippedArtifactByteNamesTheArtifactAndPart) {
  Result<VersionRecord> version = registry_->Show("credit@1");
  const std::string digest = version->parts.at("metrics.json").sha256;
  const std::string path = registry_->artifacts().PathOf(digest);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(3);
  file.put('#');
  file.close();
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "artifact " + digest + " was altered")) << ProblemList(report);
  EXPECT_TRUE(HasProblem(report, "metrics.json"));
}

TEST_F(RegistryVerify, DeletedArtifactIsNamed) {
  const std::string digest = registry_->Show("credit@1")->parts.at("model.json").sha256;
  std::filesystem::remove(registry_->artifacts().PathOf(digest));
  VerifyReport report = Verify();
  EXPECT_TRUE(HasProblem(report, "artifact " + digest + " is missing")) << ProblemList(report);
}

TEST_F(RegistryVerify, EveryByteOfEveryEntryIsCovered) {
  // Flipping any one character of any audit column is detected (RELIABILITY.md S6).
  Result<std::vector<AuditEntry>> entries = registry_->Audit("");
  int flips = 0;
  for (const AuditEntry& entry : *entries) {
    for (const char* column : {"at", "actor", "action", "subject", "details"}) {
      Tamper(location_, std::string("UPDATE audit SET ") + column + " = " + column +
                            " || 'x' WHERE seq = " + std::to_string(entry.seq));
      VerifyReport report = Verify();
      EXPECT_TRUE(HasProblem(report, "audit entry " + std::to_string(entry.seq) + " "))
          << column << " of " << entry.seq << ": " << ProblemList(report);
      Tamper(location_, std::string("UPDATE audit SET ") + column + " = substr(" + column +
                            ", 1, length(" + column +
                            ") - 1) WHERE seq = " + std::to_string(entry.seq));
      ++flips;
    }
  }
  EXPECT_EQ(flips, 40);
  EXPECT_TRUE(Verify().ok());
}

}  // namespace
}  // namespace steward::registry
