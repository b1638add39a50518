#pragma once

#include <string>

#include "steward/report/chart.h"

namespace steward::report {

// The chart as a <figure>: an inline SVG drawing (role="img", <title> and <desc> for screen
// readers, axis labels with units, colours from CSS classes so the page's light and dark
// themes apply) followed by a <details> element holding the numbers behind it as a <table>.
// Every string from the chart is escaped. The markup is well-formed XML, needs no script and
// references nothing outside itself. Values that are NaN are left out of the drawing and shown
// as "n/a" in the table. Pure; thread-safe.
std::string RenderChart(const Chart& chart);

// The two parts of RenderChart, for tests and for pages that lay them out differently.
std::string RenderChartSvg(const Chart& chart);
std::string RenderChartTable(const Chart& chart);

}  // namespace steward::report
