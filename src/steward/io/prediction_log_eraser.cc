#include "steward/io/prediction_log_eraser.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/io/internal/prediction_log_format.h"
#include "steward/io/internal/segment_lock.h"
#include "steward/io/prediction_log.h"

namespace steward::io {
namespace {

struct Segment {
  std::string file;
  std::string path;
  internal::LockedSegment handle;
  std::string bytes;
  std::vector<PredictionRecord> records;
  // Where records[i]'s line is in bytes, with its '\n'; offsets, since a Segment moves.
  std::vector<std::pair<size_t, size_t>> lines;
  size_t tail = 0;  // offset of a torn last line, kept as it is
};

Result<std::string> ReadDescriptor(int fd, const std::string& path) {
  std::string bytes;
  char block[1 << 16];
  for (;;) {
    const ssize_t got = ::pread(fd, block, sizeof(block), static_cast<off_t>(bytes.size()));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return Status::Unavailable(path + ": cannot read: " + std::strerror(errno));
    if (got == 0)
      return bytes;
    bytes.append(block, static_cast<size_t>(got));
  }
}

// The JSON parser quotes the text it stopped at ("last read: '...'"), which may be part of the
// very value being erased: cut that off, and as a last guard blank the value wherever it is.
Status Scrub(const Status& status, std::string_view value) {
  std::string message = status.message();
  const size_t quoted = message.find("; last read:");
  if (quoted != message.npos)
    message.erase(quoted);
  for (size_t at = value.empty() ? message.npos : message.find(value); at != message.npos;
       at = message.find(value, at)) {
    message.replace(at, value.size(), "[value]");
  }
  return Status(status.code(), message);
}

bool MatchesNumber(const nlohmann::json& logged, std::string_view value) {
  const char* first = value.data();
  const char* last = value.data() + value.size();
  if (logged.is_number_integer() || logged.is_number_unsigned()) {
    // Exactly as integers first: doubles cannot tell 2^53 from 2^53 + 1.
    if (logged.is_number_unsigned()) {
      uint64_t number = 0;
      const auto parsed = std::from_chars(first, last, number);
      if (parsed.ec == std::errc() && parsed.ptr == last)
        return number == logged.get<uint64_t>();
    } else {
      int64_t number = 0;
      const auto parsed = std::from_chars(first, last, number);
      if (parsed.ec == std::errc() && parsed.ptr == last)
        return number == logged.get<int64_t>();
    }
  }
  double number = 0;
  const auto parsed = std::from_chars(first, last, number);
  if (parsed.ec != std::errc() || parsed.ptr != last || !std::isfinite(number))
    return false;
  return number == logged.get<double>();
}

bool Matches(const nlohmann::json& logged, std::string_view value) {
  if (logged.is_string())
    return logged.get_ref<const std::string&>() == value;
  if (logged.is_number())
    return MatchesNumber(logged, value);
  if (logged.is_boolean())
    return value == (logged.get<bool>() ? "true" : "false");
  return false;
}

Result<Segment> ReadSegment(const std::string& directory, const std::string& file, bool newest,
                            std::string_view value) {
  Segment segment;
  segment.file = file;
  segment.path = directory + "/" + file;
  STEWARD_ASSIGN_OR_RETURN(segment.handle,
                           internal::OpenLockedSegment(segment.path, O_RDONLY, /*wait=*/false));
  STEWARD_ASSIGN_OR_RETURN(segment.bytes, ReadDescriptor(segment.handle.fd(), segment.path));
  Result<PredictionSegment> parsed = ParsePredictionSegment(segment.bytes, segment.path);
  if (!parsed.ok())
    return Scrub(parsed.status(), value);
  // A writer holding the segment may be mid-write: its partial last line is not a crash's.
  if (parsed->torn_tail && !newest && segment.handle.locked()) {
    return Status::DataLoss(segment.path + ":" + std::to_string(parsed->records.size() + 1) +
                            ": the last line has no line break, in a segment that is not the "
                            "newest (the writer cuts such a line off); nothing was rewritten");
  }
  segment.records = std::move(parsed->records);
  size_t start = 0;
  for (size_t i = 0; i < segment.records.size(); ++i) {
    const size_t end = segment.bytes.find('\n', start) + 1;
    segment.lines.emplace_back(start, end - start);
    start = end;
  }
  segment.tail = start;
  return segment;
}

// What the passes learn about the subject across segments.
struct Subject {
  std::set<std::string> prediction_ids;  // of the subject's predictions: their feedback goes
  bool any_prediction = false;           // a prediction in scope exists
  bool column_seen = false;              // one of them has an input named as the column
};

// Marks the subject's predictions in `segment` and adds their ids to `subject`.
std::vector<bool> FindSubject(const Segment& segment, const EraseRequest& request,
                              Subject& subject) {
  std::vector<bool> erase(segment.records.size(), false);
  for (size_t record_idx = 0; record_idx < segment.records.size(); ++record_idx) {
    const PredictionRecord& record = segment.records[record_idx];
    if (record.kind != PredictionKind::kPrediction ||
        (!request.model.empty() && record.model != request.model)) {
      continue;
    }
    subject.any_prediction = true;
    // The reader produced `inputs` from a parsed object, so it parses again.
    const nlohmann::json inputs = nlohmann::json::parse(record.inputs, nullptr, false);
    if (!inputs.is_object())
      continue;
    const auto found = inputs.find(request.column);
    if (found == inputs.end())
      continue;
    subject.column_seen = true;
    if (Matches(*found, request.value)) {
      erase[record_idx] = true;
      subject.prediction_ids.insert(record.id);
    }
  }
  return erase;
}

Result<std::vector<std::string>> SegmentFiles(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error))
    return Status::NotFound(directory + ": no such prediction log directory");
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    std::string file = it->path().filename().string();
    if (internal::ParseSegmentFileName(file))
      files.push_back(std::move(file));
  }
  if (error)
    return Status::Unavailable(directory + ": cannot list the prediction log: " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool InputMatches(std::string_view logged_json, std::string_view value) {
  const nlohmann::json logged =
      nlohmann::json::parse(logged_json, nullptr, /*allow_exceptions=*/false);
  return !logged.is_discarded() && Matches(logged, value);
}

Result<EraseReport> EraseFromPredictionLog(const std::string& directory,
                                           const EraseRequest& request) {
  if (request.column.empty())
    return Status::InvalidArgument("forget needs a column name");
  STEWARD_ASSIGN_OR_RETURN(const std::vector<std::string> files, SegmentFiles(directory));

  // Two passes, one segment in memory at a time (a log can be far larger than memory, and
  // holding every segment's lock would take a descriptor each). The first checks every
  // segment and finds the subject's prediction ids, so that a malformed line anywhere stops
  // the run before anything changes and feedback in any segment can be matched. The second
  // takes each lock again and decides from the bytes it then holds.
  Subject subject;
  for (size_t i = 0; i < files.size(); ++i) {
    Result<Segment> segment =
        ReadSegment(directory, files[i], i + 1 == files.size(), request.value);
    if (segment.status().code() == StatusCode::kNotFound)
      continue;  // removed since the listing: nothing of it left to erase
    if (!segment.ok())
      return segment.status();
    FindSubject(*segment, request, subject);
  }
  if (subject.any_prediction && !subject.column_seen) {
    return Status::InvalidArgument(
        directory + ": no prediction" +
        (request.model.empty() ? std::string() : " of model '" + request.model + "'") +
        " in the log has an input named '" + request.column + "'");
  }

  EraseReport report;
  for (size_t i = 0; i < files.size(); ++i) {
    Result<Segment> segment =
        ReadSegment(directory, files[i], i + 1 == files.size(), request.value);
    if (segment.status().code() == StatusCode::kNotFound)
      continue;
    if (!segment.ok())
      return segment.status().WithContext("changed since it was checked, after " +
                                          std::to_string(report.segments_rewritten.size()) +
                                          " segment(s) were rewritten");
    ++report.segments_scanned;
    const std::vector<bool> erase = FindSubject(*segment, request, subject);
    uint64_t predictions = 0;
    uint64_t feedback = 0;
    std::string kept;
    for (size_t record_idx = 0; record_idx < segment->records.size(); ++record_idx) {
      const PredictionRecord& record = segment->records[record_idx];
      if (erase[record_idx]) {
        ++predictions;
      } else if (record.kind == PredictionKind::kFeedback &&
                 subject.prediction_ids.count(record.prediction_id) != 0) {
        ++feedback;
      } else {
        kept.append(segment->bytes, segment->lines[record_idx].first,
                    segment->lines[record_idx].second);
      }
    }
    if (!segment->handle.locked()) {
      report.segments_busy.push_back(segment->file);
      report.predictions_pending += predictions;
      report.feedback_pending += feedback;
      continue;
    }
    if (predictions + feedback == 0)
      continue;
    kept.append(segment->bytes, segment->tail);
    if (!request.dry_run) {
      Status written = WriteFileAtomically(segment->path, kept);
      if (!written.ok()) {
        return written.WithContext("rewriting " + segment->file + " after " +
                                   std::to_string(report.segments_rewritten.size()) +
                                   " segment(s) were rewritten; run forget again to finish");
      }
    }
    report.predictions_removed += predictions;
    report.feedback_removed += feedback;
    report.segments_rewritten.push_back(segment->file);
  }
  return report;
}

}  // namespace steward::io
