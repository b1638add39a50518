#include "steward/io/internal/jsonl_record_parser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/io/category_dictionary.h"
#include "steward/io/value_parsing.h"

namespace steward::io::internal {
namespace {

constexpr size_t kMaxDepth = 32;
constexpr uint64_t kMaxExactInteger = uint64_t{1} << 53;  // doubles hold integers up to here

std::string Shorten(std::string_view text) {
  constexpr size_t kMaxShown = 40;
  if (text.size() <= kMaxShown)
    return std::string(text);
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
    if (i >= kMaxShown && (escape_high_bytes || (c & 0xC0) != 0x80))
      break;
    if (c == 0x7F || (c >= 0x80 && escape_high_bytes)) {
      std::array<char, 8> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\x%02X", c);
      shown += escaped.data();
    } else {
      shown += static_cast<char>(c);
    }
  }
  shown += '\'';
  if (i < token.size())
    shown += "... (" + std::to_string(token.size()) + " bytes)";
  return shown;
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
  bool Add(const std::vector<JsonlEntry>& entries, size_t index) {
    if ((size_ + 1) * 2 > slots_.size())
      Grow(entries);
    if (!Place(entries, index))
      return false;
    ++size_;
    return true;
  }

 private:
  struct Slot {
    uint64_t generation = 0;
    size_t index = 0;
  };
  bool Place(const std::vector<JsonlEntry>& entries, size_t index) {
    const std::string& key = entries[index].key;
    const size_t mask = slots_.size() - 1;
    for (size_t slot = CategoryDictionary::Hash(key) & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot].generation != generation_) {
        slots_[slot] = {generation_, index};
        return true;
      }
      if (entries[slots_[slot].index].key == key)
        return false;
    }
  }
  void Grow(const std::vector<JsonlEntry>& entries) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), Slot{});
    for (const Slot& slot : old) {
      if (slot.generation == generation_)
        Place(entries, slot.index);
    }
  }

  std::vector<Slot> slots_;
  uint64_t generation_ = 1;  // fresh slots hold generation 0, so they read as empty
  size_t size_ = 0;
};

}  // namespace

bool IsPlainKey(std::string_view key) {
  return key.size() <= 64 && std::none_of(key.begin(), key.end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
         });
}

std::string FieldName(std::string_view key) {
  return IsPlainKey(key) ? "'" + std::string(key) + "'" : QuoteForMessage(key);
}

std::string_view ValueText(const JsonlEntry& entry) {
  if (entry.type == JsonType::kBoolean)
    return entry.flag ? "true" : "false";
  return entry.text;
}

std::string Describe(const JsonlEntry& entry) {
  return entry.type == JsonType::kString ? QuoteForMessage(entry.text) : Shorten(ValueText(entry));
}

// The parser's state, and the nlohmann::json SAX callbacks that fill it. Parse() and the
// accessors implement JsonlRecordParser's.
class JsonlRecordParser::Handler {
 public:
  using Json = nlohmann::json;

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
  std::span<const JsonlEntry> entries() const { return {entries_.data(), count_}; }
  const std::string& error() const { return error_; }

