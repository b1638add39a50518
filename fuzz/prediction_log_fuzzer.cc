// libFuzzer target for the prediction log reader (ParsePredictionSegment). Beyond "no crash or
// hang", it checks that:
// - a failure is a one-line printable message that starts with the file name and a line number;
// - a success accounts for every line as a record, or as the torn tail when the bytes do not
//   end with a line break;
// - a parsed segment written back through the writer's serialization parses to the same records.
#include "steward/io/prediction_log.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "steward/io/internal/prediction_log_format.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;
using steward::io::ParsePredictionSegment;
using steward::io::PredictionSegment;

uint64_t CountLineBreaks(std::string_view bytes) {
  uint64_t breaks = 0;
  for (char c : bytes)
    breaks += c == '\n' ? 1 : 0;
  return breaks;
}

void CheckFailure(const steward::Status& status) {
  const std::string& message = status.message();
  Check(message.starts_with("fuzz.jsonl:"));
  for (char c : message)
    Check(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const steward::Result<PredictionSegment> parsed = ParsePredictionSegment(bytes, "fuzz.jsonl");
  if (!parsed.ok()) {
    CheckFailure(parsed.status());
    return 0;
  }
  const bool torn = !bytes.empty() && bytes.back() != '\n';
  Check(parsed->torn_tail == torn);
  Check(parsed->records.size() == CountLineBreaks(bytes));

  // What the reader returns, the writer writes back as lines that read the same.
  std::string rewritten;
  for (const steward::io::PredictionRecord& record : parsed->records)
    Check(steward::io::internal::AppendRecordLine(record, "", rewritten));
  const steward::Result<PredictionSegment> again = ParsePredictionSegment(rewritten, "again");
  Check(again.ok());
  Check(!again->torn_tail);
  Check(again->records == parsed->records);
  return 0;
}
