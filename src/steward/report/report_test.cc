#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "steward/report/evidence.h"
#include "steward/report/html_escape.h"
#include "steward/report/html_page.h"
#include "steward/report/number_format.h"
#include "steward/report/report_builder.h"
#include "steward/report/svg_chart.h"

namespace steward::report {
namespace {

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++count;
  return count;
}

Chart RankingWithName(const std::string& name) {
  Chart chart;
  chart.kind = ChartKind::kHorizontalBar;
  chart.id = "ranking";
  chart.title = "Importance of " + name;
  chart.description = "How much " + name + " matters.";
  chart.x_label = "Mean |SHAP value| (log-odds)";
  chart.y_label = "Input";
  chart.categories = {name, "age"};
  chart.series.push_back({"importance", {}, {0.5, 0.25}, {}, {}});
  return chart;
}

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(EscapeHtml("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
}

TEST(EscapeHtml, ReplacesInvalidUtf8AndControlCharacters) {
  EXPECT_EQ(EscapeHtml(std::string("a\xff") + "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(EscapeHtml(std::string("a\x01z")), "a\xEF\xBF\xBDz");
  EXPECT_EQ(EscapeHtml("Muñoz\n"), "Muñoz\n");
}

TEST(FormatNumber, WholeNumbersInFullOthersRounded) {
  EXPECT_EQ(FormatNumber(4454), "4454");
  EXPECT_EQ(FormatNumber(0.83456), "0.835");
  EXPECT_EQ(FormatNumber(NAN), "n/a");
  EXPECT_EQ(FormatPercent(0.1234), "12.3%");
}

TEST(RenderChart, ScriptInAColumnNameIsEscapedEverywhere) {
  const std::string html = RenderChart(RankingWithName("<script>alert(1)</script>"));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(RenderChart, HasAccessibleTitleDescriptionAxisLabelsAndTable) {
  const std::string html = RenderChart(RankingWithName("income"));
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find("<title id=\"ranking-title\">Importance of income</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<desc id=\"ranking-desc\">"), std::string::npos);
  EXPECT_NE(html.find(">Mean |SHAP value| (log-odds)</text>"), std::string::npos);
  EXPECT_NE(html.find("<details"), std::string::npos);
  EXPECT_NE(html.find("data-value=\"0.5\""), std::string::npos);
  EXPECT_EQ(Count(html, "<rect class=\"bar"), 2u);
}

TEST(RenderChart, EveryKindDrawsItsData) {
  Chart chart = RankingWithName("x");
  for (ChartKind kind : {ChartKind::kBar, ChartKind::kHistogram, ChartKind::kLine, ChartKind::kHeat,
                         ChartKind::kHorizontalBar}) {
    chart.kind = kind;
    chart.series = {{"a", {0, 1}, {0.2, 0.8}, {}, {}}, {"b", {0, 1}, {0.4, 0.6}, {}, {}}};
    const std::string svg = RenderChartSvg(chart);
    const bool drawn = svg.find("<rect class=\"bar") != std::string::npos ||
                       svg.find("<polyline") != std::string::npos ||
                       svg.find("<rect class=\"heat") != std::string::npos;
    EXPECT_TRUE(drawn) << ChartKindName(kind);
    EXPECT_EQ(Count(svg, "<svg"), 1u);
    EXPECT_EQ(Count(svg, "</svg>"), 1u);
  }
}

TEST(RenderHtml, PageIsSelfContained) {
  Report report;
  report.title = "t <b>";
  Section section;
  section.id = "data_quality";
  section.title = "Data";
  section.charts.push_back(RankingWithName("income"));
  report.sections.push_back(section);
  const std::string html = RenderHtml(report);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("prefers-color-scheme: dark"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("<title>t &lt;b&gt;</title>"), std::string::npos);
}

TEST(BuildReport, MonitorGivesADriftSectionRankedDriftedFirst) {
  Evidence evidence;
  evidence.monitor = nlohmann::json::parse(R"({"format": "steward.monitor/1",
    "dataset_drift": {"drifted_columns": 1, "columns": 2, "share": 0.5, "threshold": 0.5, "drift": false},
    "columns": [{"name": "empty", "score": null, "threshold": 0.1, "drift": false},
                {"name": "calm", "score": 0.9, "threshold": 0.1, "drift": false},
                {"name": "moved", "score": 0.2, "threshold": 0.1, "drift": true,
                 "distribution": {"bins": ["a", "b"], "reference": [0.5, 0.5], "current": [0.9, 0.1]}}]})");
  const Report report = BuildReport(evidence);
  ASSERT_EQ(report.sections.size(), 2u);
  const Section& drift = report.sections[1];
  EXPECT_EQ(drift.id, "drift");
  EXPECT_EQ(drift.charts[0].categories, (std::vector<std::string>{"moved", "calm", "empty"}));
  EXPECT_EQ(drift.charts[1].kind, ChartKind::kHistogram);
  EXPECT_EQ(report.sections[0].gates[0].light, Light::kAmber);
}

// Precision at each ROC point is TP / (TP + FP) = tpr * P / (tpr * P + fpr * N).
TEST(BuildReport, PrecisionRecallCurveFollowsFromRocPointsAndClassWeights) {
  Evidence evidence;
  evidence.evaluation = nlohmann::json::parse(R"({"format": "steward.metrics/1", "task": "binary",
    "overall": {"rows": 4, "weight": 4, "positive_weight": 2, "roc_auc": 0.75, "threshold": 0.5,
      "roc_curve": {"fpr": [0, 0.5, 1], "tpr": [0, 1, 1], "thresholds": [1.9, 0.9, 0.1]}}})");
  const Report report = BuildReport(evidence);
  ASSERT_EQ(report.sections.size(), 2u);
  const Section& performance = report.sections[1];
  ASSERT_EQ(performance.charts.size(), 2u);
  const Chart& pr = performance.charts[1];
  EXPECT_EQ(pr.id, "performance-pr");
  EXPECT_EQ(pr.series[0].x, (std::vector<double>{1, 1}));
  ASSERT_EQ(pr.series[0].values.size(), 2u);
  EXPECT_DOUBLE_EQ(pr.series[0].values[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(pr.series[0].values[1], 0.5);
  EXPECT_DOUBLE_EQ(*pr.reference, 0.5);
}

TEST(ParseEvidenceJson, TruncatedJsonNamesTheFile) {
  Result<nlohmann::json> parsed = ParseEvidenceJson("{\"format\": \"steward.mon", "m.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("m.json: not valid JSON"), std::string::npos);
}

TEST(LoadEvidence, MissingFileIsNotFound) {
  Result<Evidence> loaded = LoadEvidence({"/nonexistent/monitor.json"});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace steward::report
