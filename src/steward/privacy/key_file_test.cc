#include "steward/privacy/key_file.h"

#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "steward/privacy/pseudonymize.h"
#include "steward/testing/temp_dir.h"

namespace steward::privacy {
namespace {

TEST(KeyFile, CreatedWithMode0600AndLoadsBack) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/key";
  ASSERT_TRUE(CreateKeyFile(path).ok());
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  Result<PseudonymKey> key = LoadKeyFile(path);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_NE(*key, PseudonymKey{});
}

TEST(KeyFile, NeverOverwrites) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/key";
  ASSERT_TRUE(CreateKeyFile(path).ok());
  Result<PseudonymKey> before = LoadKeyFile(path);
  EXPECT_EQ(CreateKeyFile(path).code(), StatusCode::kAlreadyExists);
  Result<PseudonymKey> after = LoadKeyFile(path);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(*before, *after);
}

TEST(KeyFile, TwoKeysDiffer) {
  testing::TempDir dir;
  ASSERT_TRUE(CreateKeyFile(dir.path() + "/a").ok());
  ASSERT_TRUE(CreateKeyFile(dir.path() + "/b").ok());
  EXPECT_NE(*LoadKeyFile(dir.path() + "/a"), *LoadKeyFile(dir.path() + "/b"));
}

TEST(KeyFile, GroupOrWorldReadableKeyIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/key";
  ASSERT_TRUE(CreateKeyFile(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  Result<PseudonymKey> key = LoadKeyFile(path);
  EXPECT_EQ(key.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(key.status().message().find("0644"), std::string::npos) << key.status().message();
}

TEST(KeyFile, MissingAndMalformedKeys) {
  testing::TempDir dir;
  EXPECT_EQ(LoadKeyFile(dir.path() + "/none").status().code(), StatusCode::kNotFound);
  const std::string path = dir.path() + "/short";
  std::ofstream(path) << "abcd\n";
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_EQ(LoadKeyFile(path).status().code(), StatusCode::kInvalidArgument);
}

TEST(Pseudonym, StablePerKeyAndDifferentAcrossKeys) {
  PseudonymKey a{};
  PseudonymKey b{};
  b[0] = 1;
  EXPECT_EQ(Pseudonym(a, "customer-42"), Pseudonym(a, "customer-42"));
  EXPECT_NE(Pseudonym(a, "customer-42"), Pseudonym(a, "customer-43"));
  EXPECT_NE(Pseudonym(a, "customer-42"), Pseudonym(b, "customer-42"));
  EXPECT_EQ(Pseudonym(a, "x").size(), kPseudonymHexDigits);
}

}  // namespace
}  // namespace steward::privacy
