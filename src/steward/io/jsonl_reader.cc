#include "steward/io/jsonl_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/io/atomic_file.h"
#include "steward/io/category_dictionary.h"
#include "steward/io/global_categories.h"
#include "steward/io/value_parsing.h"

namespace steward::io {
namespace {

constexpr size_t kMaxDepth = 32;
constexpr size_t kMaxBadRowExamples = 5;
constexpr uint64_t kMaxSampleBytes = uint64_t{64} << 20;
constexpr size_t kBlockBytes = size_t{1} << 20;
// With infer_rows 0, distinct values are tracked up to this many; a column past it is text.
constexpr size_t kMaxTrackedDistinct = 1'000'000;
constexpr uint64_t kMaxExactInteger = uint64_t{1} << 53;  // doubles hold integers up to here
constexpr double kMissingNumber = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Keys are any JSON string, so a message shows one as is only when it cannot break the
// message's line or length.
bool IsPlainKey(std::string_view key) {
  return key.size() <= 64 && std::none_of(key.begin(), key.end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
         });
}

// A key as error messages show it: 'name', or escaped and shortened.
std::string FieldName(std::string_view key) {
  return IsPlainKey(key) ? "'" + std::string(key) + "'" : QuoteForMessage(key);
}

// Column names for a message, as "a, b, c" (see JoinNames), each escaped unless plain.
std::string ListColumns(const std::vector<std::string>& names) {
  std::vector<std::string> shown;
  shown.reserve(names.size());
  for (const std::string& name : names) {
    shown.push_back(IsPlainKey(name) ? name : QuoteForMessage(name));
  }
  return JoinNames(shown);
}

std::string Shorten(std::string_view text) {
  constexpr size_t kMaxShown = 40;
  if (text.size() <= kMaxShown) return std::string(text);
  return std::string(text.substr(0, kMaxShown)) + "... (" + std::to_string(text.size()) + " bytes)";
}

// A piece of input quoted by nlohmann, shortened and with the bytes of invalid UTF-8 escaped:
// a token may be megabytes long. (nlohmann already escapes control characters as <U+XXXX>.)
std::string ShowToken(std::string_view token) {
  constexpr size_t kMaxShown = 40;
  const bool escape_high_bytes = !IsValidUtf8(token);
  std::string shown = "'";
  size_t i = 0;
  for (; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (i >= kMaxShown && (escape_high_bytes || (c & 0xC0) != 0x80)) break;
    if (c == 0x7F || (c >= 0x80 && escape_high_bytes)) {
      std::array<char, 8> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\x%02X", c);
      shown += escaped.data();
    } else {
      shown += static_cast<char>(c);
    }
  }
  shown += '\'';
  if (i < token.size()) shown += "... (" + std::to_string(token.size()) + " bytes)";
  return shown;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r") == text.npos; }

// Reads an input's lines in blocks. An input that cannot seek keeps every byte it read until
// Rewind(), so that the sample can be read a second time.
// Not thread-safe.
class LineInput {
 public:
  static Result<std::unique_ptr<LineInput>> Open(const std::string& path);
  ~LineInput() {
    if (owns_fd_) ::close(fd_);
  }
  LineInput(const LineInput&) = delete;
  LineInput& operator=(const LineInput&) = delete;

  // The next line with its line break, if it has one; valid until the next call. False at the
  // end of the input.
  Result<bool> NextLine(std::string_view& line);
  // Starts again from the first byte.
  Status Rewind();

  uint64_t bytes_consumed() const { return bytes_consumed_; }
  uint64_t total_bytes() const { return total_bytes_; }  // 0 when unknown

 private:
  LineInput(int fd, bool owns_fd, std::string display_name, uint64_t total_bytes,
            std::optional<off_t> start_offset)
      : fd_(fd),
        owns_fd_(owns_fd),
        display_name_(std::move(display_name)),
        total_bytes_(total_bytes),
        start_offset_(start_offset),
        keep_all_(!start_offset.has_value()) {
    // Small files get a small buffer: the fuzzer opens thousands of them a second.
    capacity_ = total_bytes > 0 ? static_cast<size_t>(std::clamp<uint64_t>(total_bytes + 1, 4096,
                                                                            kBlockBytes))
                                : kBlockBytes;
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
  }
  Status Fill();

  int fd_;
  bool owns_fd_;
  std::string display_name_;
  uint64_t total_bytes_;
  std::optional<off_t> start_offset_;  // where the input starts; nullopt if it cannot seek
  bool keep_all_;                      // keep the bytes already read, for Rewind()
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;  // first byte not yet handed out
  size_t end_ = 0;    // end of the bytes read
  bool eof_ = false;
  uint64_t bytes_consumed_ = 0;
};

Result<std::unique_ptr<LineInput>> LineInput::Open(const std::string& path) {
  int fd = STDIN_FILENO;
  const bool is_stdin = path == "-";
  const std::string display_name = is_stdin ? "<stdin>" : path;
  if (!is_stdin) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == ENOENT) return Status::NotFound(path + ": no such file");
      if (error == EACCES) return Status::PermissionDenied(path + ": permission denied");
      return Status::InvalidArgument(path + ": cannot open: " + std::strerror(error));
    }
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    if (!is_stdin) ::close(fd);
    return Status::InvalidArgument(display_name + ": is a directory, not a data file");
  }
  uint64_t total = 0;
  std::optional<off_t> start;
  if (S_ISREG(info.st_mode)) {
    // stdin redirected from a file may start past its beginning.
    const off_t offset = ::lseek(fd, 0, SEEK_CUR);
    if (offset >= 0) {
      start = offset;
      total = offset < info.st_size ? static_cast<uint64_t>(info.st_size - offset) : 0;
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  return std::unique_ptr<LineInput>(new LineInput(fd, !is_stdin, display_name, total, start));
}

Status LineInput::Fill() {
  if (!keep_all_ && begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity_ * 2);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ *= 2;
  }
  for (;;) {
    const ssize_t got = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(display_name_ + ": read failed: " + std::strerror(errno));
    }
    if (got == 0) eof_ = true;
    end_ += static_cast<size_t>(got);
    return Status::Ok();
  }
}

