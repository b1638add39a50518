// The only file that includes Boost.Beast and Asio: they cost about 17 s and 690 MB to compile
// per translation unit (ECOSYSTEM.md), so everything else sees HttpRequest and HttpResponse.
#include "steward/server/http_server.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74's Asio misses std::exchange under GCC 12 C++20

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace steward::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string_view View(beast::string_view text) {
  return {text.data(), text.size()};
}

std::string ErrorBody(std::string_view message) {
  std::string body = "{\"error\":\"";
  body += message;  // fixed texts of this file: no escaping needed
  body += "\"}";
  return body;
}

// A request the HTTP layer refuses: the status and the reason given to the client.
struct Refusal {
  http::status status;
  std::string_view reason;
};

std::optional<Refusal> RefusalFor(const beast::error_code& error) {
  if (error == http::error::body_limit)
    return Refusal{http::status::payload_too_large, "request body too large"};
  if (error == http::error::header_limit)
    return Refusal{http::status::request_header_fields_too_large, "request header too large"};
  if (error.category() == http::make_error_code(http::error::body_limit).category())
    return Refusal{http::status::bad_request, "malformed HTTP request"};
  return std::nullopt;
}

}  // namespace

class Session;

class HttpServer::Impl {
 public:
  Impl(unsigned threads, HttpLimits limits, HttpHandler handler, RejectionObserver on_rejection)
      : loops_(MakeLoops(threads == 0 ? 1 : threads)),
        acceptor_(*loops_.front()),
        limits_(limits),
        handler_(std::move(handler)),
        on_rejection_(std::move(on_rejection)) {
    for (auto& loop : loops_)
      keep_running_.push_back(asio::make_work_guard(*loop));
  }

  // One event loop per thread, each connection on one loop for its life: no strands, no
  // locks between a connection's handlers.
  static std::vector<std::unique_ptr<asio::io_context>> MakeLoops(unsigned count) {
    std::vector<std::unique_ptr<asio::io_context>> loops;
    for (unsigned index = 0; index < count; ++index)
      loops.push_back(std::make_unique<asio::io_context>(1));
    return loops;
  }

  Status Listen(const std::string& host, uint16_t port) {
    beast::error_code error;
    const asio::ip::address address = asio::ip::make_address(host, error);
    if (error)
      return Status::InvalidArgument("--host " + host + ": not an IP address");
    const tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error)
      acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error)
      acceptor_.bind(endpoint, error);
    if (!error)
      acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 error.message());
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (auto& loop : loops_)
      workers_.emplace_back([&loop] { loop->run(); });
    return Status::Ok();
  }

  void Accept() {
    asio::io_context& loop = *loops_[next_loop_++ % loops_.size()];
    acceptor_.async_accept(loop, [this](beast::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted || !acceptor_.is_open())
        return;
      if (!error)
        OnAccept(std::move(socket));
      Accept();
    });
  }

  void OnAccept(tcp::socket socket);
  void Shutdown();
  void Register(Session* session, const std::shared_ptr<Session>& shared);
  void Unregister(Session* session);
  void Reject(http::status status, std::string_view reason) {
    if (on_rejection_)
      on_rejection_(HttpRejection{static_cast<int>(status), reason});
  }

  uint16_t port() const { return port_; }
  size_t open_connections() const {
    std::lock_guard lock(sessions_mutex_);
    return sessions_.size();
  }
  bool draining() const { return draining_.load(std::memory_order_relaxed); }
  const HttpLimits& limits() const { return limits_; }
  HttpHandler& handler() { return handler_; }

  ~Impl() {
    Shutdown();
    keep_running_.clear();
    for (auto& loop : loops_)
      loop->stop();
    for (std::thread& worker : workers_)
      worker.join();
  }

 private:
  // Before loops_: sessions still queued in a loop unregister themselves when it is destroyed.
  mutable std::mutex sessions_mutex_;
  std::condition_variable sessions_closed_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::vector<std::unique_ptr<asio::io_context>> loops_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running_;
  size_t next_loop_ = 0;  // the acceptor's handler only
  tcp::acceptor acceptor_;
  HttpLimits limits_;
  HttpHandler handler_;
  RejectionObserver on_rejection_;
  uint16_t port_ = 0;
  std::vector<std::thread> workers_;
  std::atomic<bool> draining_{false};
  bool shut_down_ = false;
};

