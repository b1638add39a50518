#pragma once

#include <string_view>

namespace steward::server {

// The OpenAPI 3.0 document of the server's routes, served at GET /openapi.json.
std::string_view OpenApiDocument();

}  // namespace steward::server
