#include <algorithm>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <set>
#include <system_error>

#include <nlohmann/json.hpp>

#include "steward/io/atomic_file.h"
#include "steward/io/internal/prediction_log_format.h"
#include "steward/io/prediction_log.h"

namespace steward::io {
namespace {

// ordered_json keeps the fields of inputs and outputs in the order the server wrote them.
using Json = nlohmann::ordered_json;

// Messages stay one printable ASCII line whatever bytes the input held.
std::string Printable(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F)
      c = '?';
  }
  return text;
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag and "line 1, ".
std::string ParseErrorText(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    const size_t end = what.find("] ");
    if (end != what.npos)
      what.remove_prefix(end + 2);
  }
  std::string text(what);
  const size_t line = text.find("line 1, ");
  if (line != text.npos)
    text.erase(line, 8);
  return "invalid JSON: " + text;
}

Result<const Json*> Field(const Json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end())
    return Status::InvalidArgument(std::string("missing field '") + name + "'");
  return &*it;
}

Result<std::string> StringField(const Json& object, const char* name) {
  STEWARD_ASSIGN_OR_RETURN(const Json* value, Field(object, name));
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    return Status::InvalidArgument(std::string("field '") + name + "' must be a non-empty string");
  }
  return value->get<std::string>();
}

Result<PredictionRecord> ToRecord(const Json& line) {
  if (!line.is_object())
    return Status::InvalidArgument(std::string("expected a JSON object, got ") + line.type_name());
  PredictionRecord record;
  STEWARD_ASSIGN_OR_RETURN(const std::string kind, StringField(line, "kind"));
  if (kind == "prediction") {
    record.kind = PredictionKind::kPrediction;
  } else if (kind == "feedback") {
    record.kind = PredictionKind::kFeedback;
  } else {
    return Status::InvalidArgument("field 'kind' is \"" + kind +
                                   "\"; expected \"prediction\" or \"feedback\"");
  }
  STEWARD_ASSIGN_OR_RETURN(record.id, StringField(line, "id"));
  STEWARD_ASSIGN_OR_RETURN(record.time, StringField(line, "time"));
  if (!internal::IsPredictionTime(record.time)) {
    return Status::InvalidArgument("field 'time' is \"" + record.time +
                                   "\"; expected UTC as YYYY-MM-DDTHH:MM:SS.mmmZ");
  }
  STEWARD_ASSIGN_OR_RETURN(record.model, StringField(line, "model"));
  STEWARD_ASSIGN_OR_RETURN(const Json* version, Field(line, "version"));
  if (version->is_number_integer() && !version->is_number_unsigned()) {
    record.version = version->get<int64_t>();
  } else if (version->is_number_unsigned() &&
             version->get<uint64_t>() <= uint64_t{std::numeric_limits<int64_t>::max()}) {
    record.version = static_cast<int64_t>(version->get<uint64_t>());
  } else {
    return Status::InvalidArgument(std::string("field 'version' must be a 64-bit integer, got ") +
                                   version->dump());
  }
  if (record.kind == PredictionKind::kPrediction) {
    STEWARD_ASSIGN_OR_RETURN(const Json* inputs, Field(line, "inputs"));
    if (!inputs->is_object()) {
      return Status::InvalidArgument(std::string("field 'inputs' must be an object, got ") +
                                     inputs->type_name());
    }
    STEWARD_ASSIGN_OR_RETURN(const Json* outputs, Field(line, "outputs"));
    record.inputs = inputs->dump();
    record.outputs = outputs->dump();
  } else {
    STEWARD_ASSIGN_OR_RETURN(const Json* label, Field(line, "label"));
    record.label = label->dump();
    STEWARD_ASSIGN_OR_RETURN(record.prediction_id, StringField(line, "prediction_id"));
  }
  return record;
}

