#include "steward/io/csv_reader.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>

#include "steward/core/thread_pool.h"
#include "steward/io/atomic_file.h"
#include "steward/io/csv_block_reader.h"
#include "steward/io/csv_chunk_parser.h"
#include "steward/io/csv_sniffer.h"
#include "steward/io/global_categories.h"

namespace steward::io {
namespace {

constexpr size_t kMaxBadRowExamples = 5;

// Line breaks in `text`, counting up to `limit`.
size_t CountLineBreaks(std::string_view text, size_t limit) {
  size_t count = 0;
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (count < limit) {
    at = static_cast<const char*>(std::memchr(at, '\n', static_cast<size_t>(end - at)));
    if (at == nullptr)
      break;
    ++count;
    ++at;
  }
  return count;
}

// Parses a chunk and lets the block reader drop its pages.
CsvChunkResult ParseChunk(const CsvParsePlan& plan, const RecordChunk& chunk) {
  CsvChunkResult result = ParseCsvChunk(plan, chunk.bytes);
  CsvBlockReader::ReleaseChunk(chunk);
  return result;
}

}  // namespace

struct CsvStreamReader::State {
  CsvOptions options;
  std::shared_ptr<const CsvParsePlan> plan;
  std::unique_ptr<CsvBlockReader> blocks;
  std::unique_ptr<ThreadPool> pool;  // null when parsing on the calling thread
  std::deque<std::future<CsvChunkResult>> in_flight;
  size_t max_in_flight = 1;
  std::vector<GlobalCategories> categories;
  size_t next_line = 1;
  bool input_done = false;
  bool finished = false;
  std::optional<AtomicFileWriter> quarantine;

  Status FillPipeline() {
    while (pool && !input_done && in_flight.size() < max_in_flight) {
      STEWARD_ASSIGN_OR_RETURN(RecordChunk chunk, blocks->NextChunk(options.chunk_bytes));
      if (chunk.empty()) {
        input_done = true;
        break;
      }
      in_flight.push_back(pool->Submit(
          [plan = plan, chunk = std::move(chunk)] { return ParseChunk(*plan, chunk); }));
    }
    return Status::Ok();
  }

  // The next parsed chunk in file order; nullopt at the end of the input.
  Result<std::optional<CsvChunkResult>> NextParsed() {
    if (!pool) {
      STEWARD_ASSIGN_OR_RETURN(RecordChunk chunk, blocks->NextChunk(options.chunk_bytes));
      if (chunk.empty())
        return std::optional<CsvChunkResult>();
      return std::optional<CsvChunkResult>(ParseChunk(*plan, chunk));
    }
    STEWARD_RETURN_IF_ERROR(FillPipeline());
    if (in_flight.empty())
      return std::optional<CsvChunkResult>();
    CsvChunkResult result = in_flight.front().get();
    in_flight.pop_front();
    STEWARD_RETURN_IF_ERROR(FillPipeline());
    return std::optional<CsvChunkResult>(std::move(result));
  }

  std::string Locate(const CsvRecordError& error) const {
    std::string where =
        blocks->display_name() + ":" + std::to_string(next_line + error.line_offset);
    if (error.column > 0)
      where += ":" + std::to_string(error.column);
    return where + ": " + error.message;
  }
};

Result<std::unique_ptr<CsvStreamReader>> CsvStreamReader::Open(const std::string& path,
                                                               CsvOptions options) {
  if (options.bad_rows == BadRowPolicy::kQuarantine && options.quarantine_path.empty()) {
    return Status::InvalidArgument("a quarantine file is needed to quarantine bad rows");
  }
  if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r' ||
      (options.delimiter != 0 &&
       std::string_view("0123456789.+-eE").find(options.delimiter) != std::string_view::npos)) {
    std::string message = "the delimiter cannot be ";
    message += QuoteForMessage(std::string_view(&options.delimiter, 1));
    return Status::InvalidArgument(std::move(message));
  }
  auto state = std::make_unique<State>();
  STEWARD_ASSIGN_OR_RETURN(state->blocks, CsvBlockReader::Open(path));

