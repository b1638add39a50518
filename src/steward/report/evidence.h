#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/report/report_document.h"

namespace steward::report {

// The documents a report is made from. A member is null when no input held it.
struct Evidence {
  std::vector<InputFile> inputs;
  // From a bundle (verified against its manifest by model::ReadAnyBundle).
  nlohmann::json schema, metrics, explain, card, fairness;
  nlohmann::json profile;      // the summary of steward.profile/1, recomputed from its state
  nlohmann::json evaluation;   // steward.metrics/1 from `steward evaluate` (has "overall")
  nlohmann::json explanation;  // steward.explanation/1 from `steward explain`
  nlohmann::json monitor;      // steward.monitor/1
  std::map<std::string, std::string> bundle_sha256;  // bundle part -> SHA-256, to find it
  nlohmann::json registry;  // the registered version, its alias moves and audit entries
};

// Finds the registered version whose parts are exactly the bundle's (the latest if several)
// in the registry at `location`, and adds its record, lineage and audit trail to
// `evidence.registry`. A bundle that is not registered there leaves a note instead. Fails when
// the registry cannot be opened.
Status AddRegistryEvidence(const std::string& location, Evidence& evidence);

// Reads each input: a bundle directory or archive, or a JSON file recognised by its
// `format` field (profile, monitor, evaluation metrics, explanation, fairness audit). A later
// input of the same kind replaces an earlier one, except that a profile file given by itself
// wins over the bundle's training profile. Fails with kNotFound or kInvalidArgument naming the
// file and what is wrong: missing, not JSON (or truncated), nested too deep, not Steward
// evidence, a known format with missing fields, or a bundle that does not verify.
Result<Evidence> LoadEvidence(const std::vector<std::string>& paths);

// The JSON of `text`, refusing nesting deeper than 64 levels; errors start with `name`.
Result<nlohmann::json> ParseEvidenceJson(std::string_view text, const std::string& name);

}  // namespace steward::report
