#include "steward/monitor/live_window.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace steward::monitor {

struct LiveWindow::Bucket {
  int64_t epoch = -1;  // -1: never filled
  uint64_t rows = 0;
  std::vector<sketch::KllSketch> numeric;     // per column (empty sketch for categorical ones)
  std::vector<uint64_t> missing;              // per column
  std::vector<std::vector<uint64_t>> counts;  // per column: per code (categorical only)
};

// One cache line apart, so that writers on different shards do not share one.
struct alignas(64) LiveWindow::Shard {
  std::mutex mutex;
  Bucket open;
};

namespace {

// Threads take shards in turn as they first write, so a server's request threads spread evenly.
size_t ThreadShard(size_t shards) {
  static std::atomic<size_t> next{0};
  thread_local const size_t mine = next.fetch_add(1, std::memory_order_relaxed);
  return mine % shards;
}

}  // namespace

LiveWindow::LiveWindow(std::vector<LiveColumn> columns, const LiveWindowOptions& options,
                       Clock::time_point start)
    : columns_(std::move(columns)),
      options_(options),
      start_(start),
      bucket_span_(std::max(std::chrono::nanoseconds(1),
                            options.span / static_cast<int64_t>(options.buckets))) {
  for (size_t index = 0; index < options_.buckets; ++index)
    ring_.push_back(EmptyBucket(-1));
  for (size_t index = 0; index < options_.shards; ++index) {
    shards_.push_back(std::make_unique<Shard>());
    shards_.back()->open = EmptyBucket(-1);
  }
}

LiveWindow::~LiveWindow() = default;

int64_t LiveWindow::EpochOf(Clock::time_point now) const {
  if (now <= start_)
    return 0;
  return (now - start_) / bucket_span_;
}

LiveWindow::Bucket LiveWindow::EmptyBucket(int64_t epoch) const {
  Bucket bucket;
  bucket.epoch = epoch;
  bucket.missing.assign(columns_.size(), 0);
  bucket.counts.resize(columns_.size());
  // Each bucket its own seed, so that compactions in buckets merged later are independent.
  const uint64_t seed = static_cast<uint64_t>(epoch + 1) * 0x9e3779b97f4a7c15ULL;
  for (size_t index = 0; index < columns_.size(); ++index) {
    bucket.numeric.emplace_back(options_.k, options_.bucket_exact_limit, seed + index);
    if (!columns_[index].numeric)
      bucket.counts[index].assign(columns_[index].labels.size(), 0);
  }
  return bucket;
}

void LiveWindow::Add(std::span<const float> values, size_t rows, Clock::time_point now) {
  const size_t width = columns_.size();
  if (rows == 0 || width == 0 || values.size() < rows * width)
    return;
  // Gathered before the lock, column by column without NaN, so that the lock covers only bulk
  // appends to the sketches.
  thread_local std::vector<double> numbers;
  thread_local std::vector<size_t> ends;
  thread_local std::vector<uint64_t> missing;
  numbers.clear();
  ends.assign(width, 0);
  missing.assign(width, 0);
  for (size_t column = 0; column < width; ++column) {
    if (columns_[column].numeric) {
      for (size_t row = 0; row < rows; ++row) {
        const float value = values[row * width + column];
        if (std::isnan(value))
          ++missing[column];
        else
          numbers.push_back(static_cast<double>(value));
      }
    }
    ends[column] = numbers.size();
  }
  const int64_t epoch = EpochOf(now);
  Shard& shard = *shards_[ThreadShard(shards_.size())];
  std::unique_lock shard_lock(shard.mutex);
  // A request that arrived just before one this shard already counted in a newer bucket goes into
  // that bucket: moving it back would retire the newer one early.
  if (epoch > shard.open.epoch) {
    shard_lock.unlock();
    std::lock_guard ring_lock(ring_mutex_);
    shard_lock.lock();
    if (epoch > shard.open.epoch) {
      if (shard.open.rows > 0)
        Retire(std::move(shard.open));
      shard.open = EmptyBucket(epoch);
    }
  }
  Bucket& bucket = shard.open;
  bucket.rows += rows;
  for (size_t column = 0; column < width; ++column) {
    if (columns_[column].numeric) {
      const size_t begin = column == 0 ? 0 : ends[column - 1];
      // One-row requests are the common case, and UpdateBatch's set-up costs more than one value.
      if (ends[column] - begin == 1)
        bucket.numeric[column].Update(numbers[begin]);
      else
        bucket.numeric[column].UpdateBatch(
            std::span<const double>(numbers).subspan(begin, ends[column] - begin));
      bucket.missing[column] += missing[column];
      continue;
    }
    std::vector<uint64_t>& counts = bucket.counts[column];
    for (size_t row = 0; row < rows; ++row) {
      const float value = values[row * width + column];
      if (value >= 0 && value < static_cast<float>(counts.size()))
        ++counts[static_cast<size_t>(value)];
      else
        ++bucket.missing[column];
    }
  }
}

