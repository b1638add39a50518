#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "steward/cli/command.h"
#include "steward/cli/source_flags.h"
#include "steward/core/result.h"
#include "steward/io/data_source.h"
#include "steward/model/predictor.h"

namespace steward::cli {

// Reads a whole data set, with a progress bar on a terminal when `show_progress`.
Result<io::ReadResult> ReadData(const std::string& path, io::SourceOptions options,
                                bool show_progress);

// What predict, evaluate and explain start from: a verified bundle's model and the data to
// apply it to. `shown` is the data's name for messages (a postgresql:// password removed).
struct BundleAndData {
  model::Predictor predictor;
  io::ReadResult data;
  std::string shown;
};
// The BUNDLE and DATA arguments of predict, evaluate, explain and fairness; `what_data` says
// what DATA must hold (e.g. "Labelled data (with the model's target column)").
void AddBundleAndDataArguments(CLI::App& command, std::string& bundle, std::string& data,
                               const std::string& what_data);

Result<BundleAndData> LoadBundleAndData(const std::string& bundle, const std::string& data,
                                        const SourceFlags& source, const GlobalOptions& global);

}  // namespace steward::cli
