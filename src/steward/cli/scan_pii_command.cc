#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/pii_scan.h"
#include "steward/cli/progress.h"
#include "steward/cli/source_flags.h"
#include "steward/cli/text_table.h"
#include "steward/io/postgres_source.h"

namespace steward::cli {
namespace {

struct ScanPiiFlags {
  std::string data;
  std::vector<std::string> columns;
  std::string fail_on = "high";
  SourceFlags source;
};

std::string Percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

bool FindingsFail(const privacy::PiiScanReport& report, const std::string& fail_on) {
  if (fail_on == "never")
    return false;
  for (const privacy::ColumnPii& column : report.columns) {
    for (const privacy::PiiFinding& finding : column.findings) {
      if (fail_on == "medium" || finding.confidence == privacy::Confidence::kHigh)
        return true;
    }
  }
  return false;
}

}  // namespace

void PrintPiiReport(const privacy::PiiScanReport& report, std::ostream& out) {
  out << "PII scan of " << report.source << ": " << FormatCount(report.rows) << " rows, "
      << report.columns.size() << " columns\n\n";
  TextTable table({"column", "detector", "where", "values", "share", "confidence", "check agrees",
                   "examples (masked)"});
  size_t findings = 0;
  for (const privacy::ColumnPii& column : report.columns) {
    for (const privacy::PiiFinding& finding : column.findings) {
      ++findings;
      std::string examples;
      for (const std::string& example : finding.examples)
        examples += (examples.empty() ? "" : ", ") + example;
      table.AddRow({column.column, std::string(privacy::PiiKindName(finding.kind)),
                    finding.embedded ? "in text" : "whole value", FormatCount(finding.matches),
                    Percent(finding.share),
                    std::string(privacy::ConfidenceName(finding.confidence)),
                    finding.check_agreement ? Percent(*finding.check_agreement) : "-",
                    Shorten(examples, 60)});
    }
  }
  if (findings == 0) {
    out << "No personal data found.\n";
    return;
  }
  table.Print(out);
  const std::vector<std::string> high = report.HighConfidenceColumns();
  out << "\n" << high.size() << " column(s) with high-confidence PII";
  for (size_t i = 0; i < high.size(); ++i)
    out << (i == 0 ? ": " : ", ") << high[i];
  out << "\n";
}

void AddScanPiiCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ScanPiiFlags>();
  CLI::App* command = app.add_subcommand(
      "scan-pii",
      "Find personal data in a data set: e-mail, phone, payment card (Luhn), IBAN (mod-97), US "
      "SSN, IPv4/IPv6 in any column and inside free text; dates of birth, person names and "
      "postal addresses where the column's name says so");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--columns", flags->columns, "Scan only these columns (default: all)")
      ->delimiter(',');
  command
      ->add_option("--fail-on", flags->fail_on,
                   "Exit 1 when a finding of this confidence or more is found: high, medium or "
                   "never")
      ->check(CLI::IsMember({"high", "medium", "never"}))
      ->capture_default_str();
  flags->source.Register(*command);
  command->footer(
      "Every value is read as text (an ID keeps its leading zeros). A column's finding is\n"
      "'whole value' when at least 50% of its values are valid instances (high confidence from\n"
      "80%, or from 50% when the column's name announces the kind), and 'in text' when values\n"
      "contain instances inside longer text (high confidence in free text from 1% of values).\n"
      "Card numbers and IBANs count only when their checksum passes: a column of IDs that\n"
      "merely look like card numbers is not flagged. Examples are masked; raw values are never\n"
      "printed.\n"
      "Exit codes: 0 no finding at --fail-on's level, 1 personal data found at that level (by\n"
      "default any high-confidence finding: fails CI before PII reaches training), 2 bad data or\n"
      "usage error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Result<io::SourceOptions> options = flags->source.Resolve();
      if (!options.ok())
        return ReportError(options.status());
      const std::string shown = io::RedactPostgresUri(flags->data);
      Result<privacy::PiiScanReport> report =
          ScanSourceForPii(flags->data, std::move(options).value(), flags->columns,
                           ProgressAllowed(global.quiet, global.json));
      if (!report.ok())
        return ReportError(report.status());
      report->source = shown;
      if (global.json) {
        std::cout << privacy::PiiScanReportToJson(*report).dump(
                         2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
      } else {
        PrintPiiReport(*report, std::cout);
      }
      return FindingsFail(*report, flags->fail_on) ? kExitCheckFailed : kExitOk;
    };
  });
}

}  // namespace steward::cli