Result<bool> LineInput::NextLine(std::string_view& line) {
  size_t scanned = 0;  // bytes after begin_ known to hold no line break
  for (;;) {
    const char* start = buffer_.get() + begin_;
    const size_t available = end_ - begin_;
    const void* found =
        available > scanned ? std::memchr(start + scanned, '\n', available - scanned) : nullptr;
    if (found != nullptr || (eof_ && available > 0)) {
      const size_t length =
          found != nullptr ? static_cast<size_t>(static_cast<const char*>(found) - start) + 1
                           : available;
      line = std::string_view(start, length);
      begin_ += length;
      bytes_consumed_ += length;
      return true;
    }
    if (eof_) return false;
    scanned = available;
    STEWARD_RETURN_IF_ERROR(Fill());
  }
}

Status LineInput::Rewind() {
  bytes_consumed_ = 0;
  if (!start_offset_) {
    begin_ = 0;
    keep_all_ = false;
    return Status::Ok();
  }
  if (::lseek(fd_, *start_offset_, SEEK_SET) < 0) {
    return Status::Unavailable(display_name_ + ": cannot seek back to the start: " +
                               std::strerror(errno));
  }
  begin_ = 0;
  end_ = 0;
  eof_ = false;
  return Status::Ok();
}

enum class JsonType : uint8_t { kNull, kBoolean, kNumber, kString };

// One top-level field of a record. Entries are reused from record to record, keeping the
// capacity of their strings.
struct Entry {
  std::string key;
  JsonType type = JsonType::kNull;
  bool flag = false;
  bool inexact = false;  // an integer beyond 2^53, which a double would silently change
  double number = 0;
  std::string text;  // a string's value, or a number's JSON text
};

std::string_view ValueText(const Entry& entry) {
  if (entry.type == JsonType::kBoolean) return entry.flag ? "true" : "false";
  return entry.text;
}

// How an error message shows a value that does not fit.
std::string Describe(const Entry& entry) {
  return entry.type == JsonType::kString ? QuoteForMessage(entry.text) : Shorten(ValueText(entry));
}

