#include "steward/io/csv_tokenizer.h"

#include <gtest/gtest.h>

namespace steward::io {
namespace {

std::vector<std::vector<std::string>> Records(std::string_view data, char delimiter = ',') {
  CsvTokenizer tokenizer(data, delimiter);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  while (!tokenizer.AtEnd()) {
    tokenizer.SkipBlankLines();
    if (tokenizer.AtEnd())
      break;
    EXPECT_EQ(tokenizer.ReadRecord(fields), TokenError::kNone);
    records.push_back(fields);
  }
  return records;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTokenizer, QuotedFieldsKeepDelimitersNewlinesAndDoubledQuotes) {
  EXPECT_EQ(Records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"line\nbreak\",x,\"\"\n"),
            (Rows{{"a", "b,c", "say \"hi\""}, {"line\nbreak", "x", ""}}));
}

TEST(CsvTokenizer, AcceptsLfCrlfAndBareCr) {
  EXPECT_EQ(Records("a,b\r\nc,d\re,f\ng,h"),
            (Rows{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
}

TEST(CsvTokenizer, TrailingDelimiterMeansAnEmptyLastField) {
  EXPECT_EQ(Records("a,b,\n"), (Rows{{"a", "b", ""}}));
  EXPECT_EQ(Records("a;b", ';'), (Rows{{"a", "b"}}));
}

TEST(CsvTokenizer, CountsLinesInsideQuotes) {
  CsvTokenizer tokenizer("\"a\nb\r\nc\",d\ne,f\n", ',');
  std::vector<std::string> fields;
  ASSERT_EQ(tokenizer.ReadRecord(fields), TokenError::kNone);
  EXPECT_EQ(tokenizer.line(), 4u);
}

TEST(CsvTokenizer, ReportsMalformedQuoting) {
  std::vector<std::string> fields;
  CsvTokenizer unterminated("a,\"never closed\nx,y\n", ',');
  EXPECT_EQ(unterminated.ReadRecord(fields), TokenError::kUnterminatedQuote);
  CsvTokenizer after_quote("\"a\"b,c\n", ',');
  EXPECT_EQ(after_quote.ReadRecord(fields), TokenError::kCharAfterClosingQuote);
  CsvTokenizer stray("ab\"c,d\n", ',');
  EXPECT_EQ(stray.ReadRecord(fields), TokenError::kQuoteInUnquotedField);
}

TEST(CsvTokenizer, SkipRecordHonoursQuotes) {
  CsvTokenizer tokenizer("x,\"1\n2\",3\nnext,row\n", ',');
  tokenizer.SkipRecord();
  std::vector<std::string> fields;
  ASSERT_EQ(tokenizer.ReadRecord(fields), TokenError::kNone);
  EXPECT_EQ(fields, (std::vector<std::string>{"next", "row"}));
  EXPECT_EQ(tokenizer.line(), 4u);
}

}  // namespace
}  // namespace steward::io
