#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/progress.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/io/table_writer.h"
#include "steward/privacy/key_file.h"
#include "steward/privacy/pseudonymize.h"

namespace steward::cli {
namespace {

struct KeygenFlags {
  std::string out;
};

struct PseudonymizeFlags {
  std::string data;
  std::string key_file;
  std::string out;
  std::vector<std::string> columns;
  std::vector<std::string> mask;
  std::vector<std::string> generalize;
  std::vector<std::string> drop;
  SourceFlags source;
};

int RunPseudonymize(const PseudonymizeFlags& flags, const GlobalOptions& global) {
  // The key first: a missing or exposed key must stop the run before any data is read.
  Result<privacy::PseudonymKey> key = privacy::LoadKeyFile(flags.key_file);
  if (!key.ok())
    return ReportError(key.status());
  privacy::PseudonymizeOptions options;
  options.pseudonymize = flags.columns;
  options.mask = flags.mask;
  options.drop = flags.drop;
  for (const std::string& entry : flags.generalize) {
    Result<privacy::Generalization> generalization = privacy::ParseGeneralization(entry);
    if (!generalization.ok())
      return ReportError(generalization.status());
    options.generalize.push_back(*generalization);
  }
  if (options.pseudonymize.empty() && options.mask.empty() && options.drop.empty() &&
      options.generalize.empty())
    return ReportError(Status::InvalidArgument(
        "pseudonymize needs at least one of --columns, --mask, --generalize, --drop"));
  Result<io::SourceOptions> source = flags.source.Resolve();
  if (!source.ok())
    return ReportError(source.status());
  // Every column as text, so identifiers keep their exact spelling (leading zeros, long IDs).
  if (flags.data != "-") {
    Result<std::unique_ptr<io::BatchReader>> probe = io::OpenSource(flags.data, *source);
    if (!probe.ok())
      return ReportError(probe.status());
    source->csv.column_kinds.clear();
    for (const Field& field : (*probe)->schema().fields())
      source->csv.column_kinds.emplace_back(field.name, ColumnKind::kText);
  }
  Result<io::ReadResult> read =
      ReadData(flags.data, std::move(source).value(), ProgressAllowed(global.quiet, global.json));
  if (!read.ok())
    return ReportError(read.status());
  Result<Table> out = privacy::Pseudonymize(read->table, *key, options);
  if (!out.ok())
    return ReportError(out.status().WithContext(flags.data));
  Status written = io::WriteCsv(*out, flags.out);
  if (!written.ok())
    return ReportError(written);
  if (global.json) {
    nlohmann::json summary = {
        {"out", flags.out},
        {"rows", out->num_rows()},
        {"pseudonymized", flags.columns},
        {"masked", flags.mask},
        {"generalized", flags.generalize},
        {"dropped", flags.drop},
        {"pseudonym",
         "HMAC-SHA256, first " + std::to_string(privacy::kPseudonymHexDigits) + " hex digits"}};
    std::cout << summary.dump(2) << "\n";
  } else {
    std::cout << "wrote " << flags.out << ": " << out->num_rows() << " rows, " << out->num_columns()
              << " columns (" << flags.columns.size() << " pseudonymised, " << flags.mask.size()
              << " masked, " << flags.generalize.size() << " generalised, " << flags.drop.size()
              << " dropped)\n";
  }
  return kExitOk;
}

}  // namespace

void AddKeygenCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<KeygenFlags>();
  CLI::App* command = app.add_subcommand(
      "keygen", "Create a pseudonymisation key: 256 random bits (OpenSSL RAND_bytes), mode 0600");
  command->add_option("--out", flags->out, "Key file to create; never overwritten")->required();
  command->footer(
      "Keep the key outside the data and the registry: whoever holds it can link pseudonyms\n"
      "to the values they replace; losing it makes new pseudonyms unlinkable to old ones.\n"
      "Exit codes: 0 created, 2 the file exists or cannot be written, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int {
      Status status = privacy::CreateKeyFile(flags->out);
      if (!status.ok())
        return ReportError(status);
      if (global.json) {
        std::cout << nlohmann::json{{"key_file", flags->out}, {"mode", "0600"}, {"bits", 256}}.dump(
                         2)
                  << "\n";
      } else {
        std::cout << "created " << flags->out << " (256-bit key, mode 0600)\n";
      }
      return kExitOk;
    };
  });
}

void AddPseudonymizeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<PseudonymizeFlags>();
  CLI::App* command = app.add_subcommand(
      "pseudonymize",
      "Write a copy of a data set with identifiers replaced by keyed pseudonyms (HMAC-SHA256), "
      "columns masked, generalised or dropped");
  command
      ->add_option("DATA", flags->data,
                   "CSV or JSON Lines file, '-' for stdin, or postgresql://... with --sql")
      ->required();
  command->add_option("--columns", flags->columns, "Columns replaced by keyed pseudonyms")
      ->delimiter(',');
  command->add_option("--key-file", flags->key_file, "Key from 'steward keygen' (mode 0600)")
      ->required();
  command
      ->add_option("--mask", flags->mask,
                   "Columns masked keeping their format: digits '#', letters 'x'")
      ->delimiter(',');
  command
      ->add_option("--generalize", flags->generalize,
                   "COLUMN:N entries: numbers into bins of width N (age:10 -> 30-39), codes to "
                   "their first N characters (zip:3 -> 021**); binN or prefixN to choose")
      ->delimiter(',');
  command->add_option("--drop", flags->drop, "Columns removed")->delimiter(',');
  command->add_option("--out", flags->out, "CSV file to write (atomically)")->required();
  flags->source.Register(*command);
  command->footer(
      "A pseudonym is the first 32 hex digits (128 bits) of HMAC-SHA256(key, value): the same\n"
      "value gives the same pseudonym under the same key, so joins still work; without the key\n"
      "it cannot be reversed or recomputed. Never a plain hash, which anyone can reverse by\n"
      "hashing every possible ID. Missing values stay missing.\n"
      "Exit codes: 0 written, 2 a missing or group/world-readable key, bad data or usage\n"
      "error, 70 internal error.");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunPseudonymize(*flags, global); };
  });
}

}  // namespace steward::cli
