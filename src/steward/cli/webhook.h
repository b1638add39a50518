#pragma once

#include <string>

#include "steward/core/status.h"

namespace steward::cli {

// POSTs `json` to an http:// URL (no TLS: point it at a local relay for https endpoints),
// within 10 seconds; an answer other than 2xx is an error naming the status.
Status PostJson(const std::string& url, const std::string& json);

}  // namespace steward::cli