// Finds repeated keys among one record's entries without allocating per record: slots hold
// entry indices stamped with the record's generation, so forgetting a record costs nothing.
class KeySet {
 public:
  void Clear() {
    ++generation_;
    size_ = 0;
  }
  // Adds entries[index].key; false if an equal key was added since Clear().
  bool Add(const std::vector<Entry>& entries, size_t index) {
    if ((size_ + 1) * 2 > slots_.size()) Grow(entries);
    if (!Place(entries, index)) return false;
    ++size_;
    return true;
  }

 private:
  struct Slot {
    uint64_t generation = 0;
    size_t index = 0;
  };
  bool Place(const std::vector<Entry>& entries, size_t index) {
    const std::string& key = entries[index].key;
    const size_t mask = slots_.size() - 1;
    for (size_t slot = CategoryDictionary::Hash(key) & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot].generation != generation_) {
        slots_[slot] = {generation_, index};
        return true;
      }
      if (entries[slots_[slot].index].key == key) return false;
    }
  }
  void Grow(const std::vector<Entry>& entries) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), Slot{});
    for (const Slot& slot : old) {
      if (slot.generation == generation_) Place(entries, slot.index);
    }
  }

  std::vector<Slot> slots_;
  uint64_t generation_ = 1;  // fresh slots hold generation 0, so they read as empty
  size_t size_ = 0;
};

// Reads one line into flat entries through nlohmann::json's SAX interface, so that no DOM is
// built and nesting, duplicate keys and nested values are caught as they stream past.
// Not thread-safe.
class RecordParser {
 public:
  using Json = nlohmann::json;

