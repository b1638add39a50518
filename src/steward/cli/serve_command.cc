// `steward serve`: the prediction server (src/steward/server) over registry models.
#include <charconv>
#include <cmath>
#include <csignal>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>
#include <pthread.h>

#include "steward/cli/command.h"
#include "steward/io/atomic_file.h"
#include "steward/io/prediction_log.h"
#include "steward/monitor/drift_policy.h"
#include "steward/registry/registry.h"
#include "steward/server/http_server.h"
#include "steward/server/key_cache.h"
#include "steward/server/model_slots.h"
#include "steward/server/service.h"

namespace steward::cli {
namespace {

using nlohmann::json;

struct ServeFlags {
  std::string registry;
  std::string artifacts;
  std::vector<std::string> models;
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  unsigned threads = 0;
  std::string prediction_log = "predictions";
  bool no_prediction_log = false;
  double poll_seconds = 5;
  double key_cache_seconds = 2;
  double deadline_seconds = 2;
  server::HttpLimits http;
  server::RequestLimits request;
  double header_timeout_seconds = 10;
  double idle_timeout_seconds = 5;
  double drain_timeout_seconds = 10;
  std::string drift_window = "1h";
  size_t drift_buckets = 12;
  std::string drift_policy;
};

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// "90s", "30m", "1h", "2d" or plain seconds; 0 is allowed (live drift off).
Result<std::chrono::nanoseconds> ParseDuration(const std::string& text) {
  const Status bad = Status::InvalidArgument(
      "--drift-window " + text + ": give a duration such as 600, 90s, 30m, 1h or 1d, or 0");
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc())
    return bad;
  const std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1;
  else if (unit == "m")
    scale = 60;
  else if (unit == "h")
    scale = 3600;
  else if (unit == "d")
    scale = 86400;
  const double seconds = value * scale;
  if (scale == 0 || !std::isfinite(seconds) || seconds < 0 || seconds > 366.0 * 86400)
    return bad;
  return std::chrono::nanoseconds(static_cast<int64_t>(seconds * 1e9));
}

Result<server::LiveDriftOptions> DriftOptions(const ServeFlags& flags) {
  server::LiveDriftOptions options;
  STEWARD_ASSIGN_OR_RETURN(options.window.span, ParseDuration(flags.drift_window));
  options.enabled = options.window.span.count() > 0;
  if (flags.drift_buckets < 1 || flags.drift_buckets > 1440)
    return Status::InvalidArgument("--drift-buckets must be between 1 and 1440");
  options.window.buckets = flags.drift_buckets;
  if (options.enabled && options.window.span < std::chrono::milliseconds(flags.drift_buckets))
    return Status::InvalidArgument("--drift-window is shorter than a millisecond per bucket");
  if (!flags.drift_policy.empty()) {
    STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(flags.drift_policy));
    STEWARD_ASSIGN_OR_RETURN(options.policy, monitor::ParseDriftPolicy(text, flags.drift_policy));
  }
  return options;
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

int RunServe(const ServeFlags& flags, const GlobalOptions& global) {
  // Signals go to sigwait below, not to whichever thread the kernel picks: block them before
  // any thread starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal : {SIGTERM, SIGINT, SIGHUP})
    sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Result<server::LiveDriftOptions> drift = DriftOptions(flags);
  if (!drift.ok())
    return ReportError(drift.status());
  const std::string location = registry::ResolveRegistryLocation(flags.registry);
  const registry::RegistryContext context{"", {}, flags.artifacts};
  const auto open_registry = [&]() { return registry::Registry::Open(location, context); };
  Result<std::unique_ptr<registry::Registry>> loader = open_registry();
  if (!loader.ok())
    return ReportError(loader.status());
  std::vector<std::shared_ptr<const server::ServedModel>> loaded;
  for (const std::string& reference : flags.models) {
    if (reference.find('@') == std::string::npos) {
      return ReportError(Status::InvalidArgument(
          "--model " + reference + ": give NAME@ALIAS (e.g. credit@production) or NAME@VERSION"));
    }
    Result<registry::VersionRecord> version = (*loader)->Show(reference);
    if (!version.ok())
      return ReportError(version.status().WithContext("--model " + reference));
    Result<std::shared_ptr<const server::ServedModel>> model =
        server::LoadServedModel(**loader, *version, reference, flags.request, *drift);
    if (!model.ok())
      return ReportError(model.status().WithContext("--model " + reference));
    for (const auto& other : loaded) {
      if (other->name == (*model)->name)
        return ReportError(Status::InvalidArgument("model " + other->name + " is given twice"));
    }
    loaded.push_back(*model);
  }

  std::unique_ptr<io::PredictionLogWriter> log;
  if (!flags.no_prediction_log) {
    Result<std::unique_ptr<io::PredictionLogWriter>> opened =
        io::PredictionLogWriter::Open(flags.prediction_log);
    if (!opened.ok())
      return ReportError(opened.status().WithContext("--prediction-log"));
    log = std::move(opened).value();
  }
  Result<std::unique_ptr<registry::Registry>> key_registry = open_registry();
  Result<std::unique_ptr<registry::Registry>> watch_registry = open_registry();
  if (!key_registry.ok() || !watch_registry.ok())
    return ReportError(key_registry.ok() ? watch_registry.status() : key_registry.status());

  const auto say = [&](const std::string& line) {
    if (!global.quiet)
      std::cerr << "steward serve: " << line << std::endl;
  };
  server::ServerMetrics metrics;
  server::ModelSlots slots(loaded);
  server::KeyCache keys(std::move(key_registry).value(), Millis(flags.key_cache_seconds));
  server::ServiceOptions options;
  options.request_limits = flags.request;
  options.deadline = Millis(flags.deadline_seconds);
  options.live_drift = drift->enabled;
  if (IsLoopback(flags.host))
    options.allowed_hosts = {"127.0.0.1", "localhost", "[::1]"};
  server::PredictionService service(slots, keys, log.get(), metrics, options);
  server::ModelWatcher watcher(slots, std::move(watch_registry).value(), Millis(flags.poll_seconds),
                               flags.request, *drift, metrics, [&](const std::string& line) {
                                 std::cerr << "steward serve: " << line << std::endl;
                               });
  service.SetReloadTrigger([&watcher] { watcher.Trigger(); });

  server::HttpLimits http = flags.http;
  http.header_timeout = Millis(flags.header_timeout_seconds);
  http.idle_timeout = Millis(flags.idle_timeout_seconds);
  http.drain_timeout = Millis(flags.drain_timeout_seconds);
  const unsigned threads =
      flags.threads > 0 ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
  Result<std::unique_ptr<server::HttpServer>> started = server::HttpServer::Start(
      flags.host, flags.port, threads, http,
      [&service](server::HttpRequest& request) { return service.Handle(request); },
      [&metrics](const server::HttpRejection& rejection) {
        metrics.CountRejection(rejection.status);
      });
  if (!started.ok())
    return ReportError(started.status());
  server::HttpServer& http_server = **started;
  service.SetExtraMetrics([&http_server](std::string& out) {
    out += "# TYPE steward_open_connections gauge\nsteward_open_connections " +
           std::to_string(http_server.open_connections()) + "\n";
  });

  json models = json::array();
  std::string serving;
  for (const auto& model : loaded) {
    models.push_back(
        {{"model", model->name}, {"reference", model->reference}, {"version", model->version}});
    serving += (serving.empty() ? "" : ", ") + model->reference + " (version " +
               std::to_string(model->version) + ")";
  }
  const std::string url =
      "http://" +
      (flags.host.find(':') != std::string::npos ? "[" + flags.host + "]" : flags.host) + ":" +
      std::to_string(http_server.port());
  if (global.json) {
    std::cout << json{{"listening", url},
                      {"port", http_server.port()},
                      {"models", models},
                      {"prediction_log", log ? json(log->directory()) : json()}}
                     .dump()
              << std::endl;
  }
  say("serving " + serving + " on " + url + (log ? ", logging to " + log->directory() : "") +
      "; SIGHUP reloads, SIGTERM stops");

  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0)
      continue;
    if (signal == SIGHUP) {
      say("SIGHUP: checking the registry for new versions");
      watcher.Trigger();
      continue;
    }
    break;
  }
  say("stopping: finishing requests in flight");
  service.SetDraining();
  http_server.Shutdown();
  if (log) {
    const Status flushed = log->Flush();
    if (!flushed.ok())
      std::cerr << "steward serve: the prediction log could not be flushed: " << flushed.message()
                << std::endl;
  }
  say("stopped");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "Serve registry models over HTTP: predictions, explanations, Open Inference Protocol, "
      "feedback, health and Prometheus metrics; API keys required; hot swap when an alias moves");
  command->add_option("--model", flags->models, "NAME@ALIAS or NAME@VERSION to serve (repeat)")
      ->required();
  command->add_option("--registry", flags->registry,
                      "Registry directory or postgresql:// URI (default: $STEWARD_REGISTRY, "
                      "else ./.steward)");
  command->add_option("--artifacts", flags->artifacts,
                      "Artifact directory of a PostgreSQL registry (else $STEWARD_ARTIFACTS)");
  command->add_option("--host", flags->host, "Address to listen on (default 127.0.0.1)");
  command->add_option("--port", flags->port, "Port (default 8080; 0 picks a free one)");
  command->add_option("--threads", flags->threads, "HTTP threads (default: one per core)");
  command->add_option("--prediction-log", flags->prediction_log,
                      "Directory of the prediction log (default ./predictions)");
  command->add_flag("--no-prediction-log", flags->no_prediction_log,
                    "Do not log predictions (feedback is then refused)");
  command->add_option("--poll", flags->poll_seconds,
                      "Seconds between checks of the registry for a moved alias (default 5)");
  command->add_option("--key-cache", flags->key_cache_seconds,
                      "Seconds a checked API key is trusted before the registry is read again: "
                      "how soon a revocation takes effect (default 2)");
  command->add_option("--deadline", flags->deadline_seconds,
                      "Seconds a request may wait before it is answered 503 (default 2)");
  command->add_option("--max-body-bytes", flags->http.max_body_bytes, "Default 1048576 (413)");
  command->add_option("--max-header-bytes", flags->http.max_header_bytes, "Default 8192 (431)");
  command->add_option("--max-connections", flags->http.max_connections, "Default 256 (503)");
  command->add_option("--max-json-depth", flags->request.max_json_depth, "Default 32 (400)");
  command->add_option("--max-batch-rows", flags->request.max_batch_rows, "Default 10000 (413)");
  command->add_option("--header-timeout", flags->header_timeout_seconds,
                      "Seconds to receive a request's header (default 10)");
  command->add_option("--idle-timeout", flags->idle_timeout_seconds,
                      "Seconds a keep-alive connection may wait idle (default 5)");
  command->add_option("--drain-timeout", flags->drain_timeout_seconds,
                      "Seconds shutdown waits for requests in flight (default 10)");
  command->add_option("--drift-window", flags->drift_window,
                      "Live drift: how much recent traffic each model keeps, in constant memory, "
                      "to compare with its training profile (GET /v1/models/{name}/drift and "
                      "/metrics), e.g. 15m, 1h, 1d; 0 turns live drift off (default 1h)");
  command->add_option("--drift-buckets", flags->drift_buckets,
                      "Live drift: time buckets the window is kept in; the oldest expires as a "
                      "new one starts, so a read covers between (N-1)/N of the window and all "
                      "of it (default 12)");
  command->add_option("--drift-policy", flags->drift_policy,
                      "Live drift: policy file (TOML) of tests and thresholds per feature, as "
                      "for steward monitor (docs/formats/monitor.md)");
  command->callback([&run, &global, flags] {
    run = [&global, flags]() -> int { return RunServe(*flags, global); };
  });
}

}  // namespace steward::cli
