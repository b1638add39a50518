#pragma once
// The most recent traffic of a served model, per input column, in constant memory: a ring of time
// buckets, each holding a KLL sketch per numeric column and counts per category, merged when
// read. What `steward serve` compares with the training reference to report drift live
// (docs/formats/monitor.md, "Live drift").

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "steward/core/column.h"
#include "steward/monitor/distribution.h"
#include "steward/sketch/kll_sketch.h"

namespace steward::monitor {

// A column the window keeps. Categorical (and boolean) values arrive as codes into `labels`.
struct LiveColumn {
  std::string name;
  bool numeric = true;
  std::vector<std::string> labels;  // categorical: code -> label
};

struct LiveWindowOptions {
  // The window spans `buckets` buckets of span / buckets each; the newest is the one filling, so
  // a read covers between (buckets - 1) / buckets of `span` and all of it.
  std::chrono::nanoseconds span = std::chrono::hours(1);
  size_t buckets = 12;
  uint32_t k = sketch::KllSketch::kDefaultK;
  // Numeric values a bucket keeps raw before it sketches them: about what a KLL sketch of `k`
  // retains, so exact buckets cost no more than sketched ones.
  uint64_t bucket_exact_limit = 1024;
  // Writers are spread over this many independently locked open buckets, so concurrent requests
  // rarely wait for each other.
  size_t shards = 4;
};

// What the window held at one time: a ColumnValues per column (numeric values in a KLL sketch
// that is exact while every bucket was and the total fits buckets * bucket_exact_limit).
struct LiveSnapshot {
  std::vector<ColumnValues> columns;
  uint64_t rows = 0;
  // How much time the window covers now (less than the span while the window is young).
  std::chrono::nanoseconds covered{0};
};

// Thread safety: Add(), Collect() and MemoryBytes() may be called concurrently from any threads.
// Add() locks one shard's mutex for the time of its updates; it takes the window's mutex as well
// only once per bucket span per shard, to retire the shard's filled bucket into the ring.
class LiveWindow {
 public:
  using Clock = std::chrono::steady_clock;

  // REQUIRES: options.buckets >= 1, options.shards >= 1, options.span > 0.
  LiveWindow(std::vector<LiveColumn> columns, const LiveWindowOptions& options,
             Clock::time_point start);
  ~LiveWindow();
  LiveWindow(const LiveWindow&) = delete;
  LiveWindow& operator=(const LiveWindow&) = delete;

  // Adds `rows` rows of columns().size() values each, row after row: numeric values as they are
  // (NaN is missing), categorical values as codes (NaN or a code outside the labels is missing).
  // `now` is when the rows arrived; a time before the window's start counts as its start.
  void Add(std::span<const float> values, size_t rows, Clock::time_point now);

  // The buckets within the span before `now`, merged.
  LiveSnapshot Collect(Clock::time_point now) const;

  // Bytes the buckets' sketches and counts hold now; at most MemoryBound() whatever the traffic.
  size_t MemoryBytes() const;
  size_t MemoryBound() const;

  const std::vector<LiveColumn>& columns() const { return columns_; }
  const LiveWindowOptions& options() const { return options_; }

 private:
  struct Bucket;
  struct Shard;

  int64_t EpochOf(Clock::time_point now) const;
  Bucket EmptyBucket(int64_t epoch) const;
  // Moves a shard's filled bucket into the ring. REQUIRES: ring_mutex_ held.
  void Retire(Bucket bucket);
  void MergeInto(const Bucket& bucket, LiveSnapshot& snapshot) const;
  size_t BucketBytes(const Bucket& bucket) const;

  std::vector<LiveColumn> columns_;
  LiveWindowOptions options_;
  Clock::time_point start_;
  std::chrono::nanoseconds bucket_span_;
  // Lock order: ring_mutex_, then a shard's mutex.
  mutable std::mutex ring_mutex_;
  std::vector<Bucket> ring_;  // bucket of epoch e at e % buckets
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace steward::monitor