  // Reads one line; false with error() set unless it is a JSON object of scalars with
  // distinct, non-empty keys. A syntax error wins over the other problems, so that a line
  // that is not JSON at all says so.
  bool Parse(std::string_view line) {
    count_ = 0;
    depth_ = 0;
    in_object_ = false;
    in_value_ = false;
    error_.clear();
    keys_.Clear();
    // nlohmann takes a NUL byte outside a string for the end of the input, and would ignore
    // the rest of the line.
    if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
      error_ = "invalid JSON at byte " +
               std::to_string(static_cast<const char*>(nul) - line.data() + 1) +
               ": a NUL byte, which JSON text cannot hold";
      return false;
    }
    try {
      if (!Json::sax_parse(line.data(), line.data() + line.size(), this) && error_.empty()) {
        error_ = "invalid JSON";
      }
    } catch (const std::exception& e) {
      // Bad input reaches parse_error() instead; a throw here is a failed allocation.
      error_ = std::string("cannot read the record: ") + e.what();
    }
    return error_.empty();
  }
  std::span<const Entry> entries() const { return {entries_.data(), count_}; }
  const std::string& error() const { return error_; }

  // The nlohmann::json SAX interface.
  bool null() {
    if (Entry* entry = ValueEntry("null")) entry->type = JsonType::kNull;
    return true;
  }
  bool boolean(bool value) {
    if (Entry* entry = ValueEntry(value ? "true" : "false")) {
      entry->type = JsonType::kBoolean;
      entry->flag = value;
    }
    return true;
  }
  bool number_integer(Json::number_integer_t value) {
    if (Entry* entry = ValueEntry("a number")) {
      // The magnitude, computed without overflowing at INT64_MIN.
      const uint64_t magnitude =
          value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
      SetInteger(*entry, value, magnitude);
    }
    return true;
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    if (Entry* entry = ValueEntry("a number")) SetInteger(*entry, value, value);
    return true;
  }
  bool number_float(Json::number_float_t value, const Json::string_t& literal) {
    if (Entry* entry = ValueEntry("a number")) {
      entry->type = JsonType::kNumber;
      entry->number = value;
      // nlohmann reads integers past 64 bits as doubles; the literal shows they were integers.
      entry->inexact = CheckLongNumber(literal, value) == NumberParse::kInexactInteger;
      entry->text.assign(literal);
    }
    return true;
  }
  bool string(Json::string_t& value) {
    if (Entry* entry = ValueEntry("a string")) {
      entry->type = JsonType::kString;
      entry->text.assign(value);
    }
    return true;
  }
  bool binary(Json::binary_t& /*value*/) { return true; }  // JSON text has no binary values
  bool start_object(std::size_t /*elements*/) {
    if (depth_ == 0) in_object_ = true;
    if (InRecord()) Reject(CurrentField() + " holds an object; nested values are not supported");
    return Enter();
  }
  bool end_object() { return Leave(); }
  bool start_array(std::size_t /*elements*/) {
    if (depth_ == 0) Reject("expected a JSON object, got an array");
    if (InRecord()) Reject(CurrentField() + " holds an array; nested values are not supported");
    return Enter();
  }
  bool end_array() { return Leave(); }
  bool key(Json::string_t& name) {
    if (!InRecord()) return true;
    if (count_ == entries_.size()) entries_.emplace_back();
    Entry& entry = entries_[count_++];
    entry.key.assign(name);
    entry.type = JsonType::kNull;
    in_value_ = true;
    if (name.empty()) {
      Reject("a key is empty; every field needs a name");
    } else if (name.find('\0') != std::string::npos) {
      Reject("key " + QuoteForMessage(name) + " holds a NUL byte");
    } else if (!keys_.Add(entries_, count_ - 1)) {
      Reject("duplicate key " + FieldName(name));
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const Json::exception& ex) {
    error_ = "invalid JSON" + InField() + " at byte " + std::to_string(position) + ": " +
             LibraryMessage(ex.what(), last_token);
    return false;
  }

 private:
  // nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
  // column 6: " prefix (the caller says where), with the input it quotes shown by ShowToken().
  static std::string LibraryMessage(std::string_view what, const std::string& token) {
    if (what.starts_with("[json.exception.")) {
      const size_t end = what.find("] ");
      if (end != what.npos) what.remove_prefix(end + 2);
    }
    if (what.starts_with("parse error")) {
      const size_t colon = what.find(": ");
      if (colon != what.npos) what.remove_prefix(colon + 2);
    }
    std::string message(what);
    const std::string quoted = "'" + token + "'";
    const size_t at = message.find(quoted);
    if (at != std::string::npos) message.replace(at, quoted.size(), ShowToken(token));
    return message;
  }

  // Whether the parser is directly inside the record's object, where keys name fields.
  bool InRecord() const { return depth_ == 1 && in_object_; }
  void Reject(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  std::string CurrentField() const { return "field " + FieldName(entries_[count_ - 1].key); }
  std::string InField() const { return in_value_ ? " in " + CurrentField() : ""; }

  bool Enter() {
    if (++depth_ > kMaxDepth) {
      error_ = "nesting deeper than " + std::to_string(kMaxDepth) + " levels" + InField();
      return false;
    }
    return true;
  }
  bool Leave() {
    if (--depth_ == 1) in_value_ = false;
    return true;
  }

  // The entry a scalar at the current depth fills, or nullptr if it fills none.
  Entry* ValueEntry(std::string_view what) {
    if (depth_ == 0) {
      Reject("expected a JSON object, got " + std::string(what));
      return nullptr;
    }
    if (!InRecord() || count_ == 0) return nullptr;
    in_value_ = false;
    return &entries_[count_ - 1];
  }

  template <typename Integer>
  static void SetInteger(Entry& entry, Integer value, uint64_t magnitude) {
    entry.type = JsonType::kNumber;
    entry.number = static_cast<double>(value);
    // Compared as integers: 2^53 + 1 rounds to 2^53 as a double and would pass unnoticed.
    entry.inexact = magnitude > kMaxExactInteger;
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), value);
    entry.text.assign(digits, result.ptr);
  }

  std::vector<Entry> entries_;
  size_t count_ = 0;
  KeySet keys_;
  size_t depth_ = 0;
  bool in_object_ = false;  // the line's value is an object
  bool in_value_ = false;  // a top-level key was read and its value has not ended
  std::string error_;
};

