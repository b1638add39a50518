#include "steward/cli/profile_report.h"

#include <cmath>
#include <cstdio>

#include "steward/cli/text_table.h"

namespace steward::cli {
namespace {

using nlohmann::json;

std::string Number(const json& value) {
  if (value.is_string())
    return value.get<std::string>();  // "inf", "-inf", "nan"
  if (!value.is_number())
    return "";
  const double number = value.get<double>();
  char text[32];
  if (number == std::trunc(number) && std::abs(number) < 1e15)
    std::snprintf(text, sizeof text, "%.0f", number);
  else
    std::snprintf(text, sizeof text, "%.4g", number);
  return text;
}

std::string Quantile(const json& column, double q) {
  if (!column.contains("numeric") || !column["numeric"].contains("quantiles"))
    return "";
  for (const json& entry : column["numeric"]["quantiles"]["values"]) {
    if (entry["q"].get<double>() == q)
      return Number(entry["value"]);
  }
  return "";
}

std::string MostFrequent(const json& column) {
  if (!column.contains("top") || column["top"].empty())
    return "";
  const json& top = column["top"][0];
  return Shorten(top["value"].get<std::string>(), 16) + " (" +
         FormatCount(top["count"].get<uint64_t>()) + ")";
}

}  // namespace

void PrintProfileReport(const json& summary, const std::string& written_to, double seconds,
                        std::ostream& out) {
  const json& duplicates = summary["duplicates"];
  out << summary["source"].get<std::string>() << ": "
      << FormatCount(summary["rows"].get<uint64_t>()) << " rows, "
      << summary["columns"].get<uint64_t>() << " columns, "
      << FormatCount(duplicates["rows"].get<uint64_t>()) << " duplicate rows"
      << (duplicates["exact"].get<bool>() ? "" : " (estimated)") << "; profiled in "
      << FormatSeconds(seconds) << "\n\n";
  TextTable table(
      {"column", "kind", "missing", "distinct", "mean / most frequent", "min", "median", "max"});
  for (const json& column : summary["column_profiles"]) {
    const json& distinct = column["distinct"];
    std::string distinct_text = FormatCount(static_cast<uint64_t>(distinct["value"].get<double>()));
    if (!distinct["exact"].get<bool>())
      distinct_text = "~" + distinct_text;
    char missing[32];
    std::snprintf(missing, sizeof missing, "%.1f%%", column["missing_rate"].get<double>() * 100);
    const bool numeric = column.contains("numeric");
    table.AddRow({Shorten(column["name"].get<std::string>(), 24), column["kind"].get<std::string>(),
                  missing, distinct_text,
                  numeric ? Number(column["numeric"]["mean"]) : MostFrequent(column),
                  numeric ? Number(column["numeric"]["min"]) : "", Quantile(column, 0.5),
                  numeric ? Number(column["numeric"]["max"]) : ""});
  }
  table.Print(out);
  if (summary.contains("target") && summary["target"].is_object()) {
    const json& target = summary["target"];
    out << "\ntarget " << target["column"].get<std::string>();
    if (target.contains("classes")) {
      out << ":";
      for (const json& entry : target["classes"]) {
        char share[32];
        std::snprintf(share, sizeof share, "%.1f%%", entry["share"].get<double>() * 100);
        out << " " << entry["label"].get<std::string>() << " " << share;
      }
    }
    out << "\n";
  }
  const json& alerts = summary["alerts"];
  out << "\n" << alerts.size() << (alerts.size() == 1 ? " alert" : " alerts") << "\n";
  for (const json& alert : alerts)
    out << "  " << alert["type"].get<std::string>() << "  " << alert["message"].get<std::string>()
        << "\n";
  if (!written_to.empty())
    out << "\nprofile written to " << written_to << "\n";
}

}  // namespace steward::cli
