#include "steward/privacy/pseudonymize.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "steward/privacy/characters.h"
#include "steward/privacy/hmac.h"

namespace steward::privacy {
namespace {

enum class Action : uint8_t { kKeep, kPseudonymize, kMask, kGeneralize, kDrop };

bool ParseDouble(std::string_view text, double& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

// "30-39" when the column holds whole numbers and bins are whole, else "[30, 40)".
std::string BinLabel(double value, double width, bool whole_numbers) {
  const double low = std::floor(value / width) * width;
  if (whole_numbers && low == std::floor(low) && width == std::floor(width))
    return NumberLabel(low) + "-" + NumberLabel(low + width - 1);
  return "[" + NumberLabel(low) + ", " + NumberLabel(low + width) + ")";
}

std::string PrefixLabel(std::string_view value, size_t keep) {
  std::string out;
  size_t characters = 0;
  for (char c : value) {
    const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    if (!continuation)
      ++characters;
    if (characters <= keep) {
      out.push_back(c);
    } else if (!continuation) {
      out.push_back('*');
    }
  }
  return out;
}

}  // namespace

std::string Pseudonym(const PseudonymKey& key, std::string_view value) {
  return ToHex(HmacSha256(key, value)).substr(0, kPseudonymHexDigits);
}

std::string MaskKeepingFormat(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80)
      continue;
    if (c >= '0' && c <= '9') {
      out.push_back('#');
    } else if (std::string_view(" -.@:/()+,").find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      out.push_back('x');
    }
  }
  return out;
}

Result<Generalization> ParseGeneralization(std::string_view text) {
  const size_t colon = text.rfind(':');
  const std::string usage = "--generalize '" + std::string(text) +
                            "': expected COLUMN:N, COLUMN:binN or COLUMN:prefixN with N > 0";
  if (colon == std::string_view::npos || colon == 0)
    return Status::InvalidArgument(usage);
  Generalization result;
  result.column = std::string(text.substr(0, colon));
  std::string_view size = text.substr(colon + 1);
  if (size.rfind("bin", 0) == 0) {
    result.mode = Generalization::Mode::kBin;
    size.remove_prefix(3);
  } else if (size.rfind("prefix", 0) == 0) {
    result.mode = Generalization::Mode::kPrefix;
    size.remove_prefix(6);
  }
  if (!ParseDouble(size, result.size) || result.size <= 0)
    return Status::InvalidArgument(usage);
  if (result.mode == Generalization::Mode::kPrefix && result.size != std::floor(result.size))
    return Status::InvalidArgument(usage);
  return result;
}

Result<Table> Pseudonymize(const Table& table, const PseudonymKey& key,
                           const PseudonymizeOptions& options) {
  std::vector<Action> actions(table.num_columns(), Action::kKeep);
  std::map<size_t, Generalization> generalizations;
  auto assign = [&](const std::string& name, Action action) -> Result<size_t> {
    const std::optional<size_t> index = table.schema().Find(name);
    if (!index) {
      std::vector<std::string> names;
      for (const Field& field : table.schema().fields())
        names.push_back(field.name);
      return Status::InvalidArgument("unknown column '" + name + "' (columns: " + JoinNames(names) +
                                     ")");
    }
    if (actions[*index] != Action::kKeep)
      return Status::InvalidArgument("column '" + name + "' is named by more than one option");
    actions[*index] = action;
    return *index;
  };
  for (const std::string& name : options.pseudonymize)
    STEWARD_RETURN_IF_ERROR(assign(name, Action::kPseudonymize).status());
  for (const std::string& name : options.mask)
    STEWARD_RETURN_IF_ERROR(assign(name, Action::kMask).status());
  for (const std::string& name : options.drop)
    STEWARD_RETURN_IF_ERROR(assign(name, Action::kDrop).status());
  for (const Generalization& generalization : options.generalize) {
    STEWARD_ASSIGN_OR_RETURN(size_t index, assign(generalization.column, Action::kGeneralize));
    generalizations[index] = generalization;
  }

  std::vector<Field> fields;
  std::vector<Column> columns;
  for (size_t column_idx = 0; column_idx < table.num_columns(); ++column_idx) {
    if (actions[column_idx] == Action::kDrop)
      continue;
    const Column& column = table.column(column_idx);
    const std::string& name = table.name(column_idx);
    bool bins = false;
    bool whole_numbers = true;
    if (actions[column_idx] == Action::kGeneralize) {
      const Generalization& generalization = generalizations[column_idx];
      // Auto: numbers are binned, codes ("02139", "A12") cut to a prefix; a leading zero marks
      // a code even when every character is a digit.
      bool numbers = true;
      for (size_t row = 0; row < column.size() && numbers; ++row) {
        if (column.IsMissing(row))
          continue;
        const std::string text = column.ValueToString(row);
        double number = 0;
        const bool leading_zero = text.size() > 1 && text[0] == '0' && text[1] != '.';
        numbers = ParseDouble(text, number) && !leading_zero;
        whole_numbers = whole_numbers && number == std::floor(number);
      }
      bins = generalization.mode == Generalization::Mode::kBin ||
             (generalization.mode == Generalization::Mode::kAuto && numbers);
    }
    TextValues values;
    for (size_t row = 0; row < column.size(); ++row) {
      if (column.IsMissing(row)) {
        values.AppendMissing();
        continue;
      }
      const std::string value = column.kind() == ColumnKind::kText
                                    ? std::string(column.text().at(row))
                                    : column.ValueToString(row);
      switch (actions[column_idx]) {
        case Action::kPseudonymize:
          values.Append(Pseudonym(key, value));
          break;
        case Action::kMask:
          values.Append(MaskKeepingFormat(value));
          break;
        case Action::kGeneralize: {
          const Generalization& generalization = generalizations[column_idx];
          if (!bins) {
            values.Append(PrefixLabel(value, static_cast<size_t>(generalization.size)));
            break;
          }
          double number = 0;
          if (!ParseDouble(value, number))
            return Status::InvalidArgument("column '" + name + "', row " + std::to_string(row + 1) +
                                           ": bins need a number, and this value is not one (its "
                                           "text is not shown: it may be personal data)");
          values.Append(BinLabel(number, generalization.size, whole_numbers));
          break;
        }
        default:
          values.Append(value);
          break;
      }
    }
    fields.push_back(Field{name, ColumnKind::kText, table.schema().field(column_idx).role});
    columns.push_back(Column::Text(std::move(values)));
  }
  STEWARD_ASSIGN_OR_RETURN(Schema schema, Schema::Make(std::move(fields)));
  return Table::Make(std::move(schema), std::move(columns));
}

}  // namespace steward::privacy