  // Sample enough of the start to see options.infer_rows records (all of it for 0).
  constexpr size_t kMaxSampleBytes = size_t{64} << 20;
  size_t peek_bytes = size_t{1} << 20;
  std::string_view prefix;
  for (;;) {
    STEWARD_ASSIGN_OR_RETURN(prefix, state->blocks->Peek(peek_bytes));
    const bool whole = prefix.size() < peek_bytes;
    if (whole)
      break;
    if (options.infer_rows != 0) {
      // Past kMaxSampleBytes the sample only grows until it holds the header and one record,
      // so that a first record of 100 MB still reads.
      const size_t breaks = CountLineBreaks(prefix, options.infer_rows + 1);
      if (breaks > options.infer_rows || (peek_bytes >= kMaxSampleBytes && breaks >= 2))
        break;
    }
    peek_bytes *= 2;
  }
  const bool at_end = prefix.size() < peek_bytes;
  STEWARD_ASSIGN_OR_RETURN(CsvLayout layout,
                           SniffCsv(prefix, at_end, options, state->blocks->display_name()));
  state->blocks->Consume(layout.data_offset);
  state->next_line = layout.data_first_line;

  std::vector<Field> fields;
  for (size_t c = 0; c < layout.names.size(); ++c)
    fields.push_back({layout.names[c], layout.kinds[c]});
  auto reader = std::unique_ptr<CsvStreamReader>(new CsvStreamReader());
  STEWARD_ASSIGN_OR_RETURN(reader->schema_, Schema::Make(std::move(fields)));
  reader->stats_.delimiter = layout.delimiter;
  reader->stats_.sampled_records = layout.sampled_records;
  reader->stats_.bytes = layout.data_offset;
  // A little above the sample's average, so that columns are sized once in the common case.
  reader->expected_rows_ = static_cast<uint64_t>(static_cast<double>(state->blocks->total_bytes()) /
                                                 layout.bytes_per_record * 1.02);

  auto plan = std::make_shared<CsvParsePlan>();
  plan->delimiter = layout.delimiter;
  plan->names = layout.names;
  plan->kinds = layout.kinds;
  plan->missing = options.missing;
  plan->bad_rows = options.bad_rows;
  plan->bytes_per_record = layout.bytes_per_record;
  state->plan = std::move(plan);
  state->categories.resize(layout.names.size());

  if (options.bad_rows == BadRowPolicy::kQuarantine) {
    STEWARD_ASSIGN_OR_RETURN(AtomicFileWriter writer,
                             AtomicFileWriter::Open(options.quarantine_path));
    state->quarantine.emplace(std::move(writer));
    if (!layout.header_text.empty()) {
      STEWARD_RETURN_IF_ERROR(state->quarantine->Append(layout.header_text));
    }
  }
  const unsigned threads = ResolveThreadCount(options.threads);
  if (threads > 1) {
    state->pool = std::make_unique<ThreadPool>(threads);
    state->max_in_flight = size_t{threads} * 2;
  }
  state->options = std::move(options);
  reader->state_ = std::move(state);
  return reader;
}

CsvStreamReader::~CsvStreamReader() {
  if (state_) {
    for (auto& pending : state_->in_flight)
      pending.wait();
  }
}

