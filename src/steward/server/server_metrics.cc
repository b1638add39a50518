#include "steward/server/server_metrics.h"

#include <cstdio>

namespace steward::server {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

void AppendLine(std::string& out, const char* format, auto... values) {
  char line[256];
  const int length = std::snprintf(line, sizeof line, format, values...);
  if (length > 0)
    out.append(line, std::min(static_cast<size_t>(length), sizeof line - 1));
}

std::string StatusLabel(int status) {
  return status == 0 ? "other" : std::to_string(status);
}

}  // namespace

std::string_view RouteName(Route route) {
  switch (route) {
    case Route::kPredict:
      return "predict";
    case Route::kExplain:
      return "explain";
    case Route::kInfer:
      return "infer";
    case Route::kFeedback:
      return "feedback";
    case Route::kModels:
      return "models";
    case Route::kModel:
      return "model";
    case Route::kReload:
      return "reload";
    case Route::kDrift:
      return "drift";
    case Route::kHealth:
      return "healthz";
    case Route::kReady:
      return "readyz";
    case Route::kMetrics:
      return "metrics";
    case Route::kOpenApi:
      return "openapi";
    case Route::kOther:
      return "other";
  }
  return "other";
}

size_t ServerMetrics::StatusIndex(int status) {
  for (size_t index = 0; index + 1 < kStatuses.size(); ++index) {
    if (kStatuses[index] == status)
      return index;
  }
  return kStatuses.size() - 1;
}

void ServerMetrics::CountRequest(Route route, int status, std::chrono::nanoseconds latency) {
  const auto at = static_cast<size_t>(route);
  requests_[at][StatusIndex(status)].fetch_add(1, kRelaxed);
  Histogram& histogram = latency_[at];
  const double seconds = static_cast<double>(latency.count()) * 1e-9;
  size_t bucket = 0;
  while (bucket < kLatencyBounds.size() && seconds > kLatencyBounds[bucket])
    ++bucket;
  histogram.buckets[bucket].fetch_add(1, kRelaxed);
  histogram.count.fetch_add(1, kRelaxed);
  histogram.sum_nanos.fetch_add(static_cast<uint64_t>(latency.count()), kRelaxed);
}

void ServerMetrics::CountBatch(size_t rows) {
  size_t bucket = 0;
  while (bucket < kBatchBounds.size() && static_cast<double>(rows) > kBatchBounds[bucket])
    ++bucket;
  batch_buckets_[bucket].fetch_add(1, kRelaxed);
  batch_count_.fetch_add(1, kRelaxed);
  batch_rows_.fetch_add(rows, kRelaxed);
}

void ServerMetrics::CountRejection(int status) {
  rejections_[StatusIndex(status)].fetch_add(1, kRelaxed);
}

std::string ServerMetrics::Render(const std::function<void(std::string&)>& extra) const {
  std::string out;
  out += "# HELP steward_http_requests_total Requests answered, by route and status.\n";
  out += "# TYPE steward_http_requests_total counter\n";
  for (size_t route = 0; route < kRouteCount; ++route) {
    for (size_t status = 0; status < kStatuses.size(); ++status) {
      const uint64_t count = requests_[route][status].load(kRelaxed);
      if (count == 0)
        continue;
      AppendLine(out, "steward_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
                 std::string(RouteName(static_cast<Route>(route))).c_str(),
                 StatusLabel(kStatuses[status]).c_str(), static_cast<unsigned long long>(count));
    }
  }
  out +=
      "# HELP steward_http_request_duration_seconds Time from the request's complete header to "
      "its response.\n";
  out += "# TYPE steward_http_request_duration_seconds histogram\n";
  for (size_t route = 0; route < kRouteCount; ++route) {
    const Histogram& histogram = latency_[route];
    const uint64_t count = histogram.count.load(kRelaxed);
    if (count == 0)
      continue;
    const std::string name(RouteName(static_cast<Route>(route)));
    uint64_t cumulative = 0;
    for (size_t bucket = 0; bucket <= kLatencyBounds.size(); ++bucket) {
      cumulative += histogram.buckets[bucket].load(kRelaxed);
      if (bucket < kLatencyBounds.size()) {
        AppendLine(
            out, "steward_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
            name.c_str(), kLatencyBounds[bucket], static_cast<unsigned long long>(cumulative));
      } else {
        AppendLine(out,
                   "steward_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                   name.c_str(), static_cast<unsigned long long>(cumulative));
      }
    }
    AppendLine(out, "steward_http_request_duration_seconds_sum{route=\"%s\"} %.9f\n", name.c_str(),
               static_cast<double>(histogram.sum_nanos.load(kRelaxed)) * 1e-9);
    AppendLine(out, "steward_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
               name.c_str(), static_cast<unsigned long long>(count));
  }
  out += "# HELP steward_prediction_batch_rows Rows per prediction request.\n";
  out += "# TYPE steward_prediction_batch_rows histogram\n";
  uint64_t cumulative = 0;
  for (size_t bucket = 0; bucket <= kBatchBounds.size(); ++bucket) {
    cumulative += batch_buckets_[bucket].load(kRelaxed);
    if (bucket < kBatchBounds.size()) {
      AppendLine(out, "steward_prediction_batch_rows_bucket{le=\"%g\"} %llu\n",
                 kBatchBounds[bucket], static_cast<unsigned long long>(cumulative));
    } else {
      AppendLine(out, "steward_prediction_batch_rows_bucket{le=\"+Inf\"} %llu\n",
                 static_cast<unsigned long long>(cumulative));
    }
  }
  AppendLine(out, "steward_prediction_batch_rows_sum %llu\n",
             static_cast<unsigned long long>(batch_rows_.load(kRelaxed)));
  AppendLine(out, "steward_prediction_batch_rows_count %llu\n",
             static_cast<unsigned long long>(batch_count_.load(kRelaxed)));
  out +=
      "# HELP steward_http_rejections_total Requests the HTTP layer refused (limits, "
      "malformed HTTP, too many connections).\n";
  out += "# TYPE steward_http_rejections_total counter\n";
  for (size_t status = 0; status < kStatuses.size(); ++status) {
    const uint64_t count = rejections_[status].load(kRelaxed);
    if (count > 0) {
      AppendLine(out, "steward_http_rejections_total{code=\"%s\"} %llu\n",
                 StatusLabel(kStatuses[status]).c_str(), static_cast<unsigned long long>(count));
    }
  }
  out +=
      "# HELP steward_unseen_categories_total Category labels the model never saw, "
      "predicted as missing.\n";
  out += "# TYPE steward_unseen_categories_total counter\n";
  AppendLine(out, "steward_unseen_categories_total %llu\n",
             static_cast<unsigned long long>(unseen_categories_.load(kRelaxed)));
  out += "# HELP steward_model_reloads_total Model hot swaps, by result.\n";
  out += "# TYPE steward_model_reloads_total counter\n";
  AppendLine(out, "steward_model_reloads_total{result=\"swapped\"} %llu\n",
             static_cast<unsigned long long>(reloads_.load(kRelaxed)));
  AppendLine(out, "steward_model_reloads_total{result=\"refused\"} %llu\n",
             static_cast<unsigned long long>(failed_reloads_.load(kRelaxed)));
  if (extra)
    extra(out);
  return out;
}

}  // namespace steward::server
