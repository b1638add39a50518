#include "steward/io/internal/prediction_log_format.h"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <sched.h>
#include <unistd.h>

namespace steward::io::internal {
namespace {

constexpr std::string_view kSegmentPrefix = "predictions-";
constexpr std::string_view kSegmentSuffix = ".jsonl";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c))
      return false;
  }
  return !text.empty();
}

// Whether `text` is valid UTF-8 (strings the reader's JSON parser would otherwise refuse).
bool IsUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      extra = 1;
      code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      extra = 2;
      code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      extra = 3;
      code = byte & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size())
      return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80)
        return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

// Appends `text` as a JSON string; false if it is not valid UTF-8.
bool AppendJsonString(std::string_view text, std::string& out) {
  if (!IsUtf8(text))
    return false;
  out.push_back('"');
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out.append("\\u00");
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return true;
}

// Cheap checks that keep one record on one line; the JSON itself is the caller's.
bool IsEmbeddableJson(std::string_view json) {
  return !json.empty() && std::memchr(json.data(), '\n', json.size()) == nullptr;
}

bool IsJsonObjectText(std::string_view json) {
  const size_t first = json.find_first_not_of(" \t\r");
  const size_t last = json.find_last_not_of(" \t\r");
  return first != json.npos && json[first] == '{' && json[last] == '}';
}

bool AppendFields(const PredictionRecord& record, std::string_view now, std::string& line) {
  const bool prediction = record.kind == PredictionKind::kPrediction;
  if (record.id.empty() || record.model.empty())
    return false;
  if (!record.time.empty() && !IsPredictionTime(record.time))
    return false;
  if (prediction) {
    if (!IsEmbeddableJson(record.inputs) || !IsJsonObjectText(record.inputs) ||
        !IsEmbeddableJson(record.outputs)) {
      return false;
    }
  } else if (!IsEmbeddableJson(record.label) || record.prediction_id.empty()) {
    return false;
  }
  line.append(prediction ? R"({"kind":"prediction","id":)" : R"({"kind":"feedback","id":)");
  if (!AppendJsonString(record.id, line))
    return false;
  line.append(R"(,"time":")");
  line.append(record.time.empty() ? now : std::string_view(record.time));
  line.append(R"(","model":)");
  if (!AppendJsonString(record.model, line))
    return false;
  line.append(R"(,"version":)");
  char digits[24];
  const auto printed = std::to_chars(digits, digits + sizeof(digits), record.version);
  line.append(digits, printed.ptr);
  if (prediction) {
    line.append(R"(,"inputs":)");
    line.append(record.inputs);
    line.append(R"(,"outputs":)");
    line.append(record.outputs);
  } else {
    line.append(R"(,"label":)");
    line.append(record.label);
    line.append(R"(,"prediction_id":)");
    if (!AppendJsonString(record.prediction_id, line))
      return false;
  }
  line.append("}\n");
  return true;
}

}  // namespace

std::string SegmentFileName(const SegmentName& name) {
  std::string sequence = std::to_string(name.sequence);
  if (sequence.size() < 6)
    sequence.insert(0, 6 - sequence.size(), '0');
  return std::string(kSegmentPrefix) + name.start + "-" + sequence + std::string(kSegmentSuffix);
}

std::optional<SegmentName> ParseSegmentFileName(std::string_view file_name) {
  if (!file_name.starts_with(kSegmentPrefix) || !file_name.ends_with(kSegmentSuffix))
    return std::nullopt;
  file_name.remove_prefix(kSegmentPrefix.size());
  file_name.remove_suffix(kSegmentSuffix.size());
  // "YYYYMMDDTHHMMSSZ-NNNNNN"
  if (file_name.size() < 16 + 1 + 6 || file_name[8] != 'T' || file_name[15] != 'Z' ||
      file_name[16] != '-' || !AllDigits(file_name.substr(0, 8)) ||
      !AllDigits(file_name.substr(9, 6))) {
    return std::nullopt;
  }
  const std::string_view sequence = file_name.substr(17);
  SegmentName name;
  name.start = std::string(file_name.substr(0, 16));
  if (!AllDigits(sequence) || sequence.size() > 18)
    return std::nullopt;
  std::from_chars(sequence.data(), sequence.data() + sequence.size(), name.sequence);
  return name;
}

std::string CompactUtcTime(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

}  // namespace steward::io::internal

namespace steward::io {

std::string FormatPredictionTime(std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  // Every record is stamped; the date and time of day change once a second, so format them
  // once a second per thread and add the milliseconds.
  thread_local int64_t cached_second = INT64_MIN;
  thread_local char cached[24];
  if (seconds.count() != cached_second) {
    const std::time_t whole = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    ::gmtime_r(&whole, &utc);
    std::strftime(cached, sizeof(cached), "%Y-%m-%dT%H:%M:%S", &utc);
    cached_second = seconds.count();
  }
  const int ms = static_cast<int>(millis.count());
  std::string text(cached);
  text += '.';
  text += static_cast<char>('0' + ms / 100);
  text += static_cast<char>('0' + ms / 10 % 10);
  text += static_cast<char>('0' + ms % 10);
  text += 'Z';
  return text;
}

}  // namespace steward::io

namespace steward::io::internal {

bool IsPredictionTime(std::string_view text) {
  static constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (text.size() != kShape.size())
    return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == '0' ? !IsDigit(text[i]) : text[i] != kShape[i])
      return false;
  }
  return true;
}

bool AppendRecordLine(const PredictionRecord& record, std::string_view now, std::string& line) {
  const size_t start = line.size();
  // The reader refuses longer lines, so writing one would make the whole log unreadable.
  if (AppendFields(record, now, line) && line.size() - start <= kMaxPredictionLineBytes)
    return true;
  line.resize(start);
  return false;
}

Status WriteAll(int fd, std::string_view bytes, const std::string& where) {
  // Pieces of at most 128 KiB with a yield between them: on a core shared with the server's
  // event loop, one large write() holds the CPU for milliseconds and shows up in its p99.
  constexpr size_t kPiece = 128 << 10;
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), std::min(bytes.size(), kPiece));
    if (written > 0 && static_cast<size_t>(written) < bytes.size())
      sched_yield();
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return Status::Unavailable(where + ": write failed: " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return Status::Ok();
}

}  // namespace steward::io::internal
