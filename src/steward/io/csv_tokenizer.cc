#include "steward/io/csv_tokenizer.h"

namespace steward::io {

std::string_view TokenErrorMessage(TokenError error) {
  switch (error) {
    case TokenError::kNone:
      return "";
    case TokenError::kUnterminatedQuote:
      return "quoted field is never closed";
    case TokenError::kCharAfterClosingQuote:
      return "unexpected character after a closing quote (a quote inside a quoted field must be "
             "doubled)";
    case TokenError::kQuoteInUnquotedField:
      return "quote inside an unquoted field (quote the whole field and double the inner quote)";
  }
  return "";
}

TokenError CsvTokenizer::NextField(FieldToken& token) {
  const size_t size = data_.size();
  token.quoted = false;
  if (pos_ < size && data_[pos_] == '"') {
    token.quoted = true;
    const size_t start_line = line_;
    size_t begin = ++pos_;
    bool copied = false;
    for (;;) {
      size_t quote = data_.find('"', pos_);
      if (quote == std::string_view::npos) {
        line_ = start_line;
        pos_ = size;
        return TokenError::kUnterminatedQuote;
      }
      for (size_t i = pos_; i < quote; ++i) {
        if (data_[i] == '\n' || (data_[i] == '\r' && (i + 1 >= size || data_[i + 1] != '\n'))) {
          ++line_;
        }
      }
      if (quote + 1 < size && data_[quote + 1] == '"') {
        if (!copied) {
          scratch_.assign(data_.substr(begin, quote - begin));
          copied = true;
        } else {
          scratch_.append(data_.substr(pos_, quote - pos_));
        }
        scratch_ += '"';
        pos_ = quote + 2;
        continue;
      }
      if (copied) {
        scratch_.append(data_.substr(pos_, quote - pos_));
        token.value = scratch_;
      } else {
        token.value = data_.substr(begin, quote - begin);
      }
      pos_ = quote + 1;
      break;
    }
    if (pos_ >= size) {
      token.end = FieldEnd::kData;
      return TokenError::kNone;
    }
    char next = data_[pos_];
    if (next == delimiter_) {
      token.end = FieldEnd::kDelimiter;
    } else if (next == '\n' || next == '\r') {
      token.end = FieldEnd::kRecord;
    } else {
      return TokenError::kCharAfterClosingQuote;
    }
    return TokenError::kNone;
  }
  const size_t begin = pos_;
  while (pos_ < size) {
    char c = data_[pos_];
    if (c == delimiter_) {
      token.value = data_.substr(begin, pos_ - begin);
      token.end = FieldEnd::kDelimiter;
      return TokenError::kNone;
    }
    if (c == '\n' || c == '\r') {
      token.value = data_.substr(begin, pos_ - begin);
      token.end = FieldEnd::kRecord;
      return TokenError::kNone;
    }
    if (c == '"')
      return TokenError::kQuoteInUnquotedField;
    ++pos_;
  }
  token.value = data_.substr(begin);
  token.end = FieldEnd::kData;
  return TokenError::kNone;
}

void CsvTokenizer::ConsumeEnd(FieldEnd end) {
  if (end == FieldEnd::kDelimiter) {
    ++pos_;
  } else if (end == FieldEnd::kRecord) {
    if (data_[pos_] == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n')
      ++pos_;
    ++pos_;
    ++line_;
  }
}

size_t CsvTokenizer::SkipBlankLines() {
  size_t blank = 0;
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    ConsumeEnd(FieldEnd::kRecord);
    ++blank;
  }
  return blank;
}

void CsvTokenizer::SkipRecord() {
  bool in_quotes = false;
  while (pos_ < data_.size()) {
    char c = data_[pos_];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && (c == '\n' || c == '\r')) {
      ConsumeEnd(FieldEnd::kRecord);
      return;
    } else if (c == '\n' || (c == '\r' && (pos_ + 1 >= data_.size() || data_[pos_ + 1] != '\n'))) {
      ++line_;
    }
    ++pos_;
  }
}

TokenError CsvTokenizer::ReadRecord(std::vector<std::string>& fields) {
  // Strings already in `fields` are reused, so sampling thousands of records allocates little.
  size_t count = 0;
  FieldToken token;
  for (;;) {
    TokenError error = NextField(token);
    if (error != TokenError::kNone) {
      fields.resize(count);
      return error;
    }
    if (count < fields.size()) {
      fields[count].assign(token.value);
    } else {
      fields.emplace_back(token.value);
    }
    ++count;
    ConsumeEnd(token.end);
    if (token.end != FieldEnd::kDelimiter) {
      fields.resize(count);
      return TokenError::kNone;
    }
  }
}

TokenError CsvTokenizer::ReadRecordViews(std::vector<std::string_view>& fields,
                                         std::deque<std::string>& unescaped) {
  fields.clear();
  unescaped.clear();
  FieldToken token;
  for (;;) {
    TokenError error = NextField(token);
    if (error != TokenError::kNone)
      return error;
    const bool in_data =
        token.value.data() >= data_.data() && token.value.data() <= data_.data() + data_.size();
    if (in_data) {
      fields.push_back(token.value);
    } else {
      fields.push_back(unescaped.emplace_back(token.value));  // a deque never moves its strings
    }
    ConsumeEnd(token.end);
    if (token.end != FieldEnd::kDelimiter)
      return TokenError::kNone;
  }
}

}  // namespace steward::io
