#include "steward/core/column.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <unordered_map>

namespace steward {
namespace {

constexpr std::array<std::string_view, 5> kKindNames = {"numeric", "categorical", "text",
                                                        "timestamp", "boolean"};

// Howard Hinnant's civil-from-days: proleptic Gregorian calendar, exact for every int64 day.
void CivilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

std::string FormatDouble(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::string("?");
}

}  // namespace

std::string_view ColumnKindName(ColumnKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

Result<ColumnKind> ParseColumnKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name)
      return static_cast<ColumnKind>(i);
  }
  return Status::InvalidArgument("unknown column kind '" + std::string(name) +
                                 "' (expected numeric, categorical, text, timestamp or boolean)");
}

Column Column::Numeric(std::vector<double> values) {
  return Column(ColumnKind::kNumeric, std::move(values));
}

Column Column::Categorical(std::vector<int32_t> codes,
                           std::shared_ptr<const Categories> categories) {
  if (!categories)
    categories = std::make_shared<const Categories>();
  return Column(ColumnKind::kCategorical, CategoricalData{std::move(codes), std::move(categories)});
}

Column Column::Text(TextValues values) {
  return Column(ColumnKind::kText, std::move(values));
}

Column Column::Timestamp(std::vector<int64_t> micros) {
  return Column(ColumnKind::kTimestamp, TimestampStorage{std::move(micros)});
}

Column Column::Boolean(std::vector<int8_t> values) {
  return Column(ColumnKind::kBoolean, std::move(values));
}

Column Column::CategoricalFromLabels(std::span<const std::string> labels,
                                     std::span<const uint8_t> missing) {
  auto categories = std::make_shared<Categories>();
  std::unordered_map<std::string_view, int32_t> code_of;
  std::vector<int32_t> codes;
  codes.reserve(labels.size());
  for (size_t row = 0; row < labels.size(); ++row) {
    if (!missing.empty() && missing[row]) {
      codes.push_back(kMissingCode);
      continue;
    }
    auto [it, inserted] =
        code_of.try_emplace(labels[row], static_cast<int32_t>(categories->size()));
    if (inserted)
      categories->push_back(labels[row]);
    codes.push_back(it->second);
  }
  return Categorical(std::move(codes), std::move(categories));
}

size_t Column::size() const {
  switch (kind_) {
    case ColumnKind::kNumeric:
      return numeric().size();
    case ColumnKind::kCategorical:
      return codes().size();
    case ColumnKind::kText:
      return text().size();
    case ColumnKind::kTimestamp:
      return timestamps().size();
    case ColumnKind::kBoolean:
      return booleans().size();
  }
  return 0;
}

bool Column::IsMissing(size_t row) const {
  switch (kind_) {
    case ColumnKind::kNumeric:
      return std::isnan(numeric()[row]);
    case ColumnKind::kCategorical:
      return codes()[row] == kMissingCode;
    case ColumnKind::kText:
      return text().missing[row] != 0;
    case ColumnKind::kTimestamp:
      return timestamps()[row] == kMissingTimestamp;
    case ColumnKind::kBoolean:
      return booleans()[row] == kMissingBoolean;
  }
  return false;
}

size_t Column::MissingCount() const {
  switch (kind_) {
    case ColumnKind::kNumeric: {
      auto values = numeric();
      return std::count_if(values.begin(), values.end(), [](double v) { return std::isnan(v); });
    }
    case ColumnKind::kCategorical:
      return std::count(codes().begin(), codes().end(), kMissingCode);
    case ColumnKind::kText:
      return std::count(text().missing.begin(), text().missing.end(), uint8_t{1});
    case ColumnKind::kTimestamp:
      return std::count(timestamps().begin(), timestamps().end(), kMissingTimestamp);
    case ColumnKind::kBoolean:
      return std::count(booleans().begin(), booleans().end(), kMissingBoolean);
  }
  return 0;
}

std::string Column::ValueToString(size_t row) const {
  if (IsMissing(row))
    return "";
  switch (kind_) {
    case ColumnKind::kNumeric:
      return FormatDouble(numeric()[row]);
    case ColumnKind::kCategorical:
      return categories()[static_cast<size_t>(codes()[row])];
    case ColumnKind::kText:
      return std::string(text().at(row));
    case ColumnKind::kTimestamp:
      return FormatTimestamp(timestamps()[row]);
    case ColumnKind::kBoolean:
      return booleans()[row] ? "true" : "false";
  }
  return "";
}

std::string FormatTimestamp(int64_t micros) {
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  CivilFromDays(days, year, month, day);
  const int64_t seconds = rest / 1'000'000;
  const int64_t fraction = rest % 1'000'000;
  std::array<char, 64> buffer{};
  int length = std::snprintf(
      buffer.data(), buffer.size(), "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
      static_cast<long long>(year), month, day, static_cast<long long>(seconds / 3600),
      static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  std::string text(buffer.data(), static_cast<size_t>(length));
  if (fraction != 0) {
    std::snprintf(buffer.data(), buffer.size(), ".%06lld", static_cast<long long>(fraction));
    text += buffer.data();
  }
  text += 'Z';
  return text;
}

}  // namespace steward
