#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace steward::report::internal {

// A linear map from data values [domain_low, domain_high] to SVG coordinates
// [range_low, range_high]. A degenerate domain maps everything to the middle.
struct Scale {
  double domain_low = 0;
  double domain_high = 1;
  double range_low = 0;
  double range_high = 1;
  double operator()(double value) const;
};

// About `count` round tick values ("1, 2, 5 times a power of ten") covering [low, high]; the
// first and last ticks enclose the interval, so they make good axis limits.
std::vector<double> NiceTicks(double low, double high, int count = 5);

// A coordinate with one decimal, the precision a screen needs.
std::string Coordinate(double value);

// `text` cut to `max_characters` code points with an ellipsis, for labels drawn in the
// chart; the table beside it holds the full text.
std::string Shorten(std::string_view text, size_t max_characters);

// <text> at (x, y) with a CSS class, escaped content; `anchor` is start, middle or end.
std::string Text(double x, double y, std::string_view content, std::string_view css_class,
                 std::string_view anchor, std::string_view extra_attributes = "");

// Grid line, tick and tick label for each value of `ticks` along the bottom (x) or left (y)
// edge of the plot area, plus the axis line.
struct PlotArea {
  double left, top, right, bottom;
};
std::string XAxis(const PlotArea& area, const Scale& scale, const std::vector<double>& ticks);
std::string YAxis(const PlotArea& area, const Scale& scale, const std::vector<double>& ticks);
// The x label centred under the axis, the y label rotated beside it.
std::string AxisLabels(const PlotArea& area, double height, std::string_view x_label,
                       std::string_view y_label);

// A legend, one swatch per name (classes s0, s1, ...), right-aligned at (right, top).
std::string Legend(double right, double top, const std::vector<std::string>& names);

}  // namespace steward::report::internal
