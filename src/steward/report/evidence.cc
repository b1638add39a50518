#include "steward/report/evidence.h"

#include <filesystem>

#include "steward/io/atomic_file.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/sha256.h"
#include "steward/profile/profile_json.h"

namespace steward::report {
namespace {

using nlohmann::json;

constexpr size_t kMaxDepth = 64;

Status Bad(const std::string& path, const std::string& what) {
  return Status::InvalidArgument(path + ": " + what);
}

Result<json> PartJson(const model::BundleParts& parts, const std::string& name,
                      const std::string& bundle) {
  const auto found = parts.find(name);
  if (found == parts.end())
    return json();
  return ParseEvidenceJson(found->second, bundle + "/" + name);
}

Status AddBundle(const std::string& path, Evidence& evidence) {
  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, model::ReadAnyBundle(path));
  STEWARD_ASSIGN_OR_RETURN(evidence.schema, PartJson(parts, "schema.json", path));
  STEWARD_ASSIGN_OR_RETURN(evidence.metrics, PartJson(parts, "metrics.json", path));
  STEWARD_ASSIGN_OR_RETURN(evidence.explain, PartJson(parts, "explain.json", path));
  STEWARD_ASSIGN_OR_RETURN(evidence.card, PartJson(parts, "card.json", path));
  STEWARD_ASSIGN_OR_RETURN(evidence.fairness, PartJson(parts, "fairness.json", path));
  if (const auto profile = parts.find("profile.json");
      profile != parts.end() && evidence.profile.is_null()) {
    STEWARD_ASSIGN_OR_RETURN(profile::Profile parsed,
                             profile::ParseProfile(profile->second, path + "/profile.json"));
    evidence.profile = profile::ProfileToJson(parsed)["summary"];
  }
  for (const auto& [name, bytes] : parts)
    evidence.bundle_sha256[name] = model::Sha256Hex(bytes);
  evidence.inputs.push_back({path, "bundle", std::string(model::kBundleFormat)});
  return Status::Ok();
}

// The fields every drift section reads, checked once so the builder can rely on them.
Status CheckMonitor(const json& document, const std::string& path) {
  if (!document.contains("columns") || !document["columns"].is_array())
    return Bad(path, "steward.monitor/1 without a 'columns' array");
  if (!document.contains("dataset_drift") || !document["dataset_drift"].is_object())
    return Bad(path, "steward.monitor/1 without a 'dataset_drift' object");
  size_t index = 0;
  for (const json& column : document["columns"]) {
    const std::string where = "columns[" + std::to_string(index++) + "]";
    if (!column.is_object() || !column.contains("name") || !column["name"].is_string())
      return Bad(path, where + " has no 'name'");
    // A score the test could not compute (e.g. an empty window) is written as null.
    for (const char* key : {"score", "threshold"}) {
      if (!column.contains(key) || !(column[key].is_number() || column[key].is_null()))
        return Bad(path, where + " ('" + column["name"].get<std::string>() +
                             "') has no number (or null) '" + key + "'");
    }
    if (!column.contains("drift") || !column["drift"].is_boolean())
      return Bad(path, where + " has no boolean 'drift'");
  }
  return Status::Ok();
}

Status AddJsonFile(const std::string& path, const std::string& text, Evidence& evidence) {
  STEWARD_ASSIGN_OR_RETURN(json document, ParseEvidenceJson(text, path));
  if (!document.is_object() || !document.contains("format") || !document["format"].is_string()) {
    return Bad(path,
               "not Steward evidence: expected a JSON object with a 'format' field (a bundle, "
               "steward.profile/1, steward.monitor/1, steward.metrics/1, "
               "steward.explanation/1 or steward.fairness/1)");
  }
  const std::string format = document["format"];
  std::string kind;
  if (format == profile::kProfileFormat) {
    STEWARD_ASSIGN_OR_RETURN(profile::Profile parsed, profile::ParseProfile(text, path));
    evidence.profile = profile::ProfileToJson(parsed)["summary"];
    kind = "profile";
  } else if (format == "steward.monitor/1") {
    STEWARD_RETURN_IF_ERROR(CheckMonitor(document, path));
    evidence.monitor = std::move(document);
    kind = "monitor";
  } else if (format == "steward.metrics/1") {
    if (!document.contains("overall") || !document["overall"].is_object())
      return Bad(path, "steward.metrics/1 without 'overall' (write it with steward evaluate)");
    evidence.evaluation = std::move(document);
    kind = "evaluation";
  } else if (format == "steward.explanation/1") {
    evidence.explanation = std::move(document);
    kind = "explanation";
  } else if (format == "steward.fairness/1") {
    if (!document.contains("attributes") || !document["attributes"].is_array())
      return Bad(path, "steward.fairness/1 without an 'attributes' array");
    evidence.fairness = std::move(document);
    kind = "fairness";
  } else {
    return Bad(path, "format '" + format +
                         "' is not evidence a report can show (expected a bundle, "
                         "steward.profile/1, steward.monitor/1, steward.metrics/1, "
                         "steward.explanation/1 or steward.fairness/1)");
  }
  evidence.inputs.push_back({path, kind, format});
  return Status::Ok();
}

}  // namespace

Result<json> ParseEvidenceJson(std::string_view text, const std::string& name) {
  bool too_deep = false;
  json document;
  try {
    document = json::parse(text, [&](int depth, json::parse_event_t, json&) {
      too_deep = too_deep || static_cast<size_t>(depth) > kMaxDepth;
      return !too_deep;
    });
  } catch (const json::exception& error) {
    std::string_view detail = error.what();
    if (const size_t end = detail.find("] "); end != std::string_view::npos)
      detail.remove_prefix(end + 2);
    if (const size_t last = detail.find("; last read:"); last != std::string_view::npos)
      detail = detail.substr(0, last);
    return Bad(name, "not valid JSON (truncated or damaged?): " + std::string(detail));
  }
  if (too_deep)
    return Bad(name, "JSON nested deeper than 64 levels");
  return document;
}

Result<Evidence> LoadEvidence(const std::vector<std::string>& paths) {
  Evidence evidence;
  // Profile files first, so that a profile given by itself wins over a bundle's.
  std::vector<std::string> ordered;
  std::vector<std::string> bundles;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!std::filesystem::exists(path, error))
      return Status::NotFound(path + ": no such file or directory");
    if (std::filesystem::is_directory(path, error)) {
      bundles.push_back(path);
      continue;
    }
    ordered.push_back(path);
  }
  for (const std::string& path : ordered) {
    STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
      STEWARD_RETURN_IF_ERROR(AddJsonFile(path, text, evidence));
    } else {
      bundles.push_back(path);  // an archive; ReadAnyBundle says what is wrong if it is not
    }
  }
  if (bundles.size() > 1) {
    return Status::InvalidArgument("one bundle per report: got '" + bundles[0] + "' and '" +
                                   bundles[1] + "'");
  }
  const nlohmann::json audit = evidence.fairness;
  for (const std::string& path : bundles)
    STEWARD_RETURN_IF_ERROR(AddBundle(path, evidence));
  if (!audit.is_null())
    evidence.fairness = audit;  // an audit given by itself is newer than the bundle's
  return evidence;
}

}  // namespace steward::report
