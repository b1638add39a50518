#include "steward/report/html_page.h"

#include <cmath>
#include <cstdio>

#include "steward/report/html_escape.h"
#include "steward/report/number_format.h"
#include "steward/report/svg_chart.h"

namespace steward::report {
namespace {

constexpr std::string_view kStyle = R"css(
:root{--fg:#1b1f24;--bg:#ffffff;--muted:#57606a;--grid:#d8dee4;--panel:#f6f8fa;
--s0:#0969da;--s1:#d4710b;--s2:#1a7f37;--s3:#8250df;--s4:#bf3989;--s5:#6e7781;
--green:#1a7f37;--amber:#9a6700;--red:#cf222e;--band:rgba(26,127,55,.14)}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;
--grid:#30363d;--panel:#161b22;--s0:#4493f8;--s1:#f0883e;--s2:#3fb950;--s3:#ab7df8;
--s4:#f778ba;--s5:#9198a1;--green:#3fb950;--amber:#d29922;--red:#f85149;
--band:rgba(63,185,80,.18)}}
body{margin:0 auto;max-width:60rem;padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;
color:var(--fg);background:var(--bg)}
h1{font-size:1.7rem}h2{border-bottom:1px solid var(--grid);padding-bottom:.2rem;margin-top:2.2rem}
nav ul{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0}
a{color:var(--s0)}.note,.inputs{color:var(--muted);font-size:.9rem}
dl.figures{display:flex;flex-wrap:wrap;gap:.8rem}
dl.figures div{background:var(--panel);border:1px solid var(--grid);border-radius:6px;
padding:.4rem .8rem;min-width:8rem}dl.figures dt{font-size:.8rem;color:var(--muted)}
dl.figures dd{margin:0;font-size:1.3rem;font-weight:600}
ul.gates{list-style:none;padding:0}ul.gates li{margin:.3rem 0}
.light{display:inline-block;min-width:4.2rem;text-align:center;border-radius:1rem;
padding:0 .5rem;margin-right:.5rem;font-weight:600;color:#fff}
.light.green{background:var(--green)}.light.amber{background:var(--amber)}
.light.red{background:var(--red)}
figure{margin:1.5rem 0;break-inside:avoid}figcaption{font-weight:600}
svg.chart{max-width:100%;height:auto;display:block}
svg text{fill:var(--fg);font-size:12px}svg .tick{fill:var(--muted)}
svg .axis-label{font-size:13px;font-weight:600}
svg .grid{stroke:var(--grid);stroke-width:1}svg .axis{stroke:var(--fg);stroke-width:1}
svg .reference{stroke:var(--muted);stroke-dasharray:5 4;stroke-width:1.5}
svg .whisker{stroke:var(--fg);stroke-width:1.5}svg .band{fill:var(--band)}
svg .line{fill:none;stroke-width:2.2}
.s0{fill:var(--s0);stroke:var(--s0)}.s1{fill:var(--s1);stroke:var(--s1)}
.s2{fill:var(--s2);stroke:var(--s2)}.s3{fill:var(--s3);stroke:var(--s3)}
.s4{fill:var(--s4);stroke:var(--s4)}.s5{fill:var(--s5);stroke:var(--s5)}
svg .line.s0,svg .line.s1,svg .line.s2,svg .line.s3,svg .line.s4,svg .line.s5{fill:none}
svg .bar{stroke:none}svg .bar.overlay{fill-opacity:.55;stroke-width:1.5}
svg .positive{fill:var(--s1)}svg .negative{fill:var(--s0)}
svg .heat{fill:var(--s0)}svg .cell-text.strong{fill:#fff;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid var(--grid);padding:.2rem .5rem;text-align:left}
td[data-value]{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
details{margin:.3rem 0}summary{cursor:pointer;color:var(--s0)}
@media print{body{max-width:none;color:#000;background:#fff}nav,summary{display:none}
a{color:#000}h2{break-after:avoid}figure,table{break-inside:avoid}
.light{border:1px solid #000;color:#000;background:none!important}}
)css";

std::string CellHtml(const nlohmann::json& cell) {
  if (cell.is_number()) {
    const double value = cell.get<double>();
    char exact[40];
    std::snprintf(exact, sizeof exact, "%.17g", value);
    return "<td data-value=\"" + std::string(exact) + "\">" + FormatNumber(value) + "</td>";
  }
  if (cell.is_string())
    return "<td>" + EscapeHtml(cell.get<std::string>()) + "</td>";
  if (cell.is_boolean())
    return std::string("<td>") + (cell.get<bool>() ? "yes" : "no") + "</td>";
  return "<td>n/a</td>";
}

std::string TableHtml(const Table& table) {
  std::string out = "<table id=\"" + EscapeHtml(table.id) + "\"><caption>" +
                    EscapeHtml(table.title) + "</caption><thead><tr>";
  for (const std::string& column : table.columns)
    out += "<th scope=\"col\">" + EscapeHtml(column) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (const nlohmann::json& cell : row)
      out += CellHtml(cell);
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::string SectionHtml(const Section& section) {
  std::string out =
      "<section id=\"" + EscapeHtml(section.id) + "\"><h2>" + EscapeHtml(section.title) + "</h2>";
  for (const std::string& paragraph : section.paragraphs)
    out += "<p>" + EscapeHtml(paragraph) + "</p>";
  if (!section.figures.empty()) {
    out += "<dl class=\"figures\">";
    for (const KeyFigure& figure : section.figures) {
      out += "<div><dt>" + EscapeHtml(figure.label) + "</dt><dd data-figure=\"" +
             EscapeHtml(figure.id) + "\">" + EscapeHtml(figure.display) + "</dd></div>";
    }
    out += "</dl>";
  }
  if (!section.gates.empty()) {
    out += "<ul class=\"gates\">";
    for (const Gate& gate : section.gates) {
      const std::string light = LightName(gate.light);
      out += "<li data-gate=\"" + light + "\"><span class=\"light " + light + "\">" + light +
             "</span><strong>" + EscapeHtml(gate.name) + "</strong>: " + EscapeHtml(gate.detail) +
             "</li>";
    }
    out += "</ul>";
  }
  if (!section.items.empty()) {
    out += "<h3>" + EscapeHtml(section.items_title) + "</h3><ul>";
    for (const std::string& item : section.items)
      out += "<li>" + EscapeHtml(item) + "</li>";
    out += "</ul>";
  }
  for (const Chart& chart : section.charts)
    out += RenderChart(chart);
  for (const Table& table : section.tables)
    out += TableHtml(table);
  return out + "</section>";
}

}  // namespace

std::string RenderHtml(const Report& report) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
      "<meta name=\"color-scheme\" content=\"light dark\"/><title>" +
      EscapeHtml(report.title) + "</title><style>" + std::string(kStyle) +
      "</style></head><body><header><h1>" + EscapeHtml(report.title) +
      "</h1><p class=\"inputs\">Made by steward report from: ";
  for (size_t index = 0; index < report.inputs.size(); ++index) {
    out += (index ? "; " : "") + EscapeHtml(report.inputs[index].path) + " (" +
           EscapeHtml(report.inputs[index].kind) + ")";
  }
  out += "</p><nav><ul>";
  for (const Section& section : report.sections) {
    out += "<li><a href=\"#" + EscapeHtml(section.id) + "\">" + EscapeHtml(section.title) +
           "</a></li>";
  }
  out += "</ul></nav></header><main>";
  for (const Section& section : report.sections)
    out += SectionHtml(section);
  return out + "</main></body></html>\n";
}

}  // namespace steward::report
