#pragma once
// A small HTTP/1.1 client over plain TCP (Boost.Beast): the monitor's webhook and the demo's
// traffic to its own server. No TLS: point it at a local relay for https endpoints.

#include <string>
#include <utility>
#include <vector>

#include "steward/core/result.h"

namespace steward::cli {

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

// POSTs `body` (application/json) to an http:// URL within 10 seconds.
Result<HttpReply> HttpPost(const std::string& url, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

// HttpPost, where an answer other than 2xx is an error naming the status.
Status PostJson(const std::string& url, const std::string& json);

}  // namespace steward::cli
