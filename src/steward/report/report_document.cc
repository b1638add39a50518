#include "steward/report/report_document.h"

namespace steward::report {

std::string LightName(Light light) {
  switch (light) {
    case Light::kGreen:
      return "green";
    case Light::kAmber:
      return "amber";
    case Light::kRed:
      return "red";
  }
  return "amber";
}

nlohmann::json ReportToJson(const Report& report) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const InputFile& input : report.inputs)
    inputs.push_back({{"path", input.path}, {"kind", input.kind}, {"format", input.format}});
  nlohmann::json sections = nlohmann::json::array();
  for (const Section& section : report.sections) {
    nlohmann::json out = {{"id", section.id}, {"title", section.title}};
    out["paragraphs"] = section.paragraphs;
    nlohmann::json figures = nlohmann::json::array();
    for (const KeyFigure& figure : section.figures) {
      figures.push_back({{"id", figure.id},
                         {"label", figure.label},
                         {"value", figure.value},
                         {"display", figure.display}});
    }
    out["figures"] = std::move(figures);
    nlohmann::json gates = nlohmann::json::array();
    for (const Gate& gate : section.gates) {
      gates.push_back(
          {{"name", gate.name}, {"status", LightName(gate.light)}, {"detail", gate.detail}});
    }
    out["gates"] = std::move(gates);
    if (!section.items.empty())
      out["items"] = {{"title", section.items_title}, {"entries", section.items}};
    nlohmann::json charts = nlohmann::json::array();
    for (const Chart& chart : section.charts)
      charts.push_back(ChartToJson(chart));
    out["charts"] = std::move(charts);
    nlohmann::json tables = nlohmann::json::array();
    for (const Table& table : section.tables) {
      tables.push_back({{"id", table.id},
                        {"title", table.title},
                        {"columns", table.columns},
                        {"rows", table.rows}});
    }
    out["tables"] = std::move(tables);
    sections.push_back(std::move(out));
  }
  return {{"format", kReportFormat},
          {"title", report.title},
          {"inputs", std::move(inputs)},
          {"sections", std::move(sections)}};
}

}  // namespace steward::report
