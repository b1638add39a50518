// libFuzzer target for the prediction server's request decoder (POST predict and the Open
// Inference Protocol's infer). Beyond "no crash", it checks that:
// - a refusal has a status of 400, 413 or 422 and a one-line message;
// - an accepted request has rows x features values, one inputs JSON per row that is itself
//   valid JSON (it goes to the prediction log verbatim), and one group key per row;
// - decoding the same bytes twice gives the same rows (no state leaks between requests).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/server/request_decoder.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;
using steward::server::ApiError;
using steward::server::DecodedRows;
using steward::server::RequestDecoder;

steward::model::ModelSchema FuzzSchema() {
  steward::model::ModelSchema schema;
  schema.task = steward::model::Task::kBinary;
  schema.classes = {"no", "yes"};
  schema.features = {{"age", steward::ColumnKind::kNumeric, {}},
                     {"job", steward::ColumnKind::kCategorical, {"a", "b", "3"}},
                     {"owner", steward::ColumnKind::kBoolean, {}}};
  schema.group_thresholds =
      steward::model::GroupThresholds{{"sex"}, "demographic_parity", 0.05, {{"f", 0.4}}};
  return schema;
}

void CheckOutcome(const std::optional<ApiError>& error, const DecodedRows& rows, size_t width) {
  if (error) {
    Check(error->status == 400 || error->status == 413 || error->status == 422);
    Check(!error->message.empty() && error->message.find('\n') == std::string::npos);
    return;
  }
  Check(rows.rows > 0 && rows.values.size() == rows.rows * width);
  Check(rows.inputs_json.size() == rows.rows && rows.group_keys.size() == rows.rows);
  for (const std::string& inputs : rows.inputs_json)
    Check(nlohmann::json::accept(inputs));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const RequestDecoder decoder(FuzzSchema(), steward::server::RequestLimits{32, 50});
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const bool infer : {false, true}) {
    DecodedRows first;
    DecodedRows second;
    std::string id;
    std::string body = bytes;
    const auto error =
        infer ? decoder.DecodeInfer(body, first, id) : decoder.DecodePredict(body, first);
    CheckOutcome(error, first, decoder.width());
    body = bytes;
    const auto again =
        infer ? decoder.DecodeInfer(body, second, id) : decoder.DecodePredict(body, second);
    Check(error.has_value() == again.has_value());
    if (!error) {
      Check(first.inputs_json == second.inputs_json && first.group_keys == second.group_keys);
      for (size_t index = 0; index < first.values.size(); ++index) {
        Check(first.values[index] == second.values[index] ||
              (first.values[index] != first.values[index] &&
               second.values[index] != second.values[index]));
      }
    }
  }
  return 0;
}
