#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/json_document.h"
#include "steward/io/atomic_file.h"
#include "steward/registry/registry.h"
#include "steward/report/evidence.h"
#include "steward/report/html_page.h"
#include "steward/report/report_builder.h"

namespace steward::cli {
namespace {

struct ReportFlags {
  std::vector<std::string> inputs;
  std::string out;
  std::string registry;
};

int RunReport(const ReportFlags& flags, const GlobalOptions& global) {
  const auto start = std::chrono::steady_clock::now();
  Result<report::Evidence> evidence = report::LoadEvidence(flags.inputs);
  if (!evidence.ok())
    return ReportError(evidence.status());
  if (!flags.registry.empty()) {
    Status added =
        report::AddRegistryEvidence(registry::ResolveRegistryLocation(flags.registry), *evidence);
    if (!added.ok())
      return ReportError(added);
  }
  report::Report built;
  try {
    built = report::BuildReport(*evidence);
  } catch (const nlohmann::json::exception& error) {
    // Evidence whose format field is right but whose fields have other types than Steward
    // writes: an input error, not a crash.
    return ReportError(Status::InvalidArgument("the evidence has a field of an unexpected type: " +
                                               std::string(error.what())));
  }
  Status written = io::WriteFileAtomically(flags.out, report::RenderHtml(built));
  if (!written.ok())
    return ReportError(written);
  if (global.json) {
    std::cout << JsonText(report::ReportToJson(built));
    return kExitOk;
  }
  if (!global.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "Report written to " << flags.out << " (" << built.sections.size() << " sections:";
    for (const report::Section& section : built.sections)
      std::cout << " " << section.id;
    std::cout << ") in " << seconds << " s\n";
  }
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Write one self-contained HTML report (no network, light/dark, printable) from a bundle "
      "and JSON evidence: summary with a traffic light per gate, data quality, model card, "
      "performance, explanations, fairness, drift");
  command
      ->add_option("inputs", flags->inputs,
                   "A bundle (directory or archive) and JSON files recognised by their format: "
                   "steward.profile/1, steward.monitor/1, steward.metrics/1 (steward evaluate "
                   "--roc-curve), steward.explanation/1, steward.fairness/1")
      ->required();
  command->add_option("--out", flags->out, "The HTML file to write (atomically)")->required();
  command->add_option("--registry", flags->registry,
                      "Add lineage and the audit trail of the bundle's registered version from "
                      "this registry (a directory or postgresql:// URI)");
  command->footer(
      "--json prints the same content as data: every figure, gate, table and chart's numbers.\n"
      "Exit codes: 0 written, 2 missing or bad input or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunReport(*flags, global); };
  });
}

}  // namespace steward::cli
