// libFuzzer target for the PII scanner (privacy/pii_scanner.cc, candidate_check.cc,
// checksums.cc, masking.cc). The input's first line is a column name, each further line a
// value. Beyond "no crash", it checks:
// - every count is at most the number of values, and shares lie in [0, 1];
// - masked examples hold no digit except a card's last four (masking never leaks a value).
#include "steward/privacy/pii_scanner.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "steward/privacy/pii_report.h"

namespace {

void Check(bool condition) {
  if (!condition)
    std::abort();
}

size_t Digits(std::string_view text) {
  size_t digits = 0;
  for (char c : text)
    digits += c >= '0' && c <= '9';
  return digits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace steward::privacy;
  static const std::unique_ptr<PiiScanner> scanner = [] {
    auto created = PiiScanner::Create();
    Check(created.ok());
    return std::move(created).value();
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t first_line = text.find('\n');
  ColumnTally tally = NewColumnTally(std::string(text.substr(0, first_line)));
  steward::TextValues values;
  if (first_line != std::string_view::npos) {
    std::string_view rest = text.substr(first_line + 1);
    while (true) {
      const size_t end = rest.find('\n');
      values.Append(rest.substr(0, end));
      if (end == std::string_view::npos)
        break;
      rest.remove_prefix(end + 1);
    }
  }
  const size_t count = values.size();
  Check(scanner->ScanColumn(steward::Column::Text(std::move(values)), tally).ok());
  Check(tally.values == count);
  for (const DetectorTally& detector : tally.kinds)
    Check(detector.whole + detector.embedded + detector.shape_only <= count);
  const ColumnPii column = JudgeColumn(tally);
  for (const PiiFinding& finding : column.findings) {
    Check(finding.matches <= count && finding.share >= 0 && finding.share <= 1);
    for (const std::string& example : finding.examples)
      Check(Digits(example) <= (finding.kind == PiiKind::kPaymentCard ? 4u : 0u));
  }
  return 0;
}
