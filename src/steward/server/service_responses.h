#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/server/http_server.h"

namespace steward::server {

inline HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

// {"error": message}; the message is the server's own text, JSON-escaped.
inline HttpResponse ErrorResponse(int status, const std::string& message) {
  return JsonResponse(status, nlohmann::json{{"error", message}}.dump(
                                  -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

inline HttpResponse MethodNotAllowed(std::string_view allowed) {
  HttpResponse response = ErrorResponse(405, "use " + std::string(allowed));
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

}  // namespace steward::server
