#include "steward/validate/suite_parser.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <toml++/toml.h>

#include "steward/io/value_parsing.h"
#include "steward/validate/expression_binder.h"
#include "steward/validate/expression_parser.h"
#include "steward/validate/internal/column_entry_parser.h"
#include "steward/validate/internal/toml_fields.h"
#include "steward/validate/suite_location.h"

namespace steward::validate {
namespace {

using internal::TomlFields;

constexpr int64_t kFormatVersion = 1;
constexpr uintmax_t kMaxSuiteBytes = uintmax_t{16} << 20;

// The byte offset where a 1-based line and code-point column start in `text`, or npos.
size_t ByteOffset(std::string_view text, uint32_t line, uint32_t column) {
  size_t at = 0;
  for (uint32_t current = 1; current < line; ++current) {
    at = text.find('\n', at);
    if (at == std::string_view::npos)
      return at;
    ++at;
  }
  for (uint32_t current = 1; current < column && at < text.size(); ++current) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
      ++at;
  }
  return at;
}

class SuiteParser {
 public:
  SuiteParser(std::string_view text, std::string_view file_name)
      : text_(text), fields_(std::string(file_name)) {}

  Result<Suite> Run() {
    toml::table root;
    try {
      root = toml::parse(text_, std::string_view(fields_.file()));
    } catch (const toml::parse_error& error) {
      return fields_.Error(error.source(), internal::SanitizeMessage(error.description()));
    }
    STEWARD_RETURN_IF_ERROR(
        fields_.CheckKeys(root, "the suite", {"format", "table", "column", "row"}));
    STEWARD_RETURN_IF_ERROR(ReadFormat(root));
    if (const toml::node* table = root.get("table"))
      STEWARD_RETURN_IF_ERROR(ReadTable(*table));
    if (const toml::node* columns = root.get("column"))
      STEWARD_RETURN_IF_ERROR(ReadColumns(*columns));
    if (const toml::node* rows = root.get("row"))
      STEWARD_RETURN_IF_ERROR(ReadRows(*rows));
    return std::move(suite_);
  }

 private:
  Status ReadFormat(const toml::table& root) {
    const toml::node* format = root.get("format");
    if (format == nullptr) {
      toml::source_region start;
      start.begin = {1, 1};
      return fields_.Error(start, "missing 'format = 1' (the suite format version)");
    }
    const auto* version = format->as_integer();
    if (version == nullptr || version->get() != kFormatVersion) {
      return fields_.Error(format->source(),
                           "unsupported suite format; this version of steward reads format = 1");
    }
    return Status::Ok();
  }

