#include "steward/io/internal/postgres_uri.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace steward::io::internal {
namespace {

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty())
    return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::string OneLine(std::string_view message) {
  std::string line;
  for (char c : message) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ')
        line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  return line;
}

RedactedUri RedactUri(std::string_view uri) {
  RedactedUri redacted{std::string(uri), {}};
  std::string& text = redacted.text;
  // URI user info, "scheme://user:password@host"; libpq ends it at the first '@' before a '/'.
  const size_t scheme_end = text.find("://");
  if (scheme_end != std::string::npos) {
    const size_t start = scheme_end + 3;
    const size_t stop = text.find_first_of("@/", start);
    const size_t colon = text.find(':', start);
    if (stop != std::string::npos && text[stop] == '@' && colon < stop) {
      redacted.secrets.push_back(text.substr(colon + 1, stop - colon - 1));
      text.replace(colon + 1, stop - colon - 1, "***");
    }
  }
  // password=... as a URI query parameter or in a key=value string, possibly quoted.
  constexpr std::string_view kKey = "password=";
  for (size_t at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
    if (at > 0 && std::string_view("?& \t").find(text[at - 1]) == std::string_view::npos)
      continue;
    const size_t value = at + kKey.size();
    size_t end = value;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\')
          ++end;
      }
      end = std::min(end + 1, text.size());
    } else {
      end = std::min(text.find_first_of("& \t", value), text.size());
    }
    redacted.secrets.push_back(text.substr(value, end - value));
    text.replace(value, end - value, "***");
  }
  return redacted;
}

std::string Scrub(std::string message, std::string_view uri, const RedactedUri& redacted) {
  ReplaceAll(message, uri, redacted.text);
  for (const std::string& secret : redacted.secrets) {
    // Shorter ones would garble the message; libpq never shows a bare password anyway.
    if (secret.size() >= 4)
      ReplaceAll(message, secret, "***");
  }
  return message;
}

std::string DescribeError(const PGresult* result, PGconn* conn, size_t prefix_chars) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary == nullptr) {
    return OneLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  }
  std::string message = OneLine(primary);
  const char* position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
  size_t character = 0;
  if (position != nullptr &&
      std::from_chars(position, position + std::strlen(position), character).ec == std::errc() &&
      character > prefix_chars) {
    message += " (at character " + std::to_string(character - prefix_chars) + " of the query)";
  }
  if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
    message += "; " + OneLine(detail);
  }
  if (const char* hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT)) {
    message += "; hint: " + OneLine(hint);
  }
  if (const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE)) {
    message += std::string(" [SQLSTATE ") + sqlstate + "]";
  }
  return message;
}

}  // namespace steward::io::internal
