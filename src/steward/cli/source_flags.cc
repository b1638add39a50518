#include "steward/cli/source_flags.h"

namespace steward::cli {

void SourceFlags::Register(CLI::App& command) {
  command.add_option("--delimiter", delimiter,
                     "Field delimiter: one character, or 'tab' (default: detect among , ; tab |)");
  command.add_flag("--no-header", no_header,
                   "The first line is data; columns are named column_1, column_2, ...");
  command.add_option("--missing", missing, "Also read this token as a missing value (repeatable)");
  command.add_flag("--no-default-missing", no_default_missing,
                   "Only --missing tokens mean missing (default: empty, NA, N/A, null, NaN, NULL, "
                   "None, ... as pandas)");
  command.add_option(
      "--type", types,
      "Force a column's kind: NAME=numeric|categorical|text|timestamp|boolean (repeatable)");
  command.add_option("--infer-rows", infer_rows, "Records sampled to infer column kinds, or 'all'")
      ->capture_default_str();
  command.add_option("--threads", threads, "Parsing threads (default: one per core)");
  command.add_option("--bad-rows", bad_rows, "On a malformed record: error | skip | quarantine")
      ->capture_default_str()
      ->check(CLI::IsMember({"error", "skip", "quarantine"}));
  command.add_option("--quarantine", quarantine,
                     "With --bad-rows quarantine: file for the bad records");
  command.add_option("--format", format, "Input format: auto | csv | jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "csv", "jsonl"}));
  command.add_option("--sql", sql, "With a postgresql:// source: the SELECT to read");
}

Result<io::SourceOptions> SourceFlags::Resolve() const {
  io::SourceOptions options;
  io::CsvOptions& csv = options.csv;
  if (delimiter == "tab" || delimiter == "\\t") {
    csv.delimiter = '\t';
  } else if (delimiter.size() == 1) {
    csv.delimiter = delimiter[0];
  } else if (!delimiter.empty()) {
    return Status::InvalidArgument("--delimiter must be one character or 'tab', got '" + delimiter +
                                   "'");
  }
  csv.header = !no_header;
  std::vector<std::string> tokens =
      no_default_missing ? std::vector<std::string>{} : io::MissingTokens::Default().tokens();
  tokens.insert(tokens.end(), missing.begin(), missing.end());
  csv.missing = io::MissingTokens(std::move(tokens));
  for (const std::string& type : types) {
    size_t equals = type.rfind('=');
    if (equals == std::string::npos || equals == 0) {
      return Status::InvalidArgument("--type expects NAME=KIND, got '" + type + "'");
    }
    STEWARD_ASSIGN_OR_RETURN(ColumnKind kind, ParseColumnKind(type.substr(equals + 1)));
    csv.column_kinds.emplace_back(type.substr(0, equals), kind);
  }
  if (infer_rows == "all") {
    csv.infer_rows = 0;
  } else {
    try {
      size_t used = 0;
      long long rows = std::stoll(infer_rows, &used);
      if (used != infer_rows.size() || rows <= 0)
        throw std::invalid_argument(infer_rows);
      csv.infer_rows = static_cast<size_t>(rows);
    } catch (const std::exception&) {
      return Status::InvalidArgument("--infer-rows expects a positive number or 'all', got '" +
                                     infer_rows + "'");
    }
  }
  csv.threads = threads;
  if (bad_rows == "skip") {
    csv.bad_rows = io::BadRowPolicy::kSkip;
  } else if (bad_rows == "quarantine") {
    csv.bad_rows = io::BadRowPolicy::kQuarantine;
    if (quarantine.empty())
      return Status::InvalidArgument("--bad-rows quarantine needs --quarantine FILE");
  }
  if (!quarantine.empty() && bad_rows != "quarantine") {
    return Status::InvalidArgument("--quarantine needs --bad-rows quarantine");
  }
  csv.quarantine_path = quarantine;
  options.format = format == "csv"     ? io::SourceFormat::kCsv
                   : format == "jsonl" ? io::SourceFormat::kJsonLines
                                       : io::SourceFormat::kAuto;
  options.sql = sql;
  return options;
}

}  // namespace steward::cli
