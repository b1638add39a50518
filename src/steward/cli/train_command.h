#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/cli/source_flags.h"
#include "steward/core/result.h"
#include "steward/model/feature_plan.h"

namespace steward::cli {

// The flags of `steward train`; the demo fills them too.
struct TrainFlags {
  std::string data;
  std::string out;
  std::string task = "auto";
  std::string positive;
  double threshold = 0.5;
  model::ColumnRoles roles;
  std::string params_file;
  std::string card_file;
  std::string valid_file;
  int rounds = 0;
  int early_stopping = -1;
  uint64_t seed = 0;
  double valid_fraction = 0.2;
  size_t cv = 0;
  bool archive = false;
  std::vector<std::string> reweigh;
  // Features with high-confidence PII that may be trained on all the same.
  std::vector<std::string> allow_pii;
  SourceFlags source;
};

struct TrainedBundle {
  nlohmann::json summary;  // what `steward train --json` prints
  nlohmann::json metrics;  // the bundle's metrics.json
  std::vector<std::string> warnings;
};

// What `steward train` does once its flags are parsed: reads the data, trains, writes the
// bundle. Progress on stderr when `show_progress`.
Result<TrainedBundle> TrainToBundle(const TrainFlags& flags, bool show_progress);

// The training summary for people, as `steward train` prints it.
void PrintTrainSummary(const nlohmann::json& summary, const nlohmann::json& metrics,
                       std::ostream& out);

}  // namespace steward::cli
