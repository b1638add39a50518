#pragma once

// Module-private: used by the JSON Lines reader (steward/io/jsonl_reader.cc and its helpers in
// this folder) only; not part of the library's interface.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace steward::io::internal {

enum class JsonType : uint8_t { kNull, kBoolean, kNumber, kString };

// One top-level field of a record. Entries are reused from record to record, keeping the
// capacity of their strings.
struct JsonlEntry {
  std::string key;
  JsonType type = JsonType::kNull;
  bool flag = false;
  bool inexact = false;  // an integer beyond 2^53, which a double would silently change
  double number = 0;
  std::string text;  // a string's value, or a number's JSON text
};

// A non-null entry's value as text: a string's value, a number's JSON text, or "true"/"false".
// Valid while the entry is unchanged.
std::string_view ValueText(const JsonlEntry& entry);

// How an error message shows a value that does not fit its column: a string quoted and escaped
// (QuoteForMessage), anything else as its text, shortened past 40 bytes.
std::string Describe(const JsonlEntry& entry);

// Whether a message may show `key` as is: at most 64 bytes and no control characters, so that
// it cannot break the message's line or length. (Keys are any JSON string.)
bool IsPlainKey(std::string_view key);

// A key as error messages show it: 'name' when plain, else escaped and shortened.
std::string FieldName(std::string_view key);

// Reads one line of JSON Lines into flat entries through nlohmann::json's SAX interface, so
// that no DOM is built and nesting, duplicate keys and nested values are caught as they stream
// past. Integers are kept as doubles, marked `inexact` beyond 2^53 in magnitude (a 64-bit
// overflow included), with their JSON text.
// Not thread-safe; one per reader.
class JsonlRecordParser {
 public:
  JsonlRecordParser();
  ~JsonlRecordParser();
  JsonlRecordParser(const JsonlRecordParser&) = delete;
  JsonlRecordParser& operator=(const JsonlRecordParser&) = delete;

  // Reads one line (without its line break); false with error() set unless it is a JSON
  // object of scalars with distinct, non-empty keys without a NUL byte, nested at most 32
  // levels deep. A syntax error wins over the other problems, so that a line that is not JSON
  // at all says so. error() names the field or byte where it can, but not the line.
  bool Parse(std::string_view line);

  // The fields of the last line parsed, in order; valid until the next Parse().
  std::span<const JsonlEntry> entries() const;
  // Why the last Parse() failed; empty after a success.
  const std::string& error() const;

 private:
  class Handler;  // the nlohmann::json SAX handler; keeps nlohmann out of this header
  std::unique_ptr<Handler> handler_;
};

}  // namespace steward::io::internal
