#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "steward/core/status.h"

namespace steward::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 70;

// Flags every verb accepts.
struct GlobalOptions {
  bool json = false;
  bool quiet = false;
};

// Prints `status` as "steward: message" on stderr and returns its exit code.
int ReportError(const Status& status);

// Each verb registers itself and sets `run`, which Main calls after parsing.
using CommandRunner = std::function<int()>;
void AddInspectCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddProfileCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddSuggestSuiteCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddValidateCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddScanPiiCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddKeygenCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddPseudonymizeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddKAnonymityCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddTrainCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddPredictCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddEvaluateCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddExplainCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddFairnessCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddRegistryCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddForgetCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddMonitorCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddServeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddReportCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run);

}  // namespace steward::cli
