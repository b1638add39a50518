// libFuzzer target for late-label files (monitor/late_labels.cc), read as `steward monitor
// --labels` reads them. Beyond "no crash", it checks:
// - a failure names the file first ("FILE:LINE: ..." or "FILE: ...");
// - a parsed file has no empty id, and joining it onto rows with the same ids either fails
//   naming the file or leaves every row labelled with a class index or unlabelled.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "steward/monitor/late_labels.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;

constexpr std::string_view kFile = "fuzz.csv";

bool NamesTheFile(const steward::Status& status) {
  return status.message().rfind(std::string(kFile) + ":", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = steward::monitor::ParseLabelsCsv(text, std::string(kFile));
  if (!parsed.ok()) {
    Check(NamesTheFile(parsed.status()));
    return 0;
  }
  steward::monitor::ScoredRows rows;
  rows.classes = {"bad", "good"};
  std::unordered_set<std::string> known;
  for (const auto& [id, label] : parsed->by_id) {
    Check(!id.empty());
    rows.ids.push_back(id);
    known.insert(id);
  }
  const steward::Status joined = steward::monitor::JoinLabels(*parsed, known, rows);
  if (!joined.ok()) {
    Check(NamesTheFile(joined));
    return 0;
  }
  Check(rows.labels.size() == rows.ids.size());
  for (double label : rows.labels)
    Check(std::isnan(label) || label == 0 || label == 1);
  return 0;
}
