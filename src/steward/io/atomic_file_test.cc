#include "steward/io/atomic_file.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  size_t FilesInDirectory() const {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir_.path()),
                                             std::filesystem::directory_iterator()));
  }
  steward::testing::TempDir dir_;
};

TEST_F(AtomicFileTest, CommitReplacesTheTargetWhole) {
  const std::string path = dir_.Path("out.csv");
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "new contents").ok());
  Result<std::string> read = ReadFileToString(path);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "new contents");
  EXPECT_EQ(FilesInDirectory(), 1u);  // no temporary file left behind
}

TEST_F(AtomicFileTest, WithoutCommitTheTargetIsUntouchedAndTheTempFileRemoved) {
  const std::string path = dir_.Path("out.csv");
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  {
    Result<AtomicFileWriter> writer = AtomicFileWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->Append(std::string(3 << 20, 'x')).ok());  // past the flush size
  }
  EXPECT_EQ(*ReadFileToString(path), "old");
  EXPECT_EQ(FilesInDirectory(), 1u);
}

TEST_F(AtomicFileTest, NewFilesGetUmaskPermissions) {
  const std::string path = dir_.Path("perm.txt");
  ASSERT_TRUE(WriteFileAtomically(path, "x").ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(info.st_mode & 0777, 0666 & ~mask);
}

TEST_F(AtomicFileTest, MissingDirectoryIsAClearError) {
  Status status = WriteFileAtomically(dir_.Path("no/such/file"), "x");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot create a temporary file"), std::string::npos);
  Result<std::string> read = ReadFileToString(dir_.Path("absent"));
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace steward::io