  // The nlohmann::json SAX interface.
  bool null() {
    if (JsonlEntry* entry = ValueEntry("null"))
      entry->type = JsonType::kNull;
    return true;
  }
  bool boolean(bool value) {
    if (JsonlEntry* entry = ValueEntry(value ? "true" : "false")) {
      entry->type = JsonType::kBoolean;
      entry->flag = value;
    }
    return true;
  }
  bool number_integer(Json::number_integer_t value) {
    if (JsonlEntry* entry = ValueEntry("a number")) {
      // The magnitude, computed without overflowing at INT64_MIN.
      const uint64_t magnitude =
          value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
      SetInteger(*entry, value, magnitude);
    }
    return true;
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    if (JsonlEntry* entry = ValueEntry("a number"))
      SetInteger(*entry, value, value);
    return true;
  }
  bool number_float(Json::number_float_t value, const Json::string_t& literal) {
    if (JsonlEntry* entry = ValueEntry("a number")) {
      entry->type = JsonType::kNumber;
      entry->number = value;
      // nlohmann reads integers past 64 bits as doubles; the literal shows they were integers.
      entry->inexact = CheckLongNumber(literal) == NumberParse::kInexactInteger;
      entry->text.assign(literal);
    }
    return true;
  }
  bool string(Json::string_t& value) {
    if (JsonlEntry* entry = ValueEntry("a string")) {
      entry->type = JsonType::kString;
      entry->text.assign(value);
    }
    return true;
  }
  bool binary(Json::binary_t& /*value*/) { return true; }  // JSON text has no binary values
  bool start_object(std::size_t /*elements*/) {
    if (depth_ == 0)
      in_object_ = true;
    if (InRecord())
      Reject(CurrentField() + " holds an object; nested values are not supported");
    return Enter();
  }
  bool end_object() { return Leave(); }
  bool start_array(std::size_t /*elements*/) {
    if (depth_ == 0)
      Reject("expected a JSON object, got an array");
    if (InRecord())
      Reject(CurrentField() + " holds an array; nested values are not supported");
    return Enter();
  }
  bool end_array() { return Leave(); }
  bool key(Json::string_t& name) {
    if (!InRecord())
      return true;
    if (count_ == entries_.size())
      entries_.emplace_back();
    JsonlEntry& entry = entries_[count_++];
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
      if (end != what.npos)
        what.remove_prefix(end + 2);
    }
    if (what.starts_with("parse error")) {
      const size_t colon = what.find(": ");
      if (colon != what.npos)
        what.remove_prefix(colon + 2);
    }
    std::string message(what);
    const std::string quoted = "'" + token + "'";
    const size_t at = message.find(quoted);
    if (at != std::string::npos)
      message.replace(at, quoted.size(), ShowToken(token));
    return message;
  }

  // Whether the parser is directly inside the record's object, where keys name fields.
  bool InRecord() const { return depth_ == 1 && in_object_; }
  void Reject(std::string message) {
    if (error_.empty())
      error_ = std::move(message);
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
    if (--depth_ == 1)
      in_value_ = false;
    return true;
  }

  // The entry a scalar at the current depth fills, or nullptr if it fills none.
  JsonlEntry* ValueEntry(std::string_view what) {
    if (depth_ == 0) {
      Reject("expected a JSON object, got " + std::string(what));
      return nullptr;
    }
    if (!InRecord() || count_ == 0)
      return nullptr;
    in_value_ = false;
    return &entries_[count_ - 1];
  }

  template <typename Integer>
  static void SetInteger(JsonlEntry& entry, Integer value, uint64_t magnitude) {
    entry.type = JsonType::kNumber;
    entry.number = static_cast<double>(value);
    // Compared as integers: 2^53 + 1 rounds to 2^53 as a double and would pass unnoticed.
    entry.inexact = magnitude > kMaxExactInteger;
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), value);
    entry.text.assign(digits, result.ptr);
  }

  std::vector<JsonlEntry> entries_;
  size_t count_ = 0;
  KeySet keys_;
  size_t depth_ = 0;
  bool in_object_ = false;  // the line's value is an object
  bool in_value_ = false;   // a top-level key was read and its value has not ended
  std::string error_;
};

JsonlRecordParser::JsonlRecordParser() : handler_(std::make_unique<Handler>()) {}
JsonlRecordParser::~JsonlRecordParser() = default;

bool JsonlRecordParser::Parse(std::string_view line) {
  return handler_->Parse(line);
}
std::span<const JsonlEntry> JsonlRecordParser::entries() const {
  return handler_->entries();
}
const std::string& JsonlRecordParser::error() const {
  return handler_->error();
}

}  // namespace steward::io::internal
