// libFuzzer target for the JSON Lines reader. Beyond "no crash", it checks that:
// - a failure is a one-line, valid UTF-8 message;
// - a successful read has num_rows values in every column, categorical codes inside their
//   categories, valid UTF-8 without NUL in every string, and accounts for every line as a
//   row, a bad record or a blank line;
// - reading in batches of 3 gives exactly what one batch gives (stable category codes).
// Crashes it found are regression tests in src/steward/io/jsonl_reader_test.cc.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>

#include "steward/io/jsonl_reader.h"

#include "table_checks.h"

namespace {

using steward::Column;
using steward::ColumnKind;
using steward::Table;
using steward::fuzz::Check;
using steward::fuzz::CheckString;
using steward::fuzz::CheckTable;
using steward::fuzz::Render;
using steward::io::BadRowPolicy;
using steward::io::CsvOptions;
using steward::io::JsonLinesReader;
using steward::io::ReadResult;

// One scratch file per process, in memory where /dev/shm exists.
const std::string& ScratchPath() {
  static const std::string path = [] {
    std::error_code error;
    const std::string dir = std::filesystem::is_directory("/dev/shm", error)
                                ? std::string("/dev/shm")
                                : std::filesystem::temp_directory_path(error).string();
    return dir + "/steward_jsonl_fuzz_" + std::to_string(::getpid()) + ".jsonl";
  }();
  return path;
}

// Lines as the reader counts them: a last line without a line break counts too.
uint64_t CountLines(std::string_view bytes) {
  uint64_t lines = 0;
  for (char c : bytes)
    lines += c == '\n' ? 1 : 0;
  if (!bytes.empty() && bytes.back() != '\n')
    ++lines;
  return lines;
}

steward::Result<ReadResult> Read(const CsvOptions& options, size_t batch_rows) {
  auto reader = JsonLinesReader::Open(ScratchPath(), options, batch_rows);
  if (!reader.ok())
    return reader.status();
  return steward::io::ReadAll(**reader);
}

void CheckFailure(const steward::Status& status) {
  Check(!status.message().empty());
  CheckString(status.message());
  Check(status.message().find('\n') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  {
    std::ofstream file(ScratchPath(), std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const uint64_t lines = CountLines(bytes);

  // Every record sampled, read whole and, if that works, in batches of 3: the same table.
  CsvOptions strict;
  strict.infer_rows = 0;
  auto whole = Read(strict, 1000);
  if (whole.ok()) {
    CheckTable(whole->table);
    Check(whole->stats.bad_rows == 0);
    Check(whole->stats.rows == whole->table.num_rows());
    Check(whole->stats.rows + whole->stats.blank_lines == lines);
    Check(whole->stats.bytes == size);
    auto batched = Read(strict, 3);
    Check(batched.ok());
    CheckTable(batched->table);
    Check(Render(whole->table) == Render(batched->table));
  } else {
    CheckFailure(whole.status());
  }

  // A small sample, so that later records meet columns they do not fit; bad ones skipped.
  CsvOptions lenient;
  lenient.infer_rows = 2;
  lenient.bad_rows = BadRowPolicy::kSkip;
  auto skipped = Read(lenient, 2);
  if (skipped.ok()) {
    CheckTable(skipped->table);
    const steward::io::SourceStats& stats = skipped->stats;
    Check(stats.rows == skipped->table.num_rows());
    Check(stats.rows + stats.bad_rows + stats.blank_lines == lines);
    Check(stats.bad_row_examples.size() == std::min<uint64_t>(stats.bad_rows, 5));
    for (const std::string& example : stats.bad_row_examples) {
      CheckFailure(steward::Status::InvalidArgument(example));
    }
  } else {
    CheckFailure(skipped.status());
  }
  // Removed after each input: libFuzzer ends with _Exit, which runs no atexit handlers.
  std::remove(ScratchPath().c_str());
  return 0;
}
