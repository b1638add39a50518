#include "steward/io/internal/postgres_values.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "steward/io/category_dictionary.h"
#include "steward/io/value_parsing.h"

namespace steward::io::internal {
namespace {

constexpr int64_t kMaxExactInt64 = int64_t{1} << 53;
constexpr double kLargestExactDouble = 9007199254740992.0;  // 2^53

// OIDs of built-in types, fixed in PostgreSQL's catalog (src/include/catalog/pg_type.dat);
// they are the same in every server version, so no catalog query is needed for them.
constexpr Oid kBoolOid = 16;
constexpr Oid kCharOid = 18;
constexpr Oid kNameOid = 19;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kBpcharOid = 1042;
constexpr Oid kVarcharOid = 1043;
constexpr Oid kDateOid = 1082;
constexpr Oid kTimestampOid = 1114;
constexpr Oid kTimestampTzOid = 1184;
constexpr Oid kNumericOid = 1700;
constexpr Oid kUuidOid = 2950;

// The column as it can be written in SQL, for "cast it to text" hints.
std::string SqlIdentifier(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (plain)
    return name;
  std::string quoted = "\"";
  for (char c : name)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// A decimal number as sign, significant digits and exponent (value = 0.digits * 10^exponent),
// so that two spellings of one value ("1.50", "1.5e+00") compare equal.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
  bool operator==(const Decimal&) const = default;
};

bool ParseDecimal(std::string_view text, Decimal& decimal) {
  size_t pos = 0;
  decimal = Decimal();
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    decimal.negative = text[pos++] == '-';
  }
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (c == '0' && decimal.digits.empty()) {
        if (seen_point)
          --decimal.exponent;  // a leading zero after the point
        continue;
      }
      decimal.digits += c;
      if (!seen_point)
        ++decimal.exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit)
    return false;
  if (pos < text.size()) {
    if (text[pos] != 'e' && text[pos] != 'E')
      return false;
    ++pos;
    if (pos < text.size() && text[pos] == '+')
      ++pos;
    int64_t written = 0;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data() + pos, end, written);
    if (ec != std::errc() || stop != end)
      return false;
    decimal.exponent += written;
  }
  while (!decimal.digits.empty() && decimal.digits.back() == '0')
    decimal.digits.pop_back();
  if (decimal.digits.empty())
    decimal = Decimal();  // zero, whatever its sign or scale
  return true;
}

// True when `value` (parsed from `text`) is exactly the decimal `text`, as far as a double can
// tell: the shortest text that reads back as `value` is the same number.
bool RoundTrips(std::string_view text, double value) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                 std::chars_format::scientific);
  Decimal written;
  Decimal shortest;
  return ec == std::errc() && ParseDecimal(text, written) &&
         ParseDecimal(std::string_view(buffer.data(), static_cast<size_t>(end - buffer.data())),
                      shortest) &&
         written == shortest;
}

}  // namespace

std::optional<PgValue> BuiltinValue(Oid type) {
  switch (type) {
    case kBoolOid:
      return PgValue::kBoolean;
    case kInt2Oid:
    case kInt4Oid:
    case kOidOid:
      return PgValue::kInteger;
    case kInt8Oid:
      return PgValue::kInt8;
    case kFloat4Oid:
    case kFloat8Oid:
      return PgValue::kFloat;
    case kNumericOid:
      return PgValue::kNumeric;
    case kTextOid:
    case kVarcharOid:
    case kNameOid:
    case kCharOid:
    case kUuidOid:
      return PgValue::kString;
    case kBpcharOid:
      return PgValue::kPaddedString;
    case kDateOid:
    case kTimestampOid:
    case kTimestampTzOid:
      return PgValue::kTimestamp;
    default:
      return std::nullopt;
  }
}

