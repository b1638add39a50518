#include "steward/server/service.h"

#include <random>

#include <nlohmann/json.hpp>

#include "steward/server/openapi.h"
#include "steward/server/service_responses.h"

namespace steward::server {
namespace {

using nlohmann::json;

bool IsNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// A {name} path segment: what registry names may hold, and no "." or ".." (RELIABILITY S1).
bool IsModelName(std::string_view name) {
  if (name.empty() || name.size() > 128 || name == "." || name == "..")
    return false;
  for (const char c : name) {
    if (!IsNameCharacter(c))
      return false;
  }
  return true;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const size_t end = path.find('/');
    segments.push_back(path.substr(0, end));
    if (end == std::string_view::npos)
      break;
    path.remove_prefix(end);
  }
  return segments;
}

std::string_view HostName(std::string_view host) {
  if (host.starts_with('[')) {
    const size_t end = host.find(']');
    return end == std::string_view::npos ? host : host.substr(0, end + 1);
  }
  return host.substr(0, host.find(':'));
}

}  // namespace

PredictionService::PredictionService(ModelSlots& models, KeyCache& keys,
                                     io::PredictionLogWriter* log, ServerMetrics& metrics,
                                     ServiceOptions options)
    : models_(models), keys_(keys), log_(log), metrics_(metrics), options_(std::move(options)) {}

HttpResponse PredictionService::Handle(HttpRequest& request) {
  server::Route route = server::Route::kOther;
  HttpResponse response = Route(request, route);
  metrics_.CountRequest(route, response.status,
                        std::chrono::steady_clock::now() - request.received);
  return response;
}

