#include "steward/cli/cli.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "steward/cli/command.h"
#include "steward/core/schema.h"

namespace steward::cli {

int ReportError(const Status& status) {
  std::fprintf(stderr, "steward: %s\n", status.message().c_str());
  return status.code() == StatusCode::kInternal ? kExitInternal : kExitUsage;
}

int Main(int argc, char** argv) {
  CLI::App app{"Steward: governed machine learning from data to monitored model, in one binary.",
               "steward"};
  app.set_version_flag("--version", std::string("steward ") + STEWARD_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 70 internal error.\n"
      "Run 'steward VERB --help' for a verb's options.");
  GlobalOptions global;
  app.add_flag("--json", global.json, "Write one JSON document to stdout instead of text");
  app.add_flag("-q,--quiet", global.quiet, "No progress or notes on stderr");

  CommandRunner run;
  AddDemoCommand(app, global, run);
  AddInspectCommand(app, global, run);
  AddProfileCommand(app, global, run);
  AddSuggestSuiteCommand(app, global, run);
  AddValidateCommand(app, global, run);
  AddScanPiiCommand(app, global, run);
  AddKeygenCommand(app, global, run);
  AddPseudonymizeCommand(app, global, run);
  AddKAnonymityCommand(app, global, run);
  AddTrainCommand(app, global, run);
  AddPredictCommand(app, global, run);
  AddEvaluateCommand(app, global, run);
  AddExplainCommand(app, global, run);
  AddFairnessCommand(app, global, run);
  AddRegistryCommand(app, global, run);
  AddServeCommand(app, global, run);
  AddMonitorCommand(app, global, run);
  AddForgetCommand(app, global, run);
  AddReportCommand(app, global, run);
  std::vector<std::string> verbs;
  for (CLI::App* command : app.get_subcommands({})) {
    verbs.push_back(command->get_name());
    // Listed in every verb's --help, and accepted before or after the verb.
    command->add_flag("--json", global.json, "Write one JSON document to stdout instead of text");
    command->add_flag("-q,--quiet", global.quiet, "No progress or notes on stderr");
  }
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(verbs.begin(), verbs.end(), argv[1]) == verbs.end()) {
    std::fprintf(stderr, "steward: unknown verb '%s' (verbs: %s); see 'steward --help'\n", argv[1],
                 JoinNames(verbs).c_str());
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 exits with 100-127 on parse errors; Steward promises 2 for usage errors.
    int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return run ? run() : kExitUsage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "steward: internal error: %s\n", error.what());
    return kExitInternal;
  }
}

}  // namespace steward::cli