// One connection: reads requests one after another (keep-alive), each with the limits, and
// writes each response in one call.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {}
  ~Session() { server_.Unregister(this); }

  void Start() { ReadHeader(server_.limits().header_timeout); }

  // Shutdown: a connection waiting for its next request is closed now; one with a request in
  // flight finishes it and closes after the response.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.socket().close(ignored);
      }
    });
  }

 private:
  void ReadHeader(std::chrono::milliseconds timeout) {
    idle_ = buffer_.size() == 0;
    if (server_.draining() && idle_)
      return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.limits().max_header_bytes));
    parser_->body_limit(server_.limits().max_body_bytes);
    stream_.expires_after(timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, size_t) { self->OnHeader(error); });
  }

  void OnHeader(beast::error_code error) {
    idle_ = false;
    received_ = std::chrono::steady_clock::now();
    if (error)
      return OnReadError(error);
    const auto& header = parser_->get();
    // One pass over the fields: each header[...] or count(...) would walk them again.
    size_t fields = 0;
    size_t content_lengths = 0;
    size_t transfer_encodings = 0;
    bool expect_continue = false;
    request_ = HttpRequest();
    for (const auto& field : header) {
      ++fields;
      switch (field.name()) {
        case http::field::content_length:
          ++content_lengths;
          break;
        case http::field::transfer_encoding:
          ++transfer_encodings;
          break;
        case http::field::expect:
          expect_continue = beast::iequals(field.value(), "100-continue");
          break;
        case http::field::host:
          request_.host = View(field.value());
          break;
        case http::field::authorization:
          request_.authorization = View(field.value());
          break;
        case http::field::content_type:
          request_.content_type = View(field.value());
          break;
        case http::field::origin:
          request_.origin = View(field.value());
          break;
        default:
          break;
      }
    }
    if (fields > server_.limits().max_header_fields)
      return Refuse(http::status::request_header_fields_too_large, "too many header fields");
    if (header.version() != 11 && header.version() != 10)
      return Refuse(http::status::http_version_not_supported, "HTTP version not supported");
    http_10_ = header.version() == 10;
    // RFC 9112 §6.1: a message with both is a smuggling attempt, not a request to interpret.
    if (content_lengths > 0 && transfer_encodings > 0)
      return Refuse(http::status::bad_request, "both Content-Length and Transfer-Encoding");
    if (content_lengths > 1)
      return Refuse(http::status::bad_request, "more than one Content-Length");
    if (expect_continue) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_error, size_t) {
                          if (write_error)
                            return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    // A small request's body usually came with its header: parse it from the buffer rather
    // than through another asynchronous read.
    beast::error_code error;
    while (buffer_.size() > 0 && !parser_->is_done()) {
      const size_t used = parser_->put(buffer_.data(), error);
      buffer_.consume(used);
      if (error == http::error::need_more) {
        error = {};
        break;
      }
      if (error)
        return OnReadError(error);
      if (used == 0)
        break;
    }
    if (parser_->is_done())
      return OnBody({});
    ReadBodyAsync();
  }

  void ReadBodyAsync() {
    // The body must keep coming at min_body_bytes_per_second, on top of the header's allowance.
    const auto& limits = server_.limits();
    const uint64_t expected = parser_->content_length().value_or(limits.max_body_bytes);
    const auto allowance = std::chrono::milliseconds(
        expected * 1000 / std::max<size_t>(1, limits.min_body_bytes_per_second));
    stream_.expires_after(limits.header_timeout + allowance);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, size_t) { self->OnBody(error); });
  }

  void OnReadError(const beast::error_code& error) {
    // tcp_stream closes the socket when its timer expires: a slow client (slowloris) is cut off
    // without a 408, which it would not read anyway.
    if (error == beast::error::timeout) {
      if (buffer_.size() == 0 && !parser_->got_some())
        return Close();  // an idle keep-alive connection
      server_.Reject(http::status::request_timeout, "request not received in time");
      return Close();
    }
    if (error == http::error::end_of_stream || error == asio::error::connection_reset ||
        error == asio::error::operation_aborted || error == asio::error::eof)
      return Close();
    if (error == http::error::header_limit && RequestLineTooLong())
      return Refuse(http::status::uri_too_long, "request line too long");
    const std::optional<Refusal> refusal = RefusalFor(error);
    if (!refusal)
      return Close();
    Refuse(refusal->status, refusal->reason);
  }

  // Beast parses the request line as soon as it is whole: without a target, the header limit
  // was reached inside the request line.
  bool RequestLineTooLong() const { return parser_->get().target().empty(); }

  void OnBody(beast::error_code error) {
    if (error)
      return OnReadError(error);
    auto& message = parser_->get();
    HttpRequest& request = request_;  // its header views were set by OnHeader
    request.method = View(message.method_string());
    request.target = View(message.target());
    request.body = std::move(message.body());
    request.received = received_;
    HttpResponse response = server_.handler()(request);
    Write(static_cast<http::status>(response.status), std::move(response),
          message.keep_alive() && !server_.draining());
  }

  void Refuse(http::status status, std::string_view reason) {
    server_.Reject(status, reason);
    HttpResponse response;
    response.status = static_cast<int>(status);
    response.body = ErrorBody(reason);
    Write(status, std::move(response), false);
  }

  // The status line, headers and body in one buffer and one write: with TCP_NODELAY a split
  // response would go out as two segments.
  void Write(http::status status, HttpResponse&& from, bool keep_alive) {
    out_.clear();
    out_.reserve(160 + from.body.size());
    out_ += "HTTP/1.1 ";
    out_ += std::to_string(static_cast<int>(status));
    out_ += ' ';
    out_ += View(http::obsolete_reason(status));
    out_ += "\r\nServer: steward\r\nContent-Type: ";
    AppendHeaderValue(from.content_type);
    out_ += "\r\nContent-Length: ";
    out_ += std::to_string(from.body.size());
    if (!keep_alive)
      out_ += "\r\nConnection: close";
    else if (http_10_)
      out_ += "\r\nConnection: keep-alive";
    for (const auto& [name, value] : from.headers) {
      out_ += "\r\n";
      AppendHeaderValue(name);
      out_ += ": ";
      AppendHeaderValue(value);
    }
    out_ += "\r\n\r\n";
    out_ += from.body;
    stream_.expires_after(server_.limits().header_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = shared_from_this(), keep_alive](beast::error_code error, size_t) {
                        if (error)
                          return self->Close();
                        if (!keep_alive)
                          return self->LingerClose();
                        self->ReadHeader(self->server_.limits().idle_timeout);
                      });
  }

  // Header text comes from the server itself; a line break in it would still end the header.
  void AppendHeaderValue(std::string_view text) {
    for (const char c : text)
      out_ += (c == '\r' || c == '\n') ? ' ' : c;
  }

  // After a response that closes the connection, the client may still be sending (a refused
  // 2 MiB body): closing now would reset the connection and destroy the response in flight.
  // So stop sending, read and discard for a while, then close (nginx's lingering close).
  void LingerClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    Discard();
  }

  void Discard() {
    if (discarded_ > kMaxDiscardBytes)
      return stream_.close();
    discard_.resize(16 << 10);
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code error, size_t got) {
                              if (error)
                                return self->stream_.close();
                              self->discarded_ += got;
                              self->Discard();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;  // views into parser_\'s header
  std::string out_;      // the response being written
  std::string discard_;  // LingerClose's scratch
  size_t discarded_ = 0;
  static constexpr size_t kMaxDiscardBytes = 8 << 20;
  bool http_10_ = false;  // the request was HTTP/1.0: keep-alive must be said
  std::chrono::steady_clock::time_point received_;
  bool idle_ = true;  // waiting for a request that has not started; touched on the strand only
};

