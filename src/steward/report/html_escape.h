#pragma once

#include <string>
#include <string_view>

namespace steward::report {

// `text` made safe for HTML and SVG element content and for double- or single-quoted
// attribute values: & < > " ' become character references. Names in reports come from user
// data (column names, category labels), so every data string passes through here. Invalid
// UTF-8 and characters XML forbids (controls other than tab, newline and carriage return)
// become U+FFFD, so the page stays well-formed XML as well as HTML. Pure; thread-safe.
std::string EscapeHtml(std::string_view text);

}  // namespace steward::report
