// libFuzzer target for bundles (model/bundle_archive, model_bundle's manifest check,
// model_schema). Arbitrary bytes are read as a bundle archive; beyond "no crash" it checks:
// - a refusal is a one-line message;
// - an archive that verifies holds every required part, and writing its parts again gives an
//   archive that verifies to the same parts;
// - a schema.json that parses writes back to JSON that parses to the same schema.
// Input starting with '{' is also used as schema.json inside a freshly written (so valid)
// archive, which lets the fuzzer reach the schema parser past the SHA-256 check.
// XGBoost's model loader is reached only through the model checker: model_fuzzer.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/model/bundle_archive.h"
#include "steward/model/model_schema.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;
using steward::model::BundleParts;

void CheckMessage(const steward::Status& status) {
  Check(!status.ok());
  Check(!status.message().empty());
  Check(status.message().find('\n') == std::string::npos);
}

void CheckSchema(const std::string& text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded())
    return;
  auto schema = steward::model::SchemaFromJson(document);
  if (!schema.ok()) {
    CheckMessage(schema.status());
    return;
  }
  const nlohmann::json written = steward::model::SchemaToJson(*schema);
  auto reparsed = steward::model::SchemaFromJson(written);
  Check(reparsed.ok());
  Check(steward::model::SchemaToJson(*reparsed) == written);
}

void CheckArchive(std::string_view bytes) {
  auto parts = steward::model::ParseBundleArchive(bytes, "fuzz.bundle");
  if (!parts.ok()) {
    CheckMessage(parts.status());
    return;
  }
  for (const char* required :
       {"model.json", "schema.json", "metrics.json", "explain.json", "card.json"}) {
    Check(parts->count(required) == 1);
  }
  auto again =
      steward::model::ParseBundleArchive(steward::model::MakeBundleArchive(*parts), "fuzz.bundle");
  Check(again.ok() && *again == *parts);
  CheckSchema((*parts)["schema.json"]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckArchive(bytes);
  if (!bytes.empty() && bytes[0] == '{') {
    BundleParts parts;
    for (const char* name : {"model.json", "metrics.json", "explain.json", "card.json"})
      parts[name] = "{}";
    parts["schema.json"] = std::string(bytes);
    CheckArchive(steward::model::MakeBundleArchive(parts));
  }
  return 0;
}
