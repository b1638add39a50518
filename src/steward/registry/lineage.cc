#include "steward/registry/lineage.h"

namespace steward::registry {
namespace {

using nlohmann::json;

constexpr std::string_view kFairnessFormat = "steward.fairness/1";

Result<json> ParseObject(const model::BundleParts& parts, const std::string& name,
                         const std::string& where) {
  auto found = parts.find(name);
  if (found == parts.end())
    return Status::InvalidArgument(where + ": the bundle has no " + name);
  json document = json::parse(found->second, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return Status::InvalidArgument(where + "/" + name + ": not a JSON object");
  return document;
}

json Field(const json& object, const char* key) {
  return object.is_object() ? object.value(key, json()) : json();
}

// The scan's verdict for the "no unpseudonymised PII" gate; its findings stay in card.json.
json PiiSummary(const json& scan) {
  if (!scan.is_object())
    return json();
  return {{"high_confidence_columns", Field(scan, "high_confidence_columns")},
          {"allowed_features_with_pii", Field(scan, "allowed_features_with_pii")}};
}

}  // namespace

Result<json> BuildLineage(const model::BundleParts& parts, const LineageFacts& facts,
                          const std::string& where) {
  STEWARD_ASSIGN_OR_RETURN(json card, ParseObject(parts, "card.json", where));
  STEWARD_ASSIGN_OR_RETURN(json metrics, ParseObject(parts, "metrics.json", where));
  const json card_model = Field(card, "model");
  json bundle_parts = json::object();
  for (const auto& [name, ref] : facts.parts)
    bundle_parts[name] = {{"sha256", ref.first}, {"bytes", ref.second}};
  auto part_digest = [&](const std::string& name) {
    auto found = facts.parts.find(name);
    return found == facts.parts.end() ? json() : json(found->second.first);
  };

  json fairness;
  std::string fairness_note;
  if (parts.count("fairness.json") != 0) {
    json document = json::parse(parts.at("fairness.json"), nullptr, false);
    if (!document.is_discarded() && document.is_object() &&
        Field(document, "format") == kFairnessFormat) {
      fairness = std::move(document);
    } else {
      fairness_note = "fairness.json is stored but not in the steward.fairness/1 format";
    }
  }
  json validation;
  if (facts.validation.is_object()) {
    validation = {{"passed", Field(facts.validation, "passed")},
                  {"sha256", part_digest("validation.json")}};
  }
  json lineage = {
      {"format", "steward.lineage/1"},
      {"model", facts.model},
      {"project", facts.project},
      {"version", facts.version},
      {"registered_at", facts.registered_at},
      {"registered_by", facts.registered_by},
      {"reason", facts.reason},
      {"bundle", {{"parts", bundle_parts}, {"manifest_sha256", part_digest("manifest.json")}}},
      {"data", Field(card, "data")},
      {"training",
       {{"task", Field(card_model, "task")},
        {"target", Field(card_model, "target")},
        {"parameters", Field(card_model, "parameters")},
        {"num_boost_round", Field(card_model, "num_boost_round")},
        {"early_stopping_rounds", Field(card_model, "early_stopping_rounds")},
        {"seed", Field(card_model, "seed")},
        {"profile_sha256", part_digest("profile.json")}}},
      {"sensitive", Field(card, "sensitive")},
      {"pii", PiiSummary(Field(card, "pii_scan"))},
      {"versions", Field(card, "versions")},
      {"metrics",
       {{"evaluated_on", Field(metrics, "evaluated_on")},
        {"headline_metric", Field(metrics, "headline_metric")},
        {"booster", Field(metrics, "booster")}}},
      {"fairness", fairness},
      {"validation", validation},
      {"registered_with_steward", STEWARD_VERSION},
  };
  if (!fairness_note.empty())
    lineage["notes"] = json::array({fairness_note});
  return lineage;
}

}  // namespace steward::registry
