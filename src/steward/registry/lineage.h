#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/model/model_bundle.h"

namespace steward::registry {

// What a version's lineage is built from, besides the bundle's own parts.
struct LineageFacts {
  std::string model;
  std::string project;
  int64_t version = 0;
  std::string registered_at;
  std::string registered_by;
  std::string reason;
  std::map<std::string, std::pair<std::string, int64_t>> parts;  // name -> (sha256, bytes)
  nlohmann::json validation;                                     // the validation report, or null
};

// The lineage document of a version (steward.lineage/1, docs/formats/registry.md): the data
// set fingerprint and training profile from card.json, parameters, metrics.json, the
// fairness audit when the bundle has a fairness.json in the steward.fairness/1 format, the
// validation result, every part's SHA-256, the Steward version, actor and time. Fails with
// kInvalidArgument naming `where` if card.json or metrics.json is not a JSON object.
Result<nlohmann::json> BuildLineage(const model::BundleParts& parts, const LineageFacts& facts,
                                    const std::string& where);

}  // namespace steward::registry
