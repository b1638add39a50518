#include "steward/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "steward/report/html_escape.h"
#include "steward/report/internal/svg_axes.h"
#include "steward/report/number_format.h"

namespace steward::report {
namespace {

using internal::AxisLabels;
using internal::Coordinate;
using internal::Legend;
using internal::NiceTicks;
using internal::PlotArea;
using internal::Scale;
using internal::Shorten;
using internal::Text;

constexpr double kWidth = 640;

std::string Opacity(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string SeriesClass(size_t index) {
  return "s" + std::to_string(index % 6);
}

// The finite values' range, widened to include `also` (e.g. 0 for bars).
std::pair<double, double> Extent(const std::vector<const std::vector<double>*>& lists,
                                 std::initializer_list<double> also) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const std::vector<double>* list : lists) {
    for (double value : *list) {
      if (std::isfinite(value)) {
        low = std::min(low, value);
        high = std::max(high, value);
      }
    }
  }
  for (double value : also) {
    low = std::min(low, value);
    high = std::max(high, value);
  }
  if (!std::isfinite(low))
    return {0, 1};
  return {low, high};
}

std::string Rect(double x, double y, double width, double height, const std::string& css_class,
                 const std::string& tooltip) {
  return "<rect class=\"" + css_class + "\" x=\"" + Coordinate(x) + "\" y=\"" + Coordinate(y) +
         "\" width=\"" + Coordinate(std::max(width, 0.0)) + "\" height=\"" +
         Coordinate(std::max(height, 0.0)) + "\"><title>" + EscapeHtml(tooltip) + "</title></rect>";
}

std::string Line(double x1, double y1, double x2, double y2, const std::string& css_class) {
  return "<line class=\"" + css_class + "\" x1=\"" + Coordinate(x1) + "\" y1=\"" + Coordinate(y1) +
         "\" x2=\"" + Coordinate(x2) + "\" y2=\"" + Coordinate(y2) + "\"/>";
}

std::vector<std::string> SeriesNames(const Chart& chart) {
  std::vector<std::string> names;
  for (const Series& series : chart.series)
    names.push_back(series.name);
  return names;
}

bool LongCategories(const Chart& chart) {
  size_t longest = 0;
  for (const std::string& category : chart.categories)
    longest = std::max(longest, category.size());
  return chart.categories.size() > 6 || longest > 10;
}

// Vertical bars per category; with two series or more, the series stand side by side
// (ChartKind::kBar) or over each other (kHistogram, so two distributions compare bin by bin).
std::string DrawBars(const Chart& chart, bool overlaid, double& height) {
  const bool slanted = LongCategories(chart);
  height = slanted ? 400 : 340;
  const PlotArea area{64, 28, kWidth - 16, height - (slanted ? 120 : 56)};
  std::vector<const std::vector<double>*> lists;
  for (const Series& series : chart.series)
    lists.push_back(&series.values);
  const auto [low, high] = Extent(lists, {0.0});
  const std::vector<double> ticks = NiceTicks(low, high);
  const Scale y{ticks.front(), ticks.back(), area.bottom, area.top};
  std::string out = internal::YAxis(area, y, ticks);
  const size_t count = std::max<size_t>(chart.categories.size(), 1);
  const double band = (area.right - area.left) / double(count);
  const size_t series_count = std::max<size_t>(chart.series.size(), 1);
  for (size_t category = 0; category < chart.categories.size(); ++category) {
    const double band_left = area.left + band * double(category);
    for (size_t index = 0; index < chart.series.size(); ++index) {
      const Series& series = chart.series[index];
      if (category >= series.values.size() || !std::isfinite(series.values[category]))
        continue;
      const double value = series.values[category];
      double bar_left = band_left + band * 0.1;
      double bar_width = band * 0.8;
      std::string css = "bar " + SeriesClass(index);
      if (overlaid) {
        css += index == 0 ? "" : " overlay";
        if (index > 0) {  // the later distribution a little narrower, so both stay visible
          bar_left += band * 0.15;
          bar_width -= band * 0.3;
        }
      } else {
        bar_width = band * 0.8 / double(series_count);
        bar_left += bar_width * double(index);
      }
      const double top = y(std::max(value, 0.0));
      out += Rect(bar_left, top, bar_width, y(std::min(value, 0.0)) - top, css,
                  chart.categories[category] + ", " + series.name + ": " + FormatNumber(value));
    }
    const double center = band_left + band / 2;
    const std::string label = Shorten(chart.categories[category], slanted ? 16 : 12);
    if (slanted) {
      const std::string transform = "transform=\"rotate(-40 " + Coordinate(center) + " " +
                                    Coordinate(area.bottom + 14) + ")\"";
      out += Text(center, area.bottom + 14, label, "tick", "end", transform);
    } else {
      out += Text(center, area.bottom + 16, label, "tick", "middle");
    }
  }
  out += Line(area.left, y(0), area.right, y(0), "axis");
  out += AxisLabels(area, height, chart.x_label, chart.y_label);
  if (chart.series.size() > 1)
    out += Legend(area.right, 14, SeriesNames(chart));
  return out;
}

std::string DrawHorizontalBars(const Chart& chart, double& height) {
  constexpr double kRow = 24;
  size_t longest = 4;
  for (const std::string& label : chart.categories)
    longest = std::max(longest, std::min<size_t>(label.size(), 28));
  // Room for the labels and, left of them, the rotated axis label.
  const double left = std::min(250.0, 36.0 + 7.0 * double(longest));
  const double rows = double(std::max<size_t>(chart.categories.size(), 1));
  height = 28 + kRow * rows + 56;
  const PlotArea area{left, 28, kWidth - 56, 28 + kRow * rows};
  const Series empty;
  const Series& series = chart.series.empty() ? empty : chart.series.front();
  double band_low = 0, band_high = 0;
  if (chart.band)
    std::tie(band_low, band_high) = *chart.band;
  const double reference = chart.reference.value_or(0);
  const auto [low, high] =
      Extent({&series.values, &series.low, &series.high}, {0.0, band_low, band_high, reference});
  const std::vector<double> ticks = NiceTicks(low, high);
  const Scale x{ticks.front(), ticks.back(), area.left, area.right};
  std::string out;
  if (chart.band) {
    out += "<rect class=\"band\" x=\"" + Coordinate(x(band_low)) + "\" y=\"" +
           Coordinate(area.top) + "\" width=\"" + Coordinate(x(band_high) - x(band_low)) +
           "\" height=\"" + Coordinate(area.bottom - area.top) + "\"/>";
  }
  out += internal::XAxis(area, x, ticks);
  const bool signed_values =
      std::any_of(series.values.begin(), series.values.end(), [](double v) { return v < 0; });
  for (size_t row = 0; row < chart.categories.size(); ++row) {
    const double top = area.top + kRow * double(row);
    out +=
        Text(area.left - 6, top + kRow / 2 + 4, Shorten(chart.categories[row], 28), "tick", "end");
    if (row >= series.values.size() || !std::isfinite(series.values[row]))
      continue;
    const double value = series.values[row];
    const std::string css =
        signed_values ? (value < 0 ? "bar negative" : "bar positive") : "bar s0";
    std::string tooltip = chart.categories[row] + ": " + FormatNumber(value);
    const bool has_interval = row < series.low.size() && std::isfinite(series.low[row]) &&
                              std::isfinite(series.high[row]);
    if (has_interval) {
      tooltip += " (interval " + FormatNumber(series.low[row]) + " to " +
                 FormatNumber(series.high[row]) + ")";
    }
    const double start = x(std::min(value, 0.0));
    out += Rect(start, top + 4, x(std::max(value, 0.0)) - start, kRow - 8, css, tooltip);
    if (has_interval) {
      const double middle = top + kRow / 2;
      out += Line(x(series.low[row]), middle, x(series.high[row]), middle, "whisker");
      out += Line(x(series.low[row]), middle - 5, x(series.low[row]), middle + 5, "whisker");
      out += Line(x(series.high[row]), middle - 5, x(series.high[row]), middle + 5, "whisker");
    }
    const double end = has_interval ? std::max(x(series.high[row]), x(value)) : x(value);
    out +=
        Text(std::max(end, x(0.0)) + 4, top + kRow / 2 + 4, FormatNumber(value), "value", "start");
  }
  if (chart.reference) {
    out += Line(x(reference), area.top - 4, x(reference), area.bottom, "reference");
    out += Text(x(reference), area.top - 8, chart.reference_label, "tick", "middle");
  }
  out += AxisLabels(area, height, chart.x_label, chart.y_label);
  return out;
}

std::string DrawLines(const Chart& chart, double& height) {
  height = 420;
  const PlotArea area{64, 28, kWidth - 16, height - 56};
  std::vector<const std::vector<double>*> xs, ys;
  for (const Series& series : chart.series) {
    xs.push_back(&series.x);
    ys.push_back(&series.values);
  }
  auto [x_low, x_high] = chart.x_range.value_or(Extent(xs, {}));
  auto [y_low, y_high] = chart.y_range.value_or(Extent(ys, {}));
  if (chart.reference) {
    y_low = std::min(y_low, *chart.reference);
    y_high = std::max(y_high, *chart.reference);
  }
  const std::vector<double> x_ticks = NiceTicks(x_low, x_high);
  const std::vector<double> y_ticks = NiceTicks(y_low, y_high);
  const Scale x{x_ticks.front(), x_ticks.back(), area.left, area.right};
  const Scale y{y_ticks.front(), y_ticks.back(), area.bottom, area.top};
  std::string out = internal::XAxis(area, x, x_ticks) + internal::YAxis(area, y, y_ticks);
  if (chart.diagonal) {
    const double from = std::max(x_ticks.front(), y_ticks.front());
    const double to = std::min(x_ticks.back(), y_ticks.back());
    out += Line(x(from), y(from), x(to), y(to), "reference");
  }
  if (chart.reference) {
    out += Line(area.left, y(*chart.reference), area.right, y(*chart.reference), "reference");
    out += Text(area.right - 4, y(*chart.reference) - 6, chart.reference_label, "tick", "end");
  }
  for (size_t index = 0; index < chart.series.size(); ++index) {
    const Series& series = chart.series[index];
    std::string points, markers;
    const size_t count = std::min(series.x.size(), series.values.size());
    for (size_t point = 0; point < count; ++point) {
      if (!std::isfinite(series.x[point]) || !std::isfinite(series.values[point]))
        continue;
      const std::string px = Coordinate(x(series.x[point]));
      const std::string py = Coordinate(y(series.values[point]));
      points += (points.empty() ? "" : " ") + px + "," + py;
      // Few points (a calibration curve) are measurements worth marking one by one.
      if (count <= 30) {
        markers += "<circle class=\"marker " + SeriesClass(index) + "\" cx=\"" + px + "\" cy=\"" +
                   py + "\" r=\"3.5\"><title>" +
                   EscapeHtml(series.name + ": " + FormatNumber(series.x[point]) + ", " +
                              FormatNumber(series.values[point])) +
                   "</title></circle>";
      }
    }
    out +=
        "<polyline class=\"line " + SeriesClass(index) + "\" points=\"" + points + "\"/>" + markers;
  }
  out += AxisLabels(area, height, chart.x_label, chart.y_label);
  // Bottom right: ROC, precision-recall and calibration curves rarely pass there.
  const double legend_top =
      area.bottom - 10 - 16.0 * double(std::max<size_t>(chart.series.size(), 1) - 1);
  out += Legend(area.right - 4, legend_top, SeriesNames(chart));
  return out;
}

std::string DrawHeat(const Chart& chart, double& height) {
  size_t longest = 4;
  for (const Series& row : chart.series)
    longest = std::max(longest, std::min<size_t>(row.name.size(), 20));
  const double left = 40 + 7.0 * double(longest);
  const double columns = double(std::max<size_t>(chart.categories.size(), 1));
  const double rows = double(std::max<size_t>(chart.series.size(), 1));
  const double cell_width = std::min(120.0, (kWidth - left - 16) / columns);
  const double cell_height = std::min(60.0, 360.0 / rows);
  height = 48 + cell_height * rows + 48;
  const PlotArea area{left, 48, left + cell_width * columns, 48 + cell_height * rows};
  double largest = 0;
  for (const Series& row : chart.series) {
    for (double value : row.values) {
      if (std::isfinite(value))
        largest = std::max(largest, std::abs(value));
    }
  }
  std::string out;
  for (size_t column = 0; column < chart.categories.size(); ++column) {
    out += Text(left + cell_width * (double(column) + 0.5), area.top - 8,
                Shorten(chart.categories[column], 14), "tick", "middle");
  }
  for (size_t row = 0; row < chart.series.size(); ++row) {
    const Series& series = chart.series[row];
    const double top = area.top + cell_height * double(row);
    out += Text(left - 8, top + cell_height / 2 + 4, Shorten(series.name, 20), "tick", "end");
    for (size_t column = 0; column < chart.categories.size(); ++column) {
      const double value = column < series.values.size() ? series.values[column] : NAN;
      const double shade = std::isfinite(value) && largest > 0 ? std::abs(value) / largest : 0;
      const double cell_left = left + cell_width * double(column);
      out +=
          "<rect class=\"heat\" x=\"" + Coordinate(cell_left) + "\" y=\"" + Coordinate(top) +
          "\" width=\"" + Coordinate(cell_width - 2) + "\" height=\"" +
          Coordinate(cell_height - 2) + "\" fill-opacity=\"" + Opacity(0.08 + 0.85 * shade) +
          "\"><title>" +
          EscapeHtml(series.name + " / " + chart.categories[column] + ": " + FormatNumber(value)) +
          "</title></rect>";
      out += Text(cell_left + cell_width / 2 - 1, top + cell_height / 2 + 5, FormatNumber(value),
                  shade > 0.55 ? "cell-text strong" : "cell-text", "middle");
    }
  }
  const double middle_y = (area.top + area.bottom) / 2;
  out += internal::Text((area.left + area.right) / 2, 18, chart.x_label, "axis-label", "middle");
  out += internal::Text(14, middle_y, chart.y_label, "axis-label", "middle",
                        "transform=\"rotate(-90 14 " + Coordinate(middle_y) + ")\"");
  return out;
}

}  // namespace