HttpResponse PredictionService::Route(HttpRequest& request, server::Route& route) {
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  const std::vector<std::string_view> segments = Segments(path);
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";

  if (!options_.allowed_hosts.empty()) {
    const std::string_view host = HostName(request.host);
    bool allowed = false;
    for (const std::string& name : options_.allowed_hosts)
      allowed = allowed || host == name;
    if (!allowed)
      return ErrorResponse(421, "this server answers only to " + options_.allowed_hosts.front());
  }
  if (!request.origin.empty())
    return ErrorResponse(403, "requests from browsers (with an Origin header) are refused");

  if (segments.size() == 1 && (segments[0] == "healthz" || segments[0] == "readyz")) {
    route = segments[0] == "healthz" ? server::Route::kHealth : server::Route::kReady;
    if (!get)
      return MethodNotAllowed("GET");
    return route == server::Route::kHealth ? JsonResponse(200, R"({"status":"ok"})") : Ready();
  }

  // Everything else needs a key; an unknown route answers 401 too, so a scan learns nothing.
  std::string_view key;
  if (request.authorization.starts_with("Bearer "))
    key = request.authorization.substr(7);
  Result<registry::KeyScope> scope = keys_.Check(key);
  if (!scope.ok()) {
    if (scope.status().code() == StatusCode::kUnavailable)
      return ErrorResponse(503, scope.status().message());
    HttpResponse refused = ErrorResponse(401, scope.status().message());
    refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  if (std::chrono::steady_clock::now() - request.received > options_.deadline)
    return ErrorResponse(503, "the request waited past its deadline; retry");

  if (segments.size() == 1 && segments[0] == "metrics") {
    route = server::Route::kMetrics;
    return get ? Metrics() : MethodNotAllowed("GET");
  }
  if (segments.size() == 1 && segments[0] == "openapi.json") {
    route = server::Route::kOpenApi;
    return get ? JsonResponse(200, std::string(OpenApiDocument())) : MethodNotAllowed("GET");
  }
  const bool v1 = segments.size() >= 2 && segments[0] == "v1" && segments[1] == "models";
  const bool v2 = segments.size() == 4 && segments[0] == "v2" && segments[1] == "models" &&
                  segments[3] == "infer";
  if (v1 && segments.size() == 2) {
    route = server::Route::kModels;
    return get ? ModelList() : MethodNotAllowed("GET");
  }
  if (!(v1 && segments.size() <= 4) && !v2)
    return ErrorResponse(404, "no such route; see /openapi.json");
  const std::string_view name = segments[2];
  const std::string_view action = segments.size() == 4 ? segments[3] : "";
  if (v2)
    route = server::Route::kInfer;
  else if (action.empty())
    route = server::Route::kModel;
  else if (action == "predict")
    route = server::Route::kPredict;
  else if (action == "explain")
    route = server::Route::kExplain;
  else if (action == "feedback")
    route = server::Route::kFeedback;
  else if (action == "reload")
    route = server::Route::kReload;
  else if (action == "drift")
    route = server::Route::kDrift;
  else
    return ErrorResponse(404, "no such route; see /openapi.json");
  const bool get_route = route == server::Route::kModel || route == server::Route::kDrift;
  if (get_route ? !get : !post)
    return MethodNotAllowed(get_route ? "GET" : "POST");
  if (!IsModelName(name))
    return ErrorResponse(400, "not a model name: letters, digits, '.', '_' and '-' only");
  if (route == server::Route::kReload && *scope != registry::KeyScope::kAdmin)
    return ErrorResponse(403, "reloading needs a key with scope admin");
  const std::shared_ptr<const ServedModel> served = models_.Find(name);
  if (!served)
    return ErrorResponse(404, "model \"" + std::string(name) + "\" is not served here");

  switch (route) {
    case server::Route::kModel:
      return JsonResponse(200, served->summary_json);
    case server::Route::kPredict:
      return Predict(*served, request, false);
    case server::Route::kInfer:
      return Predict(*served, request, true);
    case server::Route::kExplain:
      return Explain(*served, request);
    case server::Route::kFeedback:
      return Feedback(*served, request);
    case server::Route::kDrift:
      return Drift(*served);
    case server::Route::kReload:
      if (reload_)
        reload_();
      return JsonResponse(202, R"({"reload":"started"})");
    default:
      return ErrorResponse(404, "no such route");
  }
}

HttpResponse PredictionService::Ready() const {
  json reasons = json::array();
  if (draining_.load())
    reasons.push_back("shutting down");
  if (log_ != nullptr) {
    const io::PredictionLogHealth health = log_->Health();
    if (!health.ok)
      reasons.push_back("prediction log: " + health.error);
  }
  json models = json::array();
  for (const auto& served : models_.All())
    models.push_back({{"model", served->name}, {"version", served->version}});
  const bool ready = reasons.empty();
  return JsonResponse(ready ? 200 : 503,
                      json{{"ready", ready}, {"models", models}, {"reasons", reasons}}.dump());
}

HttpResponse PredictionService::Drift(const ServedModel& model) const {
  if (!model.drift) {
    return ErrorResponse(404, "no live drift for model \"" + model.name + "\": " +
                                  (options_.live_drift ? "its bundle holds no training profile"
                                                       : "the server runs with --drift-window 0"));
  }
  return JsonResponse(
      200, model.drift->Current(LiveDrift::Clock::now(), model.name, model.version)->json);
}

HttpResponse PredictionService::ModelList() const {
  json models = json::array();
  for (const auto& served : models_.All()) {
    models.push_back({{"model", served->name},
                      {"reference", served->reference},
                      {"version", served->version},
                      {"loaded_at", served->loaded_at}});
  }
  return JsonResponse(200, json{{"models", models}}.dump());
}

HttpResponse PredictionService::Metrics() const {
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4";
  response.body = metrics_.Render([&](std::string& out) {
    out += "# HELP steward_model_info The model version each served reference holds.\n";
    out += "# TYPE steward_model_info gauge\n";
    for (const auto& served : models_.All()) {
      out += "steward_model_info{model=\"" + served->name + "\",reference=\"" + served->reference +
             "\",version=\"" + std::to_string(served->version) + "\"} 1\n";
    }
    if (log_ != nullptr) {
      const io::PredictionLogHealth health = log_->Health();
      out += "# HELP steward_prediction_log_lag_seconds Age of the oldest unwritten record.\n";
      out += "# TYPE steward_prediction_log_lag_seconds gauge\n";
      out += "steward_prediction_log_lag_seconds " + std::to_string(health.lag_seconds) + "\n";
      out += "# TYPE steward_prediction_log_ok gauge\n";
      out += std::string("steward_prediction_log_ok ") + (health.ok ? "1" : "0") + "\n";
      out += "# TYPE steward_prediction_log_records_total counter\n";
      out += "steward_prediction_log_records_total{state=\"written\"} " +
             std::to_string(health.written) + "\n";
      out += "steward_prediction_log_records_total{state=\"dropped\"} " +
             std::to_string(health.dropped + health.rejected) + "\n";
      out += "# TYPE steward_prediction_log_pending gauge\n";
      out += "steward_prediction_log_pending " + std::to_string(health.pending) + "\n";
    }
    std::vector<ModelDrift> drifts;
    const LiveDrift::Clock::time_point now = LiveDrift::Clock::now();
    for (const auto& served : models_.All()) {
      if (served->drift)
        drifts.push_back(
            {served->name, served->drift->Current(now, served->name, served->version)});
    }
    AppendDriftMetrics(drifts, out);
    if (extra_metrics_)
      extra_metrics_(out);
  });
  return response;
}

std::string PredictionService::NewId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (size_t half = 0; half < 2; ++half) {
    uint64_t bits = random();
    for (size_t digit = 0; digit < 16; ++digit, bits >>= 4)
      id[half * 16 + digit] = kHex[bits & 15];
  }
  return id;
}

}  // namespace steward::server
