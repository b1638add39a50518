#include "steward/cli/http_client.h"

#include <chrono>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "steward/core/result.h"

namespace steward::cli {
namespace {

struct HttpUrl {
  std::string host, port = "80", target = "/";
};

Result<HttpUrl> ParseHttpUrl(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0)
    return Status::InvalidArgument("webhook " + url + ": only http:// URLs are supported");
  std::string rest = url.substr(kScheme.size());
  HttpUrl parsed;
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos)
    parsed.target = rest.substr(slash);
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    parsed.port = authority.substr(colon + 1);
    authority.resize(colon);
  }
  parsed.host = authority;
  if (parsed.host.empty() || parsed.port.empty())
    return Status::InvalidArgument("webhook " + url + ": no host or port");
  return parsed;
}

}  // namespace

Result<HttpReply> HttpPost(const std::string& url, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  STEWARD_ASSIGN_OR_RETURN(HttpUrl parsed, ParseHttpUrl(url));
  try {
    boost::asio::io_context context;
    boost::asio::ip::tcp::resolver resolver(context);
    beast::tcp_stream stream(context);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(resolver.resolve(parsed.host, parsed.port));
    http::request<http::string_body> request(http::verb::post, parsed.target, 11);
    request.set(http::field::host, parsed.host);
    request.set(http::field::user_agent, "steward");
    request.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers)
      request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    beast::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    return HttpReply{response.result_int(), std::move(response.body())};
  } catch (const std::exception& error) {
    return Status::Unavailable(url + ": " + error.what());
  }
}

Status PostJson(const std::string& url, const std::string& json) {
  Result<HttpReply> reply = HttpPost(url, json);
  if (!reply.ok())
    return Status::Unavailable("webhook " + reply.status().message());
  if (reply->status < 200 || reply->status >= 300)
    return Status::Unavailable("webhook " + url + " answered HTTP " +
                               std::to_string(reply->status));
  return Status::Ok();
}

}  // namespace steward::cli
