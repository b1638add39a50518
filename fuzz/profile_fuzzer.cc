// libFuzzer target for profile documents (profile/profile_json), which `profile merge`,
// `suggest-suite` and `validate --reference` read from files a user hands them. Beyond
// "no crash", it checks:
// - a failure is a one-line, valid UTF-8 message naming the file;
// - an accepted profile written back reads back to the same document (the state round-trips);
// - its summary can be derived, it merges with itself or fails with such a message, and the
//   suite suggested from it is TOML that the suite parser accepts.
#include <cstdint>
#include <string>
#include <string_view>

#include "steward/profile/profile_json.h"
#include "steward/profile/summary.h"
#include "steward/validate/suggest.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/suite_writer.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;
using steward::fuzz::CheckString;

constexpr std::string_view kFile = "fuzz.json";

void CheckMessage(const steward::Status& status) {
  const std::string& message = status.message();
  CheckString(message);
  Check(!message.empty());
  Check(message.find('\n') == std::string::npos);
}

std::string Dump(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto profile = steward::profile::ParseProfile(text, std::string(kFile));
  if (!profile.ok()) {
    CheckMessage(profile.status());
    Check(profile.status().message().rfind(std::string(kFile) + ": ", 0) == 0);
    return 0;
  }
  const std::string written = Dump(steward::profile::ProfileToJson(*profile));
  auto reread = steward::profile::ParseProfile(written, "written.json");
  Check(reread.ok());
  Check(Dump(steward::profile::ProfileToJson(*reread)) == written);

  (void)steward::profile::SummarizeProfile(*profile);
  steward::profile::Profile doubled = *profile;
  steward::Status merged = steward::profile::MergeProfiles(doubled, *profile);
  if (!merged.ok())
    CheckMessage(merged);

  const auto suggested = steward::validate::SuggestSuite(*profile, {});
  const std::string suite = steward::validate::SuiteToToml(suggested.suite, suggested.comments);
  auto parsed = steward::validate::ParseSuite(suite, "suggested.toml");
  if (!parsed.ok())
    CheckMessage(parsed.status());
  Check(parsed.ok());
  return 0;
}
