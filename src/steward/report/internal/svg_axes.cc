#include "steward/report/internal/svg_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "steward/report/html_escape.h"
#include "steward/report/number_format.h"

namespace steward::report::internal {

double Scale::operator()(double value) const {
  const double span = domain_high - domain_low;
  if (!(std::abs(span) > 0))
    return (range_low + range_high) / 2;
  return range_low + (value - domain_low) / span * (range_high - range_low);
}

std::vector<double> NiceTicks(double low, double high, int count) {
  if (!std::isfinite(low) || !std::isfinite(high))
    return {0, 1};
  if (high < low)
    std::swap(low, high);
  if (high == low) {
    const double pad = low == 0 ? 1 : std::abs(low) * 0.5;
    low -= pad;
    high += pad;
  }
  const double raw_step = (high - low) / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw_step)
      break;
  }
  const double first = std::floor(low / step + 1e-9) * step;
  const double last = std::ceil(high / step - 1e-9) * step;
  std::vector<double> ticks;
  for (int index = 0; first + index * step <= last + step * 1e-6 && index < 100; ++index) {
    const double tick = first + index * step;
    ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
  }
  return ticks;
}

std::string Coordinate(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string Shorten(std::string_view text, size_t max_characters) {
  size_t characters = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
      continue;  // a continuation byte belongs to the character already counted
    if (++characters > max_characters)
      return std::string(text.substr(0, at)) + "\xE2\x80\xA6";  // U+2026
  }
  return std::string(text);
}

std::string Text(double x, double y, std::string_view content, std::string_view css_class,
                 std::string_view anchor, std::string_view extra_attributes) {
  std::string out = "<text x=\"" + Coordinate(x) + "\" y=\"" + Coordinate(y) + "\" class=\"" +
                    std::string(css_class) + "\" text-anchor=\"" + std::string(anchor) + "\"";
  if (!extra_attributes.empty())
    out += " " + std::string(extra_attributes);
  return out + ">" + EscapeHtml(content) + "</text>";
}

std::string XAxis(const PlotArea& area, const Scale& scale, const std::vector<double>& ticks) {
  std::string out;
  for (double tick : ticks) {
    const std::string x = Coordinate(scale(tick));
    out += "<line class=\"grid\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + Coordinate(area.top) +
           "\" y2=\"" + Coordinate(area.bottom) + "\"/>";
    out += Text(scale(tick), area.bottom + 16, FormatNumber(tick), "tick", "middle");
  }
  out += "<line class=\"axis\" x1=\"" + Coordinate(area.left) + "\" x2=\"" +
         Coordinate(area.right) + "\" y1=\"" + Coordinate(area.bottom) + "\" y2=\"" +
         Coordinate(area.bottom) + "\"/>";
  return out;
}

std::string YAxis(const PlotArea& area, const Scale& scale, const std::vector<double>& ticks) {
  std::string out;
  for (double tick : ticks) {
    const std::string y = Coordinate(scale(tick));
    out += "<line class=\"grid\" x1=\"" + Coordinate(area.left) + "\" x2=\"" +
           Coordinate(area.right) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    out += Text(area.left - 6, scale(tick) + 4, FormatNumber(tick), "tick", "end");
  }
  out += "<line class=\"axis\" x1=\"" + Coordinate(area.left) + "\" x2=\"" + Coordinate(area.left) +
         "\" y1=\"" + Coordinate(area.top) + "\" y2=\"" + Coordinate(area.bottom) + "\"/>";
  return out;
}

std::string AxisLabels(const PlotArea& area, double height, std::string_view x_label,
                       std::string_view y_label) {
  const double middle_y = (area.top + area.bottom) / 2;
  return Text((area.left + area.right) / 2, height - 8, x_label, "axis-label", "middle") +
         Text(14, middle_y, y_label, "axis-label", "middle",
              "transform=\"rotate(-90 14 " + Coordinate(middle_y) + ")\"");
}

std::string Legend(double right, double top, const std::vector<std::string>& names) {
  std::string out = "<g class=\"legend\">";
  double y = top;
  for (size_t index = 0; index < names.size(); ++index) {
    const std::string shown = Shorten(names[index], 28);
    const double width = 7.0 * double(shown.size() > 28 ? 29 : shown.size());
    out += "<rect class=\"swatch s" + std::to_string(index % 6) + "\" x=\"" +
           Coordinate(right - width - 16) + "\" y=\"" + Coordinate(y - 9) +
           "\" width=\"10\" height=\"10\"/>";
    out += Text(right, y, shown, "legend-text", "end");
    y += 16;
  }
  return out + "</g>";
}

}  // namespace steward::report::internal
