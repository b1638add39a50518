#pragma once

#include <string>

#include "steward/report/report_document.h"

namespace steward::report {

// The report as one self-contained HTML page: inline CSS (light and dark colour schemes, a
// print layout), inline SVG charts, no script and no reference to anything outside the file.
// Every string from the evidence is escaped; the page is well-formed XML too. Pure.
std::string RenderHtml(const Report& report);

}  // namespace steward::report