// What the sampled values of one column say about its kind.
class ColumnEvidence {
 public:
  // REQUIRES: `entry` is not missing.
  void Observe(const Entry& entry, size_t distinct_cap) {
    switch (entry.type) {
      case JsonType::kNumber: ++numbers_; break;
      case JsonType::kBoolean: ++booleans_; break;
      case JsonType::kString: {
        ++strings_;
        int64_t micros = 0;
        if (timestamps_ && !ParseTimestamp(entry.text, micros)) timestamps_ = false;
        break;
      }
      case JsonType::kNull: return;
    }
    const std::string_view text = ValueText(entry);
    total_length_ += text.size();
    if (full_) return;
    if (distinct_.size() < distinct_cap) {
      distinct_.emplace(text);
    } else if (!distinct_.contains(std::string(text))) {
      full_ = true;
      distinct_.clear();
    }
  }

  // The CSV reader's rule (csv_sniffer.cc) for strings, by JSON type for the rest.
  ColumnKind Decide(size_t max_distinct) const {
    const size_t values = numbers_ + booleans_ + strings_;
    if (values == 0 || numbers_ == values) return ColumnKind::kNumeric;
    if (booleans_ == values) return ColumnKind::kBoolean;
    if (strings_ == values && timestamps_) return ColumnKind::kTimestamp;
    const bool mostly_unique =
        full_ || (distinct_.size() > max_distinct && distinct_.size() * 2 > values);
    const bool long_values = total_length_ > values * 100;
    return mostly_unique || long_values ? ColumnKind::kText : ColumnKind::kCategorical;
  }

 private:
  size_t numbers_ = 0;
  size_t booleans_ = 0;
  size_t strings_ = 0;
  bool timestamps_ = true;
  size_t total_length_ = 0;
  std::unordered_set<std::string> distinct_;
  bool full_ = false;  // more distinct values than tracked
};

// A checked value of one field, waiting until the whole record is known to be good.
struct StagedValue {
  size_t column = 0;
  bool missing = false;
  double number = 0;
  int64_t micros = 0;
  int8_t flag = 0;
  std::string_view text;  // into the parser's entries: valid until the next Parse()
};

// One column of the batch being built.
struct ColumnBuilder {
  ColumnKind kind = ColumnKind::kNumeric;
  std::vector<double> numbers;
  std::vector<int32_t> codes;
  CategoryDictionary dictionary;  // this batch's labels, remapped to global codes at the end
  TextValues text;
  std::vector<int64_t> micros;
  std::vector<int8_t> booleans;

  void Append(const StagedValue& value) {
    if (value.missing) {
      AppendMissing();
      return;
    }
    switch (kind) {
      case ColumnKind::kNumeric: numbers.push_back(value.number); break;
      case ColumnKind::kCategorical: {
        int32_t code = dictionary.Find(value.text);
        if (code < 0) code = dictionary.Add(value.text);
        codes.push_back(code);
        break;
      }
      case ColumnKind::kText: text.Append(value.text); break;
      case ColumnKind::kTimestamp: micros.push_back(value.micros); break;
      case ColumnKind::kBoolean: booleans.push_back(value.flag); break;
    }
  }
  void AppendMissing() {
    switch (kind) {
      case ColumnKind::kNumeric: numbers.push_back(kMissingNumber); break;
      case ColumnKind::kCategorical: codes.push_back(kMissingCode); break;
      case ColumnKind::kText: text.AppendMissing(); break;
      case ColumnKind::kTimestamp: micros.push_back(kMissingTimestamp); break;
      case ColumnKind::kBoolean: booleans.push_back(kMissingBoolean); break;
    }
  }
  // The batch's column; the builder is empty afterwards.
  Column Finish(GlobalCategories& categories) {
    switch (kind) {
      case ColumnKind::kNumeric: return Column::Numeric(std::exchange(numbers, {}));
      case ColumnKind::kCategorical: {
        const std::vector<int32_t> remap = categories.Remap(dictionary.labels());
        for (int32_t& code : codes) {
          if (code >= 0) code = remap[static_cast<size_t>(code)];
        }
        dictionary = CategoryDictionary();
        return Column::Categorical(std::exchange(codes, {}), categories.snapshot());
      }
      case ColumnKind::kText: return Column::Text(std::exchange(text, {}));
      case ColumnKind::kTimestamp: return Column::Timestamp(std::exchange(micros, {}));
      case ColumnKind::kBoolean: return Column::Boolean(std::exchange(booleans, {}));
    }
    return Column::Numeric({});
  }
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace

struct JsonLinesReader::State {
  std::string display_name;
  CsvOptions options;
  size_t batch_rows = 0;
  std::unique_ptr<LineInput> input;
  RecordParser parser;
  std::vector<std::string> names;
  std::vector<ColumnKind> kinds;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> column_of;
  size_t sampled_records = 0;  // records the columns came from, bad ones included
  std::vector<ColumnBuilder> builders;
  std::vector<GlobalCategories> categories;
  std::vector<StagedValue> staged;
  std::vector<uint64_t> filled_row;  // per column: the last row given a value
  uint64_t row_id = 0;
  size_t line = 0;  // of the last line read
  bool finished = false;
  std::optional<AtomicFileWriter> quarantine;

