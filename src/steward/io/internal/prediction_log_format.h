#pragma once
// What the prediction log's writer and reader share: segment file names, the time formats and
// the serialization of one record as a JSON line.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/io/prediction_log.h"

namespace steward::io::internal {

struct SegmentName {
  std::string start;  // compact UTC, "20261123T062812Z"
  uint64_t sequence = 0;
};

// "predictions-<start>-<6-digit sequence>.jsonl".
std::string SegmentFileName(const SegmentName& name);
// The parts of a segment file name, or nullopt for any other file.
std::optional<SegmentName> ParseSegmentFileName(std::string_view file_name);

// "20261123T062812Z".
std::string CompactUtcTime(std::chrono::system_clock::time_point time);
// Whether `text` has the shape "YYYY-MM-DDTHH:MM:SS.mmmZ".
bool IsPredictionTime(std::string_view text);

// Appends `record` as one JSON line, `now` standing in for an empty time. False (and `line`
// unchanged) if the record is malformed: see PredictionLogWriter::Append.
bool AppendRecordLine(const PredictionRecord& record, std::string_view now, std::string& line);

// write() until every byte is written, through partial writes and EINTR.
Status WriteAll(int fd, std::string_view bytes, const std::string& where);

}  // namespace steward::io::internal