// Turns a parsed chunk into the next batch (nullopt when it holds no rows): fails on a bad
// record under kError, records bad rows, advances line numbers and statistics, and maps
// chunk-local category codes into the reader's categories. Chunks must come in file order.
Result<std::optional<Table>> CsvStreamReader::Consume(CsvChunkResult& chunk) {
  State& state = *state_;
  if (chunk.error)
    return Status::InvalidArgument(state.Locate(*chunk.error));
  for (const CsvRecordError& bad : chunk.bad_records) {
    if (stats_.bad_row_examples.size() < kMaxBadRowExamples) {
      stats_.bad_row_examples.push_back(state.Locate(bad));
    }
    if (state.quarantine)
      STEWARD_RETURN_IF_ERROR(state.quarantine->Append(bad.raw));
  }
  stats_.bad_rows += chunk.bad_records.size();
  stats_.blank_lines += chunk.blank_lines;
  stats_.rows += chunk.rows;
  stats_.bytes += chunk.bytes;
  state.next_line += chunk.line_breaks;
  if (state.options.progress)
    state.options.progress(stats_.bytes, state.blocks->total_bytes());
  if (chunk.rows == 0)
    return std::optional<Table>();

  std::vector<Column> columns;
  columns.reserve(chunk.columns.size());
  for (size_t c = 0; c < chunk.columns.size(); ++c) {
    ColumnValues& values = chunk.columns[c];
    switch (values.kind) {
      case ColumnKind::kNumeric:
        columns.push_back(Column::Numeric(std::move(values.numbers)));
        break;
      case ColumnKind::kCategorical: {
        if (!chunk.bad_records.empty()) {
          // Labels first seen in a record that was then dropped must not become categories.
          std::vector<bool> used(values.dictionary.size(), false);
          for (int32_t code : values.codes) {
            if (code >= 0)
              used[static_cast<size_t>(code)] = true;
          }
          std::vector<int32_t> compact = values.dictionary.Compact(used);
          for (int32_t& code : values.codes) {
            if (code >= 0)
              code = compact[static_cast<size_t>(code)];
          }
        }
        std::vector<int32_t> remap = state.categories[c].Remap(values.dictionary.labels());
        for (int32_t& code : values.codes) {
          if (code >= 0)
            code = remap[static_cast<size_t>(code)];
        }
        columns.push_back(
            Column::Categorical(std::move(values.codes), state.categories[c].snapshot()));
        break;
      }
      case ColumnKind::kText:
        columns.push_back(Column::Text(std::move(values.text)));
        break;
      case ColumnKind::kTimestamp:
        columns.push_back(Column::Timestamp(std::move(values.micros)));
        break;
      case ColumnKind::kBoolean:
        columns.push_back(Column::Boolean(std::move(values.booleans)));
        break;
    }
  }
  STEWARD_ASSIGN_OR_RETURN(Table batch, Table::Make(schema_, std::move(columns)));
  return std::optional<Table>(std::move(batch));
}

Status CsvStreamReader::FinishInput() {
  State& state = *state_;
  state.finished = true;
  if (!state.quarantine)
    return Status::Ok();
  Status committed = state.quarantine->Commit();
  state.quarantine.reset();
  return committed;
}

Result<std::optional<Table>> CsvStreamReader::Next() {
  State& state = *state_;
  while (!state.finished) {
    Result<std::optional<CsvChunkResult>> next = state.NextParsed();
    if (!next.ok()) {
      state.finished = true;
      return next.status();
    }
    if (!next->has_value()) {
      STEWARD_RETURN_IF_ERROR(FinishInput());
      break;
    }
    Result<std::optional<Table>> batch = Consume(**next);
    if (!batch.ok())
      state.finished = true;
    if (!batch.ok() || batch->has_value())
      return batch;
  }
  return std::optional<Table>();
}

