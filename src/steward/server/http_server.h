#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "steward/core/result.h"

namespace steward::server {

// The limits of RELIABILITY.md §3, each configurable. A request past one is answered with the
// status named and its connection closed; the server itself never stops for a client.
struct HttpLimits {
  size_t max_body_bytes = 1 << 20;    // 413
  size_t max_header_bytes = 8 << 10;  // 431 (414 when the request line alone is longer)
  size_t max_header_fields = 100;     // 431
  size_t max_connections = 256;       // further connections get 503 and are closed
  std::chrono::milliseconds header_timeout{10'000};  // 408 for a slow header (slowloris)
  size_t min_body_bytes_per_second = 1024;           // 408 for a slower body
  std::chrono::milliseconds idle_timeout{5'000};     // keep-alive wait for the next request
  std::chrono::milliseconds drain_timeout{10'000};   // how long shutdown waits for requests
};

struct HttpRequest {
  std::string_view method;
  std::string_view target;  // path and query as sent
  std::string_view host;
  std::string_view authorization;
  std::string_view content_type;
  std::string_view origin;
  std::string body;
  // When the request's header had been read: handlers measure their deadline from it.
  std::chrono::steady_clock::time_point received;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

// What the HTTP layer itself refused, for the server's metrics.
struct HttpRejection {
  int status;
  std::string_view reason;  // e.g. "body too large"
};
using RejectionObserver = std::function<void(const HttpRejection&)>;

// An HTTP/1.1 server with keep-alive on Boost.Beast: `threads` event-loop threads, TCP_NODELAY
// and one write per response. Every request goes to `handler`, on an event-loop thread.
class HttpServer {
 public:
  // Binds `host`:`port` (0 picks a free port) and starts serving.
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& host, uint16_t port,
                                                   unsigned threads, HttpLimits limits,
                                                   HttpHandler handler,
                                                   RejectionObserver on_rejection = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;
  size_t open_connections() const;
  // Stops accepting, lets requests in flight finish (their responses say Connection: close),
  // closes idle connections, and returns once all are closed or the drain timeout passed.
  void Shutdown();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace steward::server