  std::string Locate(std::string_view message) const {
    return display_name + ":" + std::to_string(line) + ": " + std::string(message);
  }

  // The next line as `raw` bytes and as the `text` of its record (line break and a leading
  // byte order mark removed); false at the end of the input.
  Result<bool> ReadLine(std::string_view& raw, std::string_view& text) {
    STEWARD_ASSIGN_OR_RETURN(bool more, input->NextLine(raw));
    if (!more) return false;
    ++line;
    text = raw;
    if (line == 1 && text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
    if (text.ends_with('\n')) text.remove_suffix(1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    return true;
  }

  // Checks every field of the parsed record against its column into `staged`; false with
  // `message` set if one does not fit.
  bool StageRecord(std::string& message) {
    staged.clear();
    for (const Entry& entry : parser.entries()) {
      auto it = column_of.find(std::string_view(entry.key));
      if (it == column_of.end()) {
        message = "key " + FieldName(entry.key) +
                  " is not a column: the columns come from the first " +
                  std::to_string(sampled_records) + " records (" + ListColumns(names) +
                  "); --infer-rows all samples every record";
        return false;
      }
      StagedValue value;
      value.column = it->second;
      if (entry.type == JsonType::kNull ||
          (entry.type == JsonType::kString && options.missing.Contains(entry.text))) {
        value.missing = true;
      } else if (!Convert(entry, kinds[value.column], value, message)) {
        return false;
      }
      staged.push_back(value);
    }
    return true;
  }

  bool Convert(const Entry& entry, ColumnKind kind, StagedValue& value,
               std::string& message) const {
    // Only messages need the name, and they are rare.
    const auto field = [&entry] { return FieldName(entry.key); };
    switch (kind) {
      case ColumnKind::kNumeric: {
        NumberParse parsed = NumberParse::kNotANumber;
        if (entry.type == JsonType::kNumber) {
          value.number = entry.number;
          parsed = entry.inexact ? NumberParse::kInexactInteger : NumberParse::kOk;
        } else if (entry.type == JsonType::kString) {
          parsed = ParseNumber(entry.text, value.number);
        }
        switch (parsed) {
          case NumberParse::kOk: return true;
          case NumberParse::kNotANumber:
            message = "expected a number in field " + field() + ", got " + Describe(entry);
            return false;
          case NumberParse::kOutOfRange:
            message = "number " + Describe(entry) + " in field " + field() +
                      " is beyond the range of a 64-bit float";
            return false;
          case NumberParse::kInexactInteger:
            message = "integer " + Describe(entry) + " in field " + field() +
                      " is too large to keep exactly as a number; read the column as "
                      "categorical or text (--type " + entry.key + "=categorical)";
            return false;
        }
        return false;
      }
      case ColumnKind::kBoolean:
        if (entry.type == JsonType::kBoolean) {
          value.flag = entry.flag ? 1 : 0;
          return true;
        }
        if (entry.type == JsonType::kString && ParseBoolean(entry.text, value.flag)) return true;
        message = "expected true or false in field " + field() + ", got " + Describe(entry);
        return false;
      case ColumnKind::kTimestamp:
        if (entry.type == JsonType::kString && ParseTimestamp(entry.text, value.micros)) {
          return true;
        }
        message =
            "expected an ISO 8601 date or time in field " + field() + ", got " + Describe(entry);
        return false;
      case ColumnKind::kCategorical:
      case ColumnKind::kText:
        value.text = ValueText(entry);
        // JSON strings are valid UTF-8 (nlohmann checks), but "\u0000" decodes to a NUL byte.
        if (value.text.find('\0') != std::string_view::npos) {
          message = "field " + field() + " holds a NUL byte: " + QuoteForMessage(value.text);
          return false;
        }
        return true;
    }
    return false;
  }

  void AppendStaged() {
    ++row_id;
    for (const StagedValue& value : staged) {
      builders[value.column].Append(value);
      filled_row[value.column] = row_id;
    }
    for (size_t column = 0; column < builders.size(); ++column) {
      if (filled_row[column] != row_id) builders[column].AppendMissing();
    }
  }
};

Result<std::unique_ptr<JsonLinesReader>> JsonLinesReader::Open(const std::string& path,
                                                               const CsvOptions& options,
                                                               size_t batch_rows) {
  if (batch_rows == 0) return Status::InvalidArgument("batch_rows must be at least 1");
  if (options.bad_rows == BadRowPolicy::kQuarantine && options.quarantine_path.empty()) {
    return Status::InvalidArgument("a quarantine file is needed to quarantine bad rows");
  }
  auto state = std::make_unique<State>();
  state->display_name = path == "-" ? "<stdin>" : path;
  state->options = options;
  state->batch_rows = batch_rows;
  STEWARD_ASSIGN_OR_RETURN(state->input, LineInput::Open(path));

  // Sample the first records for the columns and their kinds.
  const size_t distinct_cap =
      options.infer_rows != 0 ? options.infer_rows
                              : std::max(kMaxTrackedDistinct, options.categorical_max_distinct + 1);
  std::vector<ColumnEvidence> evidence;
  size_t records = 0;
  size_t good_records = 0;
  std::string first_bad;
  std::string_view raw;
  std::string_view text;
  for (;;) {
    if (options.infer_rows != 0 &&
        (records >= options.infer_rows ||
         (records > 0 && state->input->bytes_consumed() >= kMaxSampleBytes))) {
      break;
    }
    STEWARD_ASSIGN_OR_RETURN(bool more, state->ReadLine(raw, text));
    if (!more) break;
    if (IsBlank(text)) continue;
    ++records;
    if (!state->parser.Parse(text)) {
      if (options.bad_rows == BadRowPolicy::kError) {
        return Status::InvalidArgument(state->Locate(state->parser.error()));
      }
      if (first_bad.empty()) first_bad = state->Locate(state->parser.error());
      continue;
    }
    ++good_records;
    for (const Entry& entry : state->parser.entries()) {
      auto [it, added] = state->column_of.try_emplace(entry.key, state->names.size());
      if (added) {
        state->names.push_back(entry.key);
        evidence.emplace_back();
      }
      if (entry.type == JsonType::kNull ||
          (entry.type == JsonType::kString && options.missing.Contains(entry.text))) {
        continue;
      }
      evidence[it->second].Observe(entry, distinct_cap);
    }
  }
  const uint64_t sample_bytes = state->input->bytes_consumed();
  if (records == 0) {
    return Status::InvalidArgument(state->display_name +
                                   (sample_bytes == 0 ? ": the file is empty"
                                                      : ": the file holds only blank lines"));
  }
  if (good_records == 0) {
    return Status::InvalidArgument(state->display_name + ": none of the first " +
                                   std::to_string(records) +
                                   " records can be read, so there are no columns; the first: " +
                                   first_bad);
  }
  if (state->names.empty()) {
    return Status::InvalidArgument(state->display_name + ": the first " + std::to_string(records) +
                                   " records have no fields, so there are no columns");
  }
  state->sampled_records = records;

  for (const ColumnEvidence& column : evidence) {
    state->kinds.push_back(column.Decide(options.categorical_max_distinct));
  }
  for (const auto& [name, kind] : options.column_kinds) {
    auto it = state->column_of.find(std::string_view(name));
    if (it == state->column_of.end()) {
      return Status::InvalidArgument(state->display_name + ": unknown column '" + name +
                                     "' in the column types (columns: " +
                                     ListColumns(state->names) + ")");
    }
    state->kinds[it->second] = kind;
  }
  std::vector<Field> fields;
  for (size_t column = 0; column < state->names.size(); ++column) {
    fields.push_back({state->names[column], state->kinds[column]});
  }
  auto reader = std::unique_ptr<JsonLinesReader>(new JsonLinesReader());
  STEWARD_ASSIGN_OR_RETURN(reader->schema_, Schema::Make(std::move(fields)));
  reader->stats_.sampled_records = good_records;
  if (state->input->total_bytes() > 0) {
    // A little above the sample's average, so that columns are sized once in the common case.
    reader->expected_rows_ = static_cast<uint64_t>(
        static_cast<double>(state->input->total_bytes()) * static_cast<double>(records) /
        static_cast<double>(sample_bytes) * 1.02);
  }

  STEWARD_RETURN_IF_ERROR(state->input->Rewind());
  state->line = 0;
  state->builders.resize(state->names.size());
  for (size_t column = 0; column < state->names.size(); ++column) {
    state->builders[column].kind = state->kinds[column];
  }
  state->categories.resize(state->names.size());
  state->filled_row.assign(state->names.size(), 0);
  if (options.bad_rows == BadRowPolicy::kQuarantine) {
    STEWARD_ASSIGN_OR_RETURN(AtomicFileWriter writer,
                             AtomicFileWriter::Open(options.quarantine_path));
    state->quarantine.emplace(std::move(writer));
  }
  reader->state_ = std::move(state);
  return reader;
}

JsonLinesReader::~JsonLinesReader() = default;

Result<std::optional<Table>> JsonLinesReader::Next() {
  State& state = *state_;
  if (state.finished) return std::optional<Table>();
  size_t rows = 0;
  bool at_end = false;
  std::string message;
  std::string_view raw;
  std::string_view text;
  while (rows < state.batch_rows) {
    Result<bool> more = state.ReadLine(raw, text);
    if (!more.ok()) {
      state.finished = true;
      return more.status();
    }
    if (!*more) {
      at_end = true;
      break;
    }
    if (IsBlank(text)) {
      ++stats_.blank_lines;
      continue;
    }
    if (state.parser.Parse(text)) {
      if (state.StageRecord(message)) {
        state.AppendStaged();
        ++rows;
        continue;
      }
    } else {
      message = state.parser.error();
    }
    if (state.options.bad_rows == BadRowPolicy::kError) {
      state.finished = true;
      return Status::InvalidArgument(state.Locate(message));
    }
    ++stats_.bad_rows;
    if (stats_.bad_row_examples.size() < kMaxBadRowExamples) {
      stats_.bad_row_examples.push_back(state.Locate(message));
    }
    if (state.quarantine) {
      Status appended = state.quarantine->Append(raw);
      if (appended.ok() && !raw.ends_with('\n')) appended = state.quarantine->Append("\n");
      if (!appended.ok()) {
        state.finished = true;
        return appended;
      }
    }
  }
  stats_.rows += rows;
  stats_.bytes = state.input->bytes_consumed();
  if (state.options.progress) state.options.progress(stats_.bytes, state.input->total_bytes());
  if (at_end) {
    state.finished = true;
    if (state.quarantine) {
      Status committed = state.quarantine->Commit();
      state.quarantine.reset();
      STEWARD_RETURN_IF_ERROR(committed);
    }
  }
  if (rows == 0) return std::optional<Table>();
  std::vector<Column> columns;
  columns.reserve(state.builders.size());
  for (size_t column = 0; column < state.builders.size(); ++column) {
    columns.push_back(state.builders[column].Finish(state.categories[column]));
  }
  STEWARD_ASSIGN_OR_RETURN(Table batch, Table::Make(schema_, std::move(columns)));
  return std::optional<Table>(std::move(batch));
}

}  // namespace steward::io
