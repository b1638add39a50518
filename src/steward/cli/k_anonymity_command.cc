#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "steward/cli/command.h"
#include "steward/cli/pii_scan.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/text_table.h"
#include "steward/privacy/k_anonymity.h"

namespace steward::cli {
namespace {

struct KAnonymityFlags {
  std::string data;
  std::vector<std::string> quasi;
  std::string sensitive;
  uint64_t k = 5;
  SourceFlags source;
};

}  // namespace

void PrintKAnonymity(const privacy::KAnonymityReport& report, const std::string& source,
                     std::ostream& out) {
  char share[32];
  std::snprintf(share, sizeof share, "%.1f%%", report.share_below_k * 100);
  out << "k-anonymity of " << source << ": " << FormatCount(report.rows) << " rows, "
      << FormatCount(report.groups) << " groups\n"
      << "  k achieved: " << report.k_achieved << " (asked " << report.k_asked << ")\n"
      << "  records in groups below k: " << FormatCount(report.records_below_k) << " (" << share
      << ")\n";
  if (report.l_diversity)
    out << "  l-diversity (distinct sensitive values in the poorest group): " << *report.l_diversity
        << "\n";
  if (!report.solution) {
    out << "\nNo generalisation of these quasi-identifiers reaches k = " << report.k_asked << " ("
        << report.candidates_tried << " tried).\n";
    return;
  }
  out << "\nLeast generalisation reaching k = " << report.k_asked << " (k "
      << report.solution->k_achieved << ", " << FormatCount(report.solution->groups)
      << " groups):\n";
  TextTable table({"column", "level", "generalisation"});
  for (const privacy::ColumnGeneralization& column : report.solution->columns)
    table.AddRow({column.column,
                  std::to_string(column.level) + "/" + std::to_string(column.max_level),
                  column.description});
  table.Print(out);
}

void AddKAnonymityCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<KAnonymityFlags>();
  CLI::App* command = app.add_subcommand(
      "k-anonymity",
      "Measure re-identification risk: the smallest group of records sharing the "
      "quasi-identifiers (k), records in groups below k, l-diversity, and the least "
      "generalisation that reaches k");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--quasi", flags->quasi, "Quasi-identifier columns (e.g. age,zip,sex)")
      ->delimiter(',')
      ->required();
  command->add_option("--sensitive", flags->sensitive, "Sensitive column for l-diversity");
  command->add_option("--k", flags->k, "The k to reach")->capture_default_str();
  flags->source.Register(*command);
  command->footer(
      "Generalisations searched per column: numbers into bins of 1, 2, 10, 20, ... (from a\n"
      "hundredth of the range) up to one bin; other values cut to shorter prefixes; then\n"
      "suppressed. Every combination is tried cheapest first (mean of level / max level), up to\n"
      "100,000. Missing values are a group value of their own.\n"
      "Exit codes: 0 k reached, 1 k not reached, 2 bad data or usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Result<io::SourceOptions> source = flags->source.Resolve();
      if (!source.ok())
        return ReportError(source.status());
      Result<io::ReadResult> read = ReadData(flags->data, std::move(source).value(),
                                             ProgressAllowed(global.quiet, global.json));
      if (!read.ok())
        return ReportError(read.status());
      privacy::KAnonymityOptions options;
      options.quasi_identifiers = flags->quasi;
      options.sensitive = flags->sensitive;
      options.k = flags->k;
      Result<privacy::KAnonymityReport> report = privacy::MeasureKAnonymity(read->table, options);
      if (!report.ok())
        return ReportError(report.status().WithContext(flags->data));
      if (global.json) {
        nlohmann::json json = privacy::KAnonymityReportToJson(*report);
        json["quasi_identifiers"] = flags->quasi;
        std::cout << json.dump(2) << "\n";
      } else {
        PrintKAnonymity(*report, flags->data, std::cout);
      }
      return report->k_achieved >= report->k_asked ? kExitOk : kExitCheckFailed;
    };
  });
}

}  // namespace steward::cli