void LiveWindow::Retire(Bucket bucket) {
  Bucket& slot = ring_[static_cast<size_t>(bucket.epoch) % ring_.size()];
  if (slot.epoch > bucket.epoch)
    return;  // the ring has moved past this bucket: it is out of the window
  if (slot.epoch < bucket.epoch) {
    slot = std::move(bucket);
    return;
  }
  slot.rows += bucket.rows;
  for (size_t column = 0; column < columns_.size(); ++column) {
    slot.missing[column] += bucket.missing[column];
    if (columns_[column].numeric) {
      slot.numeric[column].Merge(bucket.numeric[column]);
      continue;
    }
    for (size_t code = 0; code < slot.counts[column].size(); ++code)
      slot.counts[column][code] += bucket.counts[column][code];
  }
}

void LiveWindow::MergeInto(const Bucket& bucket, LiveSnapshot& snapshot) const {
  snapshot.rows += bucket.rows;
  for (size_t column = 0; column < columns_.size(); ++column) {
    ColumnValues& values = snapshot.columns[column];
    values.rows += bucket.rows;
    values.missing += bucket.missing[column];
    if (columns_[column].numeric) {
      values.numeric.Merge(bucket.numeric[column]);
      continue;
    }
    for (size_t code = 0; code < bucket.counts[column].size(); ++code) {
      if (bucket.counts[column][code] > 0)
        values.label_counts[columns_[column].labels[code]] += bucket.counts[column][code];
    }
  }
}

LiveSnapshot LiveWindow::Collect(Clock::time_point now) const {
  LiveSnapshot snapshot;
  for (size_t column = 0; column < columns_.size(); ++column) {
    ColumnValues values;
    values.name = columns_[column].name;
    values.kind = columns_[column].numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical;
    values.numeric =
        sketch::KllSketch(options_.k, options_.bucket_exact_limit * ring_.size(), 0x5eed + column);
    snapshot.columns.push_back(std::move(values));
  }
  const int64_t newest = EpochOf(now);
  const int64_t oldest = newest - static_cast<int64_t>(ring_.size()) + 1;
  const auto in_window = [&](const Bucket& bucket) {
    return bucket.epoch >= oldest && bucket.epoch >= 0;
  };
  // Holding the ring while visiting the shards keeps a bucket from being retired between the two
  // reads, where it would be missed or counted twice.
  std::lock_guard ring_lock(ring_mutex_);
  for (const Bucket& bucket : ring_) {
    if (in_window(bucket))
      MergeInto(bucket, snapshot);
  }
  for (const auto& shard : shards_) {
    std::lock_guard shard_lock(shard->mutex);
    if (in_window(shard->open))
      MergeInto(shard->open, snapshot);
  }
  const Clock::time_point window_start =
      std::max(start_, start_ + bucket_span_ * std::max<int64_t>(oldest, 0));
  snapshot.covered = now > window_start ? now - window_start : std::chrono::nanoseconds(0);
  return snapshot;
}

size_t LiveWindow::BucketBytes(const Bucket& bucket) const {
  size_t bytes = 0;
  for (size_t column = 0; column < columns_.size(); ++column) {
    bytes += bucket.numeric[column].RetainedItems() * sizeof(double);
    bytes += bucket.counts[column].size() * sizeof(uint64_t);
  }
  return bytes;
}

size_t LiveWindow::MemoryBytes() const {
  std::lock_guard ring_lock(ring_mutex_);
  size_t bytes = 0;
  for (const Bucket& bucket : ring_)
    bytes += BucketBytes(bucket);
  for (const auto& shard : shards_) {
    std::lock_guard shard_lock(shard->mutex);
    bytes += BucketBytes(shard->open);
  }
  return bytes;
}

size_t LiveWindow::MemoryBound() const {
  // A KLL sketch of k retains at most k (1 + 2/3 + 4/9 + ...) = 3k items, plus at least 8 items on
  // each of its (at most 64) levels; exact, a bucket holds bucket_exact_limit values.
  const size_t sketch_items =
      std::max<size_t>(options_.bucket_exact_limit, 3 * size_t{options_.k} + 8 * 64);
  size_t per_bucket = 0;
  for (const LiveColumn& column : columns_)
    per_bucket +=
        column.numeric ? sketch_items * sizeof(double) : column.labels.size() * sizeof(uint64_t);
  return per_bucket * (ring_.size() + shards_.size());
}

}  // namespace steward::monitor