void HttpServer::Impl::OnAccept(tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  if (draining() || open_connections() >= limits_.max_connections) {
    Reject(http::status::service_unavailable, "too many connections");
    static const std::string kBusy = [] {
      const std::string body = ErrorBody("too many connections");
      return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
             "Content-Length: " +
             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    }();
    auto owned = std::make_shared<tcp::socket>(std::move(socket));
    asio::async_write(*owned, asio::buffer(kBusy), [owned](beast::error_code, size_t) {
      beast::error_code error;
      owned->shutdown(tcp::socket::shutdown_both, error);
      owned->close(error);
    });
    return;
  }
  const auto executor = socket.get_executor();
  auto session = std::make_shared<Session>(std::move(socket), *this);
  Register(session.get(), session);
  asio::post(executor, [session] { session->Start(); });
}

void HttpServer::Impl::Register(Session* session, const std::shared_ptr<Session>& shared) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.emplace(session, shared);
}

void HttpServer::Impl::Unregister(Session* session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(session);
  if (sessions_.empty())
    sessions_closed_.notify_all();
}

void HttpServer::Impl::Shutdown() {
  if (shut_down_)
    return;
  shut_down_ = true;
  draining_ = true;
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(sessions_mutex_);
    for (auto& [pointer, weak] : sessions_) {
      if (auto session = weak.lock())
        open.push_back(std::move(session));
    }
  }
  for (const auto& session : open)
    session->CloseIfIdle();
  open.clear();
  std::unique_lock lock(sessions_mutex_);
  sessions_closed_.wait_for(lock, limits_.drain_timeout, [this] { return sessions_.empty(); });
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const std::string& host, uint16_t port,
                                                      unsigned threads, HttpLimits limits,
                                                      HttpHandler handler,
                                                      RejectionObserver on_rejection) {
  auto impl = std::make_unique<Impl>(threads, limits, std::move(handler), std::move(on_rejection));
  STEWARD_RETURN_IF_ERROR(impl->Listen(host, port));
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const {
  return impl_->port();
}
size_t HttpServer::open_connections() const {
  return impl_->open_connections();
}
void HttpServer::Shutdown() {
  impl_->Shutdown();
}

}  // namespace steward::server
