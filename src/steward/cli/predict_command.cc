#include <charconv>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/read_data.h"
#include "steward/cli/source_flags.h"
#include "steward/io/atomic_file.h"
#include "steward/io/table_writer.h"
#include "steward/model/predictor.h"

namespace steward::cli {
namespace {

struct PredictFlags {
  std::string bundle;
  std::string data;
  std::string out;
  SourceFlags source;
};

// The float's shortest decimal text read back as a double, so the CSV shows "0.12345679"
// rather than the float's exact binary expansion, and still reads back to the same float.
double ShortestValue(float value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  double result = 0;
  std::from_chars(buffer, end, result);
  return result;
}

Result<Table> PredictionTable(const Table& input, const model::ModelSchema& schema,
                              const model::Predictions& predictions) {
  std::vector<Field> fields;
  std::vector<Column> columns;
  if (!schema.id_column.empty()) {
    const std::optional<size_t> index = input.schema().Find(schema.id_column);
    if (!index)
      return Status::Internal("the id column '" + schema.id_column + "' vanished");
    TextValues ids;
    const Column& column = input.column(*index);
    for (size_t row = 0; row < input.num_rows(); ++row) {
      if (column.IsMissing(row))
        ids.AppendMissing();
      else
        ids.Append(column.ValueToString(row));
    }
    fields.push_back({schema.id_column, ColumnKind::kText, ColumnRole::kId});
    columns.push_back(Column::Text(std::move(ids)));
  }
  auto add_numbers = [&](const std::string& name, size_t offset) {
    std::vector<double> values(predictions.rows);
    for (size_t row = 0; row < predictions.rows; ++row)
      values[row] = ShortestValue(predictions.values[row * predictions.width + offset]);
    fields.push_back({name, ColumnKind::kNumeric, ColumnRole::kFeature});
    columns.push_back(Column::Numeric(std::move(values)));
  };
  switch (schema.task) {
    case model::Task::kBinary:
      add_numbers("probability", 0);
      break;
    case model::Task::kMulticlass:
      for (size_t index = 0; index < schema.classes.size(); ++index)
        add_numbers("probability_" + schema.classes[index], index);
      break;
    case model::Task::kRegression:
      add_numbers("prediction", 0);
      break;
  }
  if (schema.task != model::Task::kRegression) {
    fields.push_back({"class", ColumnKind::kCategorical, ColumnRole::kFeature});
    columns.push_back(Column::Categorical(predictions.classes,
                                          std::make_shared<const Categories>(schema.classes)));
  }
  STEWARD_ASSIGN_OR_RETURN(Schema output_schema, Schema::Make(std::move(fields)));
  return Table::Make(std::move(output_schema), std::move(columns));
}

nlohmann::json Summary(const PredictFlags& flags, const model::ModelSchema& schema,
                       const model::Predictions& predictions) {
  nlohmann::json unseen = nlohmann::json::object();
  size_t unseen_total = 0;
  for (const auto& [column, count] : predictions.notes.unseen_categories) {
    unseen[column] = count;
    unseen_total += count;
  }
  nlohmann::json summary = {
      {"bundle", flags.bundle},
      {"rows", predictions.rows},
      {"task", model::TaskName(schema.task)},
      {"unseen_categories", std::move(unseen)},
      {"unseen_categories_total", unseen_total},
      {"ignored_columns", predictions.notes.extra_columns},
      {"out", flags.out.empty() ? nlohmann::json() : nlohmann::json(flags.out)}};
  if (schema.task != model::Task::kRegression) {
    nlohmann::json counts = nlohmann::json::object();
    for (const std::string& label : schema.classes)
      counts[label] = 0;
    for (int32_t index : predictions.classes)
      counts[schema.classes[static_cast<size_t>(index)]] =
          counts[schema.classes[static_cast<size_t>(index)]].get<size_t>() + 1;
    summary["predicted_classes"] = std::move(counts);
  }
  return summary;
}

void PrintNotes(const nlohmann::json& summary) {
  std::fprintf(stderr, "steward: predicted %zu rows with %s\n", summary["rows"].get<size_t>(),
               summary["bundle"].get<std::string>().c_str());
  if (!summary["ignored_columns"].empty()) {
    std::fprintf(stderr, "steward: note: columns the model does not use were ignored: %s\n",
                 JoinNames(summary["ignored_columns"].get<std::vector<std::string>>()).c_str());
  }
  for (const auto& [column, count] : summary["unseen_categories"].items()) {
    if (count.get<size_t>() > 0) {
      std::fprintf(stderr,
                   "steward: note: %zu values of '%s' were not seen in training and were "
                   "treated as missing\n",
                   count.get<size_t>(), column.c_str());
    }
  }
}

int RunPredict(const PredictFlags& flags, const GlobalOptions& global) {
  if (global.json && flags.out.empty()) {
    return ReportError(Status::InvalidArgument(
        "predict --json writes its summary to stdout, so the predictions need --out FILE"));
  }
  Result<BundleAndData> loaded = LoadBundleAndData(flags.bundle, flags.data, flags.source, global);
  if (!loaded.ok())
    return ReportError(loaded.status());
  const model::Predictor& predictor = loaded->predictor;
  const Table& table = loaded->data.table;
  const std::string& shown = loaded->shown;
  const std::string& id_column = predictor.schema().id_column;
  if (!id_column.empty() && !table.schema().Find(id_column)) {  // before the work, not after
    return ReportError(Status::InvalidArgument(shown + ": the bundle's id column '" + id_column +
                                               "' is not in the data"));
  }
  Result<model::Predictions> predictions = predictor.Predict(table, shown);
  if (!predictions.ok())
    return ReportError(predictions.status());
  Result<Table> output = PredictionTable(table, predictor.schema(), *predictions);
  if (!output.ok())
    return ReportError(output.status());
  const std::string csv = io::FormatCsv(*output);
  if (flags.out.empty()) {
    std::cout << csv;
  } else {
    Status written = io::WriteFileAtomically(flags.out, csv);
    if (!written.ok())
      return ReportError(written);
  }
  const nlohmann::json summary = Summary(flags, predictor.schema(), *predictions);
  if (global.json)
    std::cout << summary.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else if (!global.quiet)
    PrintNotes(summary);
  return kExitOk;
}

}  // namespace

void AddPredictCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<PredictFlags>();
  CLI::App* command = app.add_subcommand(
      "predict",
      "Predict with a bundle: checks the data against the bundle's schema, then writes one "
      "row per input row (id, probability or value, class) as CSV");
  AddBundleAndDataArguments(*command, flags->bundle, flags->data,
                            "Data with the model's feature columns");
  command->add_option("--out", flags->out, "Write the predictions here (default: stdout)");
  flags->source.Register(*command);
  command->get_option("--threads")
      ->description("Threads for reading and predicting (default: one per core)");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunPredict(*flags, global); };
  });
}

}  // namespace steward::cli