std::string RenderChartSvg(const Chart& chart) {
  double height = 0;
  std::string body;
  switch (chart.kind) {
    case ChartKind::kBar:
      body = DrawBars(chart, false, height);
      break;
    case ChartKind::kHistogram:
      body = DrawBars(chart, true, height);
      break;
    case ChartKind::kHorizontalBar:
      body = DrawHorizontalBars(chart, height);
      break;
    case ChartKind::kLine:
      body = DrawLines(chart, height);
      break;
    case ChartKind::kHeat:
      body = DrawHeat(chart, height);
      break;
  }
  const std::string id = EscapeHtml(chart.id);
  return "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + Coordinate(kWidth) + " " +
         Coordinate(height) + "\" width=\"" + Coordinate(kWidth) + "\" height=\"" +
         Coordinate(height) + "\" aria-labelledby=\"" + id + "-title " + id + "-desc\" id=\"" + id +
         "\"><title id=\"" + id + "-title\">" + EscapeHtml(chart.title) + "</title><desc id=\"" +
         id + "-desc\">" + EscapeHtml(chart.description) + "</desc>" + body + "</svg>";
}

std::string RenderChart(const Chart& chart) {
  return "<figure class=\"figure\"><figcaption>" + EscapeHtml(chart.title) + "</figcaption>" +
         RenderChartSvg(chart) + "<p class=\"note\">" + EscapeHtml(chart.description) + "</p>" +
         RenderChartTable(chart) + "</figure>";
}

}  // namespace steward::report
