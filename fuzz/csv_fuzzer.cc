// libFuzzer target for the CSV reader. Beyond "no crash", it checks two properties:
// every column of a successful read has num_rows values with codes inside their dictionary,
// and reading in tiny chunks on two threads gives exactly what one whole chunk gives.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "steward/io/csv_reader.h"

#include "table_checks.h"

namespace {

const std::string& ScratchPath() {
  static const std::string path =
      "/dev/shm/steward_csv_fuzz_" + std::to_string(::getpid()) + ".csv";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  const uint8_t flags = data[0];
  {
    std::ofstream file(ScratchPath(), std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  steward::io::CsvOptions whole;
  whole.threads = 1;
  whole.chunk_bytes = size_t{1} << 22;
  whole.infer_rows = (flags & 1) ? 3 : 1000;
  whole.header = (flags & 2) == 0;
  whole.bad_rows =
      (flags & 4) ? steward::io::BadRowPolicy::kSkip : steward::io::BadRowPolicy::kError;
  if (flags & 8)
    whole.delimiter = ';';
  steward::io::CsvOptions split = whole;
  split.threads = 2;
  split.chunk_bytes = 16 + (flags >> 4);

  auto expected = steward::io::ReadCsv(ScratchPath(), whole);
  auto actual = steward::io::ReadCsv(ScratchPath(), split);
  if (expected.ok() != actual.ok())
    std::abort();
  if (!expected.ok()) {
    if (expected.status().message() != actual.status().message())
      std::abort();
    return 0;
  }
  steward::fuzz::CheckTable(expected->table);
  steward::fuzz::CheckTable(actual->table);
  if (expected->stats.bad_rows != actual->stats.bad_rows)
    std::abort();
  if (steward::fuzz::Render(expected->table) != steward::fuzz::Render(actual->table))
    std::abort();
  return 0;
}