Status CsvStreamReader::RunPipeline(const std::function<Status(CsvChunkResult&)>& in_order,
                                    const std::function<Status()>& after_deposit) {
  State& state = *state_;
  // A thread deposits its parsed chunk and, if no other thread is taking chunks in order,
  // passes every chunk that is next in order to `in_order`. No thread waits for another's
  // chunk, and a chunk is usually handled by the thread that parsed it, while its values are
  // still in that core's cache. The calling thread only cuts chunks.
  std::mutex mutex;
  std::condition_variable progress;
  std::map<size_t, CsvChunkResult> parsed_ahead;
  size_t next_in_order = 0;
  size_t finished_tasks = 0;  // tasks that deposited their chunk
  bool in_order_busy = false;
  Status failure;

  auto deposit = [&](size_t index, CsvChunkResult chunk) {
    std::unique_lock lock(mutex);
    parsed_ahead.emplace(index, std::move(chunk));
    if (in_order_busy)
      return;
    in_order_busy = true;
    while (!parsed_ahead.empty() && parsed_ahead.begin()->first == next_in_order) {
      CsvChunkResult next = std::move(parsed_ahead.begin()->second);
      parsed_ahead.erase(parsed_ahead.begin());
      const bool skip = !failure.ok();
      lock.unlock();
      Status status = skip ? Status::Ok() : in_order(next);
      lock.lock();
      if (!status.ok() && failure.ok())
        failure = status;
      ++next_in_order;
      progress.notify_all();
    }
    in_order_busy = false;
  };

  size_t submitted = 0;
  for (;;) {
    {
      // Bounded look-ahead: at most max_in_flight chunks parsed or parsing beyond the last
      // one handled in order, so memory stays a few chunks whatever the order they finish in.
      std::unique_lock lock(mutex);
      progress.wait(
          lock, [&] { return submitted - next_in_order < state.max_in_flight || !failure.ok(); });
      if (!failure.ok())
        break;
    }
    Result<RecordChunk> chunk = state.blocks->NextChunk(state.options.chunk_bytes);
    if (!chunk.ok()) {
      std::lock_guard lock(mutex);
      failure = chunk.status();
      break;
    }
    if (chunk->empty())
      break;
    state.pool->Submit([&, index = submitted, chunk = std::move(chunk).value()] {
      deposit(index, ParseChunk(*state.plan, chunk));
      Status after = after_deposit ? after_deposit() : Status::Ok();
      std::lock_guard lock(mutex);
      if (!after.ok() && failure.ok())
        failure = after;
      ++finished_tasks;
      progress.notify_all();
    });
    ++submitted;
  }
  {
    std::unique_lock lock(mutex);
    progress.wait(lock, [&] { return finished_tasks == submitted && !in_order_busy; });
  }
  if (!failure.ok()) {
    state.finished = true;
    return failure;
  }
  return FinishInput();
}

Result<ReadResult> CsvStreamReader::ReadAll() {
  if (!state_->pool)
    return BatchReader::ReadAll();
  // Appending runs in the in-order step, on the parse threads.
  TableAppender appender(schema_, expected_rows_);
  STEWARD_RETURN_IF_ERROR(RunPipeline(
      [&](CsvChunkResult& chunk) -> Status {
        STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, Consume(chunk));
        return batch ? appender.Append(std::move(*batch)) : Status::Ok();
      },
      nullptr));
  ReadResult result;
  result.stats = stats_;
  STEWARD_ASSIGN_OR_RETURN(result.table, std::move(appender).Finish());
  return result;
}

Status CsvStreamReader::ForEachBatch(const BatchVisitor& visit) {
  if (!state_->pool)
    return BatchReader::ForEachBatch(visit);
  // Batches are made in order (category codes must extend in file order), then visited by
  // whichever parse thread is free, concurrently.
  std::mutex mutex;
  std::deque<std::pair<size_t, Table>> ready;
  size_t batches = 0;
  return RunPipeline(
      [&](CsvChunkResult& chunk) -> Status {
        STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, Consume(chunk));
        if (batch) {
          std::lock_guard lock(mutex);
          ready.emplace_back(batches++, std::move(*batch));
        }
        return Status::Ok();
      },
      [&]() -> Status {
        for (;;) {
          std::pair<size_t, Table> next;
          {
            std::lock_guard lock(mutex);
            if (ready.empty())
              return Status::Ok();
            next = std::move(ready.front());
            ready.pop_front();
          }
          STEWARD_RETURN_IF_ERROR(visit(next.first, std::move(next.second)));
        }
      });
}

Result<ReadResult> ReadCsv(const std::string& path, CsvOptions options) {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<CsvStreamReader> reader,
                           CsvStreamReader::Open(path, std::move(options)));
  return reader->ReadAll();
}

}  // namespace steward::io
