#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace steward::io {

// What ends a field: a delimiter (more fields follow), a line break (the record ends) or the
// end of the data. The tokenizer stops *at* that byte; the caller moves past it.
enum class FieldEnd : uint8_t { kDelimiter, kRecord, kData };

enum class TokenError : uint8_t {
  kNone,
  kUnterminatedQuote,      // a quoted field runs to the end of the data
  kCharAfterClosingQuote,  // "abc"x
  kQuoteInUnquotedField,   // ab"c
};

std::string_view TokenErrorMessage(TokenError error);

struct FieldToken {
  std::string_view value;  // unescaped; valid until the next call
  bool quoted = false;
  FieldEnd end = FieldEnd::kData;
};

// RFC 4180 field scanner over one buffer: quoted fields with doubled quotes, newlines
// inside quotes, LF, CRLF and bare CR line breaks. Counts lines so errors can name them.
// This is the general (slow) path; the chunk parser handles plain fields itself.
class CsvTokenizer {
 public:
  CsvTokenizer(std::string_view data, char delimiter, size_t first_line = 1)
      : data_(data), delimiter_(delimiter), line_(first_line) {}

  // Reads the field at the current position. On error, the position is unspecified;
  // call SkipRecord() to resynchronise.
  TokenError NextField(FieldToken& token);

  // Moves past the line break (or delimiter) that ended the last field.
  void ConsumeEnd(FieldEnd end);

  // Skips blank lines at the current position; returns how many.
  size_t SkipBlankLines();

  // Moves to the start of the next record, honouring quotes; used to skip a bad record.
  void SkipRecord();

  // Reads a whole record into `fields` (values copied). Returns kNone at a record end.
  TokenError ReadRecord(std::vector<std::string>& fields);
  // As ReadRecord, without copies: views into the data, or, for fields whose doubled quotes
  // had to be unescaped, into `unescaped` (cleared first). Valid until the next call.
  TokenError ReadRecordViews(std::vector<std::string_view>& fields,
                             std::deque<std::string>& unescaped);

  bool AtEnd() const { return pos_ >= data_.size(); }
  size_t position() const { return pos_; }
  size_t line() const { return line_; }
  void Seek(size_t position, size_t line) {
    pos_ = position;
    line_ = line;
  }

 private:
  std::string_view data_;
  char delimiter_;
  size_t pos_ = 0;
  size_t line_;
  std::string scratch_;
};

}  // namespace steward::io