Result<PredictionRecord> ParseLine(std::string_view line) {
  if (line.size() > kMaxPredictionLineBytes) {
    return Status::InvalidArgument("a line of " + std::to_string(line.size()) +
                                   " bytes, over the limit of " +
                                   std::to_string(kMaxPredictionLineBytes));
  }
  if (line.empty())
    return Status::InvalidArgument("an empty line; every line holds one record");
  // nlohmann would take a NUL byte for the end of the input and ignore the rest of the line.
  if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
    return Status::InvalidArgument("a NUL byte at byte " +
                                   std::to_string(static_cast<const char*>(nul) - line.data() + 1) +
                                   ", which JSON text cannot hold");
  }
  bool too_deep = false;
  std::set<std::string> keys;
  bool duplicate_key = false;
  std::string duplicate;
  // Depth is the number of enclosing containers; values deeper than the limit are discarded
  // as they are parsed, so a hostile line never builds a deep tree.
  const Json::parser_callback_t check = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxPredictionJsonDepth) {
      too_deep = true;
      return false;
    }
    if (event == Json::parse_event_t::key && depth == 1 && !duplicate_key &&
        !keys.insert(parsed.get<std::string>()).second) {
      duplicate_key = true;
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  Json parsed;
  try {
    parsed = Json::parse(line.begin(), line.end(), check);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument(ParseErrorText(e.what()));
  }
  if (too_deep) {
    return Status::InvalidArgument("JSON nested deeper than " +
                                   std::to_string(kMaxPredictionJsonDepth) + " levels");
  }
  if (duplicate_key)
    return Status::InvalidArgument("duplicate field '" + duplicate + "'");
  return ToRecord(parsed);
}

}  // namespace

Result<PredictionSegment> ParsePredictionSegment(std::string_view bytes, const std::string& where) {
  PredictionSegment segment;
  uint64_t line_number = 0;
  while (!bytes.empty()) {
    ++line_number;
    const size_t end = bytes.find('\n');
    if (end == bytes.npos) {
      // The writer ends every record with its line break: without it, a crash cut the write.
      segment.torn_tail = true;
      break;
    }
    Result<PredictionRecord> record = Status::Internal("unparsed");
    try {
      record = ParseLine(bytes.substr(0, end));
    } catch (const std::exception& e) {
      // Bad input is reported above; a throw here is a failed allocation or a library bug.
      record = Status::InvalidArgument(std::string("cannot read the record: ") + e.what());
    }
    if (!record.ok()) {
      return Status(record.status().code(), where + ":" + std::to_string(line_number) + ": " +
                                                Printable(record.status().message()));
    }
    segment.records.push_back(std::move(record).value());
    bytes.remove_prefix(end + 1);
  }
  return segment;
}

Result<PredictionLogScan> ReadPredictionLog(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error))
    return Status::NotFound(directory + ": no such prediction log directory");
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    const std::string file = it->path().filename().string();
    if (internal::ParseSegmentFileName(file))
      files.push_back(file);
  }
  if (error)
    return Status::Unavailable(directory + ": cannot list the prediction log: " + error.message());
  std::sort(files.begin(), files.end());

  PredictionLogScan scan;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = directory + "/" + files[i];
    STEWARD_ASSIGN_OR_RETURN(const std::string bytes, ReadFileToString(path));
    STEWARD_ASSIGN_OR_RETURN(PredictionSegment segment, ParsePredictionSegment(bytes, path));
    if (segment.torn_tail) {
      const std::string where = path + ":" + std::to_string(segment.records.size() + 1);
      if (i + 1 < files.size()) {
        return Status::DataLoss(where +
                                ": the last line has no line break, in a segment that "
                                "is not the newest (the writer cuts such a line off)");
      }
      scan.torn_tail = true;
      scan.note = where + ": torn last line (a write cut short by a crash), skipped";
    }
    scan.records.insert(scan.records.end(), std::make_move_iterator(segment.records.begin()),
                        std::make_move_iterator(segment.records.end()));
    scan.segments.push_back(files[i]);
  }
  return scan;
}

}  // namespace steward::io
