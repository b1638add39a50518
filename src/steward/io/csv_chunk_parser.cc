#include "steward/io/csv_chunk_parser.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "steward/io/csv_tokenizer.h"

namespace steward::io {

void ColumnValues::Reserve(size_t rows) {
  switch (kind) {
    case ColumnKind::kText:
      text.offsets.reserve(rows + 1);
      text.missing.reserve(rows);
      break;
    case ColumnKind::kTimestamp:
      micros.reserve(rows);
      break;
    case ColumnKind::kBoolean:
      booleans.reserve(rows);
      break;
    case ColumnKind::kNumeric:
    case ColumnKind::kCategorical:
      break;  // sized by row index in the parser
  }
}

void ColumnValues::TruncateTo(size_t rows) {
  switch (kind) {
    case ColumnKind::kText:
      if (text.size() > rows) {
        text.offsets.resize(rows + 1);
        text.bytes.resize(text.offsets.back());
        text.missing.resize(rows);
      }
      break;
    case ColumnKind::kTimestamp:
      micros.resize(std::min(rows, micros.size()));
      break;
    case ColumnKind::kBoolean:
      booleans.resize(std::min(rows, booleans.size()));
      break;
    case ColumnKind::kNumeric:
    case ColumnKind::kCategorical:
      break;  // a bad record's row is simply overwritten
  }
}

namespace {

constexpr double kMissingNumber = std::numeric_limits<double>::quiet_NaN();

// Numeric and categorical values (most cells) are stored by row index into arrays sized ahead
// in blocks of rows, so the hot loop does no capacity check per cell; the other kinds append.
class ChunkParser {
 public:
  ChunkParser(const CsvParsePlan& plan, std::string_view chunk, CsvChunkResult& result)
      : plan_(plan),
        begin_(chunk.data()),
        end_(chunk.data() + chunk.size()),
        p_(begin_),
        delimiter_(plan.delimiter),
        tokenizer_(chunk, plan.delimiter, 0),
        result_(result),
        numbers_(plan.kinds.size(), nullptr),
        codes_(plan.kinds.size(), nullptr) {
    special_[static_cast<unsigned char>(delimiter_)] = true;
    special_[static_cast<unsigned char>('\n')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
    special_[static_cast<unsigned char>('"')] = true;
  }

  void Run();

 private:
  bool IsFieldEnd(const char* at) const {
    return at == end_ || *at == delimiter_ || *at == '\n' || *at == '\r';
  }
  void ConsumeLineBreak() {
    if (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n')
      ++p_;
    ++p_;
    ++line_;
  }
  void Fail(size_t column, std::string message) {
    failure_ = CsvRecordError{line_, column, std::move(message), {}};
  }
  std::string ColumnName(size_t column) const { return "'" + plan_.names[column] + "'"; }

  void ReserveRows(size_t rows);
  bool ParseRecord(size_t row);
  bool PlainField(size_t column, std::string_view& value) {
    const char* at = p_;
    while (at < end_ && !special_[static_cast<unsigned char>(*at)])
      ++at;
    if (at < end_ && *at == '"')
      return SlowField(column, value);
    value = std::string_view(p_, static_cast<size_t>(at - p_));
    p_ = at;
    return true;
  }
  [[gnu::noinline]] bool SlowField(size_t column, std::string_view& value);
  [[gnu::noinline]] bool SlowNumber(size_t column, double& number);
  [[gnu::noinline]] bool NewCategory(size_t column, std::string_view value, int32_t& code);
  [[gnu::noinline]] bool AppendOtherKind(size_t column);
  size_t CountFields(const char* record_start, size_t record_line);
  void HandleBadRecord(const char* record_start, size_t record_line);

  const CsvParsePlan& plan_;
  const char* const begin_;
  const char* const end_;
  const char* p_;
  size_t line_ = 0;
  const char delimiter_;
  CsvTokenizer tokenizer_;
  bool special_[256] = {};
  CsvChunkResult& result_;
  CsvRecordError failure_;
  size_t reserved_rows_ = 0;
  std::vector<double*> numbers_;  // per column; null unless numeric
  std::vector<int32_t*> codes_;   // per column; null unless categorical
};

void ChunkParser::ReserveRows(size_t rows) {
  reserved_rows_ = rows;
  for (size_t c = 0; c < result_.columns.size(); ++c) {
    ColumnValues& values = result_.columns[c];
    if (values.kind == ColumnKind::kNumeric) {
      values.numbers.resize(rows);
      numbers_[c] = values.numbers.data();
    } else if (values.kind == ColumnKind::kCategorical) {
      values.codes.resize(rows);
      codes_[c] = values.codes.data();
    } else {
      values.Reserve(rows);
    }
  }
}

bool ChunkParser::SlowField(size_t column, std::string_view& value) {
  tokenizer_.Seek(static_cast<size_t>(p_ - begin_), line_);
  FieldToken token;
  TokenError error = tokenizer_.NextField(token);
  if (error != TokenError::kNone) {
    if (error != TokenError::kUnterminatedQuote)
      line_ = tokenizer_.line();
    Fail(column + 1, std::string(TokenErrorMessage(error)) + " in column " + ColumnName(column));
    return false;
  }
  p_ = begin_ + tokenizer_.position();
  line_ = tokenizer_.line();
  value = token.value;
  return true;
}

bool ChunkParser::SlowNumber(size_t column, double& number) {
  std::string_view value;
  if (!SlowField(column, value))
    return false;
  if (plan_.missing.Contains(value)) {
    number = kMissingNumber;
    return true;
  }
  switch (ParseNumber(value, number)) {
    case NumberParse::kOk:
      return true;
    case NumberParse::kNotANumber:
      Fail(column + 1,
           "expected a number in column " + ColumnName(column) + ", got " + QuoteForMessage(value));
      return false;
    case NumberParse::kOutOfRange:
      Fail(column + 1, "number " + QuoteForMessage(value) + " in column " + ColumnName(column) +
                           " is beyond the range of a 64-bit float");
      return false;
    case NumberParse::kInexactInteger:
      Fail(column + 1, "integer " + QuoteForMessage(value) + " in column " + ColumnName(column) +
                           " is too large to keep exactly as a number; read the column as "
                           "categorical or text (--type " +
                           plan_.names[column] + "=categorical)");
      return false;
  }
  return false;
}

bool ChunkParser::NewCategory(size_t column, std::string_view value, int32_t& code) {
  if (!IsValidUtf8(value)) {
    Fail(column + 1, "invalid UTF-8 (or a NUL byte) in column " + ColumnName(column) + ": " +
                         QuoteForMessage(value));
    return false;
  }
  code = result_.columns[column].dictionary.Add(value);
  return true;
}

bool ChunkParser::AppendOtherKind(size_t column) {
  ColumnValues& values = result_.columns[column];
  std::string_view value;
  if (!PlainField(column, value))
    return false;
  const bool missing = plan_.missing.Contains(value);
  switch (values.kind) {
    case ColumnKind::kText:
      if (missing) {
        values.text.AppendMissing();
        return true;
      }
      if (!IsValidUtf8(value)) {
        Fail(column + 1, "invalid UTF-8 (or a NUL byte) in column " + ColumnName(column) + ": " +
                             QuoteForMessage(value));
        return false;
      }
      values.text.Append(value);
      return true;
    case ColumnKind::kTimestamp: {
      int64_t micros = kMissingTimestamp;
      if (!missing && !ParseTimestamp(value, micros)) {
        Fail(column + 1, "expected an ISO 8601 date or time in column " + ColumnName(column) +
                             ", got " + QuoteForMessage(value));
        return false;
      }
      values.micros.push_back(micros);
      return true;
    }
    case ColumnKind::kBoolean: {
      int8_t flag = kMissingBoolean;
      if (!missing && !ParseBoolean(value, flag)) {
        Fail(column + 1, "expected true or false in column " + ColumnName(column) + ", got " +
                             QuoteForMessage(value));
        return false;
      }
      values.booleans.push_back(flag);
      return true;
    }
    case ColumnKind::kNumeric:
    case ColumnKind::kCategorical:
      break;
  }
  return false;
}

// Parses the record at p_ into row `row`; leaves p_ after its line break. On failure,
// failure_ says why and the caller resynchronises.
bool ChunkParser::ParseRecord(size_t row) {
  const size_t columns = plan_.kinds.size();
  const char* const record_start = p_;
  const size_t record_line = line_;
  for (size_t column = 0; column < columns; ++column) {
    switch (plan_.kinds[column]) {
      case ColumnKind::kNumeric: {
        double number = 0;
        const char* stop = ParseDecimalFast(p_, end_, number);
        if ((stop == nullptr || !IsFieldEnd(stop)) && IsFieldEnd(p_) &&
            plan_.missing.Contains({})) {
          number = kMissingNumber;
          stop = p_;
        } else if (stop == nullptr || !IsFieldEnd(stop)) {
          auto [at, ec] = std::from_chars(p_, end_, number);
          stop = ec == std::errc() && IsFieldEnd(at) &&
                         (at - p_ < 16 ||
                          CheckLongNumber(std::string_view(p_, static_cast<size_t>(at - p_))) ==
                              NumberParse::kOk)
                     ? at
                     : nullptr;
        }
        if (stop != nullptr) {
          p_ = stop;
        } else if (!SlowNumber(column, number)) {
          return false;
        }
        numbers_[column][row] = number;
        break;
      }
      case ColumnKind::kCategorical: {
        std::string_view value;
        if (!PlainField(column, value))
          return false;
        int32_t code = kMissingCode;
        if (!plan_.missing.Contains(value)) {
          code = result_.columns[column].dictionary.Find(value);
          if (code < 0 && !NewCategory(column, value, code))
            return false;
        }
        codes_[column][row] = code;
        break;
      }
      default:
        if (!AppendOtherKind(column))
          return false;
        break;
    }
    const bool last = column + 1 == columns;
    if (!last && p_ < end_ && *p_ == delimiter_) {
      ++p_;
      continue;
    }
    if (last && (p_ == end_ || *p_ != delimiter_))
      break;
    const size_t found = CountFields(record_start, record_line);
    line_ = record_line;
    Fail(0, "expected " + std::to_string(columns) + " fields, found " + std::to_string(found));
    return false;
  }
  if (p_ < end_)
    ConsumeLineBreak();
  return true;
}

size_t ChunkParser::CountFields(const char* record_start, size_t record_line) {
  tokenizer_.Seek(static_cast<size_t>(record_start - begin_), record_line);
  size_t fields = 0;
  FieldToken token;
  for (;;) {
    if (tokenizer_.NextField(token) != TokenError::kNone)
      return fields + 1;
    ++fields;
    if (token.end != FieldEnd::kDelimiter)
      return fields;
    tokenizer_.ConsumeEnd(token.end);
  }
}

void ChunkParser::HandleBadRecord(const char* record_start, size_t record_line) {
  for (ColumnValues& values : result_.columns)
    values.TruncateTo(result_.rows);
  tokenizer_.Seek(static_cast<size_t>(record_start - begin_), record_line);
  tokenizer_.SkipRecord();
  p_ = begin_ + tokenizer_.position();
  line_ = tokenizer_.line();
  if (plan_.bad_rows == BadRowPolicy::kError) {
    result_.error = std::move(failure_);
    return;
  }
  failure_.raw.assign(record_start, p_);
  result_.bad_records.push_back(std::move(failure_));
}

void ChunkParser::Run() {
  const auto estimated_rows = static_cast<size_t>(static_cast<double>(end_ - begin_) /
                                                  std::max(plan_.bytes_per_record, 1.0) * 1.1) +
                              16;
  ReserveRows(estimated_rows);
  while (p_ < end_) {
    if (*p_ == '\n' || *p_ == '\r') {
      ConsumeLineBreak();
      ++result_.blank_lines;
      continue;
    }
    if (result_.rows == reserved_rows_)
      ReserveRows(reserved_rows_ + reserved_rows_ / 2 + 16);
    const char* const record_start = p_;
    const size_t record_line = line_;
    if (ParseRecord(result_.rows)) {
      ++result_.rows;
      continue;
    }
    HandleBadRecord(record_start, record_line);
    if (result_.error)
      break;
  }
  result_.line_breaks = line_;
  for (ColumnValues& values : result_.columns) {
    if (values.kind == ColumnKind::kNumeric)
      values.numbers.resize(result_.rows);
    if (values.kind == ColumnKind::kCategorical)
      values.codes.resize(result_.rows);
  }
}

}  // namespace

CsvChunkResult ParseCsvChunk(const CsvParsePlan& plan, std::string_view chunk) {
  CsvChunkResult result;
  result.bytes = chunk.size();
  result.columns.resize(plan.kinds.size());
  for (size_t c = 0; c < plan.kinds.size(); ++c)
    result.columns[c].kind = plan.kinds[c];
  ChunkParser(plan, chunk, result).Run();
  return result;
}

}  // namespace steward::io
