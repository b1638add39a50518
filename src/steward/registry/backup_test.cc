#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/model/ustar.h"
#include "steward/registry/internal/test_support.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using steward::testing::TempDir;

class RegistryBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = testing::MakeRegistry(dir_.Path("reg"));
    const std::string bundle = testing::WriteSyntheticBundle(dir_, "b", 0.9);
    ASSERT_TRUE(registry_->Register({bundle, "credit", "", "", ""}).ok());
    ASSERT_TRUE(registry_->Promote(testing::Promotion("credit", 1, "production")).ok());
    ASSERT_TRUE(registry_->Backup(dir_.Path("backup.tar")).ok());
  }
  TempDir dir_;
  std::unique_ptr<Registry> registry_;
};

TEST_F(RegistryBackup, RestoreRebuildsAVerifiedRegistry) {
  Result<VerifyReport> report =
      Registry::Restore(dir_.Path("backup.tar"), dir_.Path("restored"), {"ops", {}, ""});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->ok());
  auto restored = std::move(Registry::Open(dir_.Path("restored"), {"ops", {}, ""})).value();
  EXPECT_EQ(restored->Show("credit@production")->version, 1);
  EXPECT_EQ(restored->Show("credit@1")->lineage, registry_->Show("credit@1")->lineage);
  EXPECT_TRUE(restored->Verify()->ok());
  EXPECT_EQ(restored->Audit("")->back().action, "restore");
  EXPECT_EQ(registry_->Audit("")->back().action, "backup");
}

TEST_F(RegistryBackup, RestoreCreatesMissingParentsAndAcceptsATrailingSlash) {
  ASSERT_TRUE(
      Registry::Restore(dir_.Path("backup.tar"), dir_.Path("a/b/reg/"), {"ops", {}, ""}).ok());
  EXPECT_TRUE(Registry::Open(dir_.Path("a/b/reg"), {"ops", {}, ""}).ok());
  std::filesystem::create_directories(dir_.Path("empty"));
  EXPECT_TRUE(Registry::Restore(dir_.Path("backup.tar"), dir_.Path("empty"), {"ops", {}, ""}).ok());
}

TEST_F(RegistryBackup, RestoreRefusesANonEmptyTarget) {
  std::filesystem::create_directories(dir_.Path("busy"));
  dir_.Write("busy/keep.txt", "mine");
  Result<VerifyReport> report =
      Registry::Restore(dir_.Path("backup.tar"), dir_.Path("busy"), {"ops", {}, ""});
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*io::ReadFileToString(dir_.Path("busy/keep.txt")), "mine");
}

TEST_F(RegistryBackup, EverySampledByteFlipIsRefusedAndLeavesNoTarget) {
  const std::string archive = *io::ReadFileToString(dir_.Path("backup.tar"));
  // Every 997th byte across the archive: headers, manifest, database, artifacts, padding
  // is skipped only where a flip cannot change content (zero padding after an entry).
  int refused = 0;
  int tried = 0;
  for (size_t at = 0; at < archive.size(); at += 997) {
    std::string damaged = archive;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    dir_.Write("damaged.tar", damaged);
    const std::string target = dir_.Path("t" + std::to_string(at));
    Result<VerifyReport> report =
        Registry::Restore(dir_.Path("damaged.tar"), target, {"ops", {}, ""});
    ++tried;
    if (!report.ok()) {
      ++refused;
      EXPECT_FALSE(std::filesystem::exists(target)) << at;
    }
  }
  // Flips in zero padding between entries are harmless; everything else must be refused.
  EXPECT_GT(refused, tried / 2) << refused << " of " << tried;
  std::string damaged = archive;
  damaged[archive.find("\"format\"") + 3] ^= 0x01;  // inside manifest.json
  dir_.Write("damaged.tar", damaged);
  EXPECT_FALSE(Registry::Restore(dir_.Path("damaged.tar"), dir_.Path("m"), {"ops", {}, ""}).ok());
}

TEST_F(RegistryBackup, ArchiveEntriesOutsideTheLayoutAreRefused) {
  for (const std::string name : {"../evil", "artifacts/sha256/../../evil", "/etc/passwd",
                                 "artifacts/sha256/ABC", "registry.db/x"}) {
    std::string archive;
    model::AppendUstarEntry(archive, name, "x");
    model::AppendUstarEnd(archive);
    dir_.Write("evil.tar", archive);
    Result<VerifyReport> report =
        Registry::Restore(dir_.Path("evil.tar"), dir_.Path("target"), {"ops", {}, ""});
    EXPECT_EQ(report.status().code(), StatusCode::kDataLoss) << name;
    EXPECT_FALSE(std::filesystem::exists(dir_.Path("target")));
    EXPECT_FALSE(std::filesystem::exists(dir_.Path("evil")));
  }
}

TEST(RegistryConcurrency, TwoProcessesRegisteringAtOnceLoseAndDuplicateNothing) {
  TempDir dir;
  const std::string location = dir.Path("reg");
  testing::MakeRegistry(location);
  const std::string bundle = testing::WriteSyntheticBundle(dir, "b", 0.9);
  constexpr int kPerProcess = 10;
  std::vector<pid_t> children;
  for (int child = 0; child < 2; ++child) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto registry = Registry::Open(location, {"p" + std::to_string(child), {}, ""});
      int failures = registry.ok() ? 0 : 1;
      for (int i = 0; i < kPerProcess && registry.ok(); ++i) {
        Result<VersionRecord> record = (*registry)->Register({bundle, "credit", "", "", ""});
        failures += record.ok() ? 0 : 1;
        if (record.ok()) {
          Result<PromoteOutcome> promoted =
              (*registry)->Promote(testing::Promotion("credit", record->version, "production"));
          failures += promoted.ok() ? 0 : 1;
        }
      }
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto registry = std::move(Registry::Open(location, {"check", {}, ""})).value();
  Result<std::vector<SqlRow>> versions =
      registry->database().Query("SELECT version FROM versions ORDER BY version");
  ASSERT_EQ(versions->size(), 2u * kPerProcess);
  for (size_t i = 0; i < versions->size(); ++i)
    EXPECT_EQ(AsInteger((*versions)[i][0]), static_cast<int64_t>(i) + 1);
  EXPECT_EQ(registry->History("credit", "production")->size(), 2u * kPerProcess);
  Result<VerifyReport> report = registry->Verify();
  EXPECT_TRUE(report->ok()) << testing::ProblemList(*report);
}

}  // namespace
}  // namespace steward::registry