  Status ReadTable(const toml::node& node) {
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(node, "[table]"));
    STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(
        *table, "[table]",
        {"min_rows", "max_rows", "max_duplicate_rows", "absent_columns", "allow_extra_columns"}));
    TableExpectations& expect = suite_.table;
    if (const toml::node* value = table->get("min_rows")) {
      STEWARD_ASSIGN_OR_RETURN(expect.min_rows, fields_.Count(*value, "[table] min_rows"));
    }
    if (const toml::node* value = table->get("max_rows")) {
      STEWARD_ASSIGN_OR_RETURN(expect.max_rows, fields_.Count(*value, "[table] max_rows"));
    }
    if (expect.min_rows && expect.max_rows && *expect.min_rows > *expect.max_rows)
      return fields_.Error(table->get("max_rows")->source(),
                           "[table] min_rows is greater than max_rows");
    if (const toml::node* value = table->get("max_duplicate_rows")) {
      STEWARD_ASSIGN_OR_RETURN(expect.max_duplicate_rows,
                               fields_.Count(*value, "[table] max_duplicate_rows"));
    }
    if (const toml::node* value = table->get("allow_extra_columns")) {
      STEWARD_ASSIGN_OR_RETURN(expect.allow_extra_columns,
                               fields_.Boolean(*value, "[table] allow_extra_columns"));
    }
    if (const toml::node* value = table->get("absent_columns")) {
      STEWARD_ASSIGN_OR_RETURN(const toml::array* names,
                               fields_.Array(*value, "[table] absent_columns"));
      for (const toml::node& name : *names) {
        STEWARD_ASSIGN_OR_RETURN(std::string text,
                                 fields_.String(name, "[table] absent_columns entry"));
        expect.absent_columns.push_back(std::move(text));
      }
    }
    return Status::Ok();
  }

  Status ReadColumns(const toml::node& node) {
    STEWARD_ASSIGN_OR_RETURN(const toml::array* entries, fields_.Array(node, "[[column]]"));
    for (const toml::node& entry : *entries) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(entry, "[[column]] entry"));
      STEWARD_ASSIGN_OR_RETURN(ColumnExpectations column,
                               internal::ParseColumnEntry(*table, fields_));
      for (const ColumnExpectations& earlier : suite_.columns) {
        if (earlier.name == column.name) {
          return Status::InvalidArgument(LocationPrefix(column.location) +
                                         "duplicate [[column]] entry for " +
                                         io::QuoteForMessage(column.name) + " (first at line " +
                                         std::to_string(earlier.location.line) + ")");
        }
      }
      for (const std::string& absent : suite_.table.absent_columns) {
        if (absent == column.name && column.required) {
          return Status::InvalidArgument(LocationPrefix(column.location) + "column " +
                                         io::QuoteForMessage(column.name) +
                                         " is both required and in [table] absent_columns");
        }
      }
      suite_.columns.push_back(std::move(column));
    }
    return Status::Ok();
  }

  Status ReadRows(const toml::node& node) {
    STEWARD_ASSIGN_OR_RETURN(const toml::array* entries, fields_.Array(node, "[[row]]"));
    for (const toml::node& entry : *entries) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(entry, "[[row]] entry"));
      STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(*table, "[[row]]", {"name", "expect"}));
      const toml::node* name = table->get("name");
      const toml::node* expect = table->get("expect");
      if (name == nullptr || expect == nullptr)
        return fields_.Error(table->source(), "[[row]] entry needs a name and an expect");
      RowExpectation row;
      STEWARD_ASSIGN_OR_RETURN(row.name, fields_.String(*name, "[[row]] name"));
      if (row.name.empty())
        return fields_.Error(name->source(), "[[row]] name is empty");
      for (size_t i = 0; i < suite_.rows.size(); ++i) {
        if (suite_.rows[i].name == row.name) {
          return fields_.Error(name->source(),
                               "duplicate [[row]] name " + io::QuoteForMessage(row.name) +
                                   " (first at line " + std::to_string(row_name_lines_[i]) + ")");
        }
      }
      row_name_lines_.push_back(name->source().begin.line);
      STEWARD_ASSIGN_OR_RETURN(row.expect, fields_.String(*expect, "[[row]] expect"));
      row.location = ExpressionStart(expect->source());
      STEWARD_RETURN_IF_ERROR(CheckExpression(row));
      suite_.rows.push_back(std::move(row));
    }
    return Status::Ok();
  }

  // Where the characters of an `expect` string start: after its opening quote(s). Verbatim
  // when it is a one-line string whose characters are the expression's bytes unchanged.
  SourceLocation ExpressionStart(const toml::source_region& where) const {
    SourceLocation location = fields_.Location(where);
    const size_t at = ByteOffset(text_, where.begin.line, where.begin.column);
    if (at >= text_.size())
      return location;
    const std::string_view raw = text_.substr(at);
    const char quote = raw[0];
    const bool multi_line = raw.substr(0, 3) == std::string_view(quote == '\'' ? "'''" : "\"\"\"");
    if (multi_line)
      return location;
    location.column += 1;
    const size_t end = raw.find(quote, 1);
    location.verbatim =
        end != std::string_view::npos &&
        (quote == '\'' || raw.substr(1, end - 1).find('\\') == std::string_view::npos);
    return location;
  }

  // Syntax always; types too when every column the expression reads is declared with a kind.
  Status CheckExpression(const RowExpectation& row) const {
    const OffsetLocator locate = RowExpressionLocator(row);
    STEWARD_ASSIGN_OR_RETURN(ExpressionNode root, ParseExpression(row.expect, locate));
    std::vector<Field> fields;
    for (const std::string& name : ReferencedColumns(root)) {
      auto declared = std::find_if(suite_.columns.begin(), suite_.columns.end(),
                                   [&](const ColumnExpectations& c) { return c.name == name; });
      if (declared == suite_.columns.end() || !declared->kind)
        return Status::Ok();
      fields.push_back(Field{name, *declared->kind, ColumnRole::kFeature});
    }
    STEWARD_ASSIGN_OR_RETURN(Schema schema, Schema::Make(std::move(fields)));
    return BindExpression(root, schema, locate).status();
  }

  std::string_view text_;
  TomlFields fields_;
  Suite suite_;
  std::vector<uint32_t> row_name_lines_;  // of each suite_.rows entry's name
};

}  // namespace

Result<Suite> ParseSuite(std::string_view toml_text, std::string_view file_name) {
  return SuiteParser(toml_text, file_name).Run();
}

Result<Suite> LoadSuite(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error))
    return Status::NotFound("suite file '" + path + "' does not exist");
  if (!std::filesystem::is_regular_file(path, error))
    return Status::InvalidArgument("suite file '" + path + "' is not a regular file");
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error)
    return Status::InvalidArgument("cannot read suite file '" + path + "': " + error.message());
  if (size > kMaxSuiteBytes) {
    return Status::InvalidArgument("suite file '" + path + "' is larger than " +
                                   std::to_string(kMaxSuiteBytes >> 20) + " MiB");
  }
  if (size == 0)
    return ParseSuite("", path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (!(bytes << in.rdbuf()))
    return Status::InvalidArgument("cannot read suite file '" + path + "'");
  return ParseSuite(bytes.str(), path);
}

}  // namespace steward::validate