Result<Column> ReadColumn(const PGresult* result, int field, const ColumnPlan& plan,
                          GlobalCategories& categories, uint64_t first_row) {
  const int rows = PQntuples(result);
  // `what` has "%" where the value goes.
  auto value_error = [&](int row, std::string_view text, std::string_view what) {
    std::string message(what);
    message.replace(message.find('%'), 1, QuoteForMessage(text));
    return Status::InvalidArgument("the --sql query's column '" + plan.name + "', row " +
                                   std::to_string(first_row + static_cast<uint64_t>(row) + 1) +
                                   ": " + message + "; cast the column to text in the query (" +
                                   SqlIdentifier(plan.name) + "::text) to read it as text");
  };
  constexpr std::string_view kTooBig =
      " value % is beyond 2^53 in magnitude, where a number "
      "cannot hold every integer exactly";
  auto text_of = [&](int row) {
    return std::string_view(PQgetvalue(result, row, field),
                            static_cast<size_t>(PQgetlength(result, row, field)));
  };
  switch (plan.kind) {
    case ColumnKind::kBoolean: {
      std::vector<int8_t> values(static_cast<size_t>(rows), kMissingBoolean);
      for (int row = 0; row < rows; ++row) {
        if (!PQgetisnull(result, row, field)) {
          values[static_cast<size_t>(row)] = text_of(row) == "t";
        }
      }
      return Column::Boolean(std::move(values));
    }
    case ColumnKind::kNumeric: {
      std::vector<double> values(static_cast<size_t>(rows), std::nan(""));
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field))
          continue;
        const std::string_view text = text_of(row);
        double& value = values[static_cast<size_t>(row)];
        const char* end = text.data() + text.size();
        if (plan.value == PgValue::kInteger || plan.value == PgValue::kInt8) {
          int64_t integer = 0;
          auto [stop, ec] = std::from_chars(text.data(), end, integer);
          // Compared as integers: the cast to double would round 2^53 + 1 down to 2^53.
          if (ec != std::errc() || stop != end || integer > kMaxExactInt64 ||
              integer < -kMaxExactInt64) {
            return value_error(row, text, "int8" + std::string(kTooBig));
          }
          value = static_cast<double>(integer);
          continue;
        }
        // Both float and numeric print these words for their special values.
        if (text == "NaN")
          continue;  // missing, as NaN is a numeric column's missing marker
        if (text == "Infinity" || text == "-Infinity") {
          value = text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
          continue;
        }
        auto [stop, ec] = std::from_chars(text.data(), end, value);
        if (stop != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
          return value_error(row, text, "cannot read the value %");
        }
        // float4 and float8 print the shortest text that reads back exactly, so they are done.
        if (plan.value == PgValue::kFloat)
          continue;
        if (ec == std::errc::result_out_of_range) {
          return value_error(row, text, "numeric value % is outside the range of a number");
        }
        if (std::fabs(value) > kLargestExactDouble) {
          return value_error(row, text, "numeric" + std::string(kTooBig));
        }
        if (!RoundTrips(text, value)) {
          return value_error(row, text,
                             "numeric value % has more digits than a number holds, so it would "
                             "be rounded");
        }
      }
      return Column::Numeric(std::move(values));
    }
    case ColumnKind::kTimestamp: {
      std::vector<int64_t> values(static_cast<size_t>(rows), kMissingTimestamp);
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field))
          continue;
        const std::string_view text = text_of(row);
        if (text == "infinity" || text == "-infinity") {
          return value_error(row, text, "timestamp value % is infinite, which Steward cannot hold");
        }
        if (!ParseTimestamp(text, values[static_cast<size_t>(row)])) {
          return value_error(row, text, "cannot read timestamp value % (years 1 to 9999 only)");
        }
      }
      return Column::Timestamp(std::move(values));
    }
    case ColumnKind::kCategorical: {
      CategoryDictionary local;
      std::vector<int32_t> codes(static_cast<size_t>(rows), kMissingCode);
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field))
          continue;
        std::string_view text = text_of(row);
        if (plan.value == PgValue::kPaddedString) {
          while (!text.empty() && text.back() == ' ')
            text.remove_suffix(1);
        }
        int32_t code = local.Find(text);
        codes[static_cast<size_t>(row)] = code >= 0 ? code : local.Add(text);
      }
      const std::vector<int32_t> remap = categories.Remap(local.labels());
      for (int32_t& code : codes) {
        if (code >= 0)
          code = remap[static_cast<size_t>(code)];
      }
      return Column::Categorical(std::move(codes), categories.snapshot());
    }
    case ColumnKind::kText: {
      TextValues values;
      values.offsets.reserve(static_cast<size_t>(rows) + 1);
      values.missing.reserve(static_cast<size_t>(rows));
      for (int row = 0; row < rows; ++row) {
        if (PQgetisnull(result, row, field)) {
          values.AppendMissing();
          continue;
        }
        std::string_view text = text_of(row);
        if (plan.value == PgValue::kPaddedString) {
          while (!text.empty() && text.back() == ' ')
            text.remove_suffix(1);
        }
        values.Append(text);
      }
      return Column::Text(std::move(values));
    }
  }
  return Status::Internal("unknown column kind");
}

}  // namespace steward::io::internal
