#pragma once

// Module-private: used by steward/io/postgres_source.cc only; not part of the library's
// interface. Includes libpq's header, which only the io module may see.

#include <cstdint>
#include <optional>
#include <string>

#include <libpq-fe.h>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/io/global_categories.h"

namespace steward::io::internal {

// How a column's text values are read.
enum class PgValue : uint8_t {
  kBoolean,
  kInteger,  // int2, int4, oid: always exact in a double
  kInt8,
  kFloat,
  kNumeric,
  kString,        // categorical or text
  kPaddedString,  // char(n): as kString without the blank padding
  kTimestamp,
  kOther,  // text form
};

// How a built-in type's values are read, from its OID (fixed in every server version); nullopt
// for a type that is not built in (an enum, a domain, an extension's type), which only the
// server's catalog can tell about. Pure function.
std::optional<PgValue> BuiltinValue(Oid type);

// One result column: its name, type, how its values are read and the kind they become.
struct ColumnPlan {
  std::string name;
  Oid type = 0;
  PgValue value = PgValue::kOther;
  ColumnKind kind = ColumnKind::kText;
};

// Reads result column `field` (planned by `plan`) of a batch into a Column of plan.kind; NULL
// is the kind's missing value. Categorical codes are mapped to `categories`, which grows by
// the batch's new labels. `first_row` is the query's row number (from 0) of the batch's first
// row, for messages.
//
// Values are never silently changed: an integer or numeric beyond 2^53 in magnitude, a
// numeric a double cannot hold exactly, a timestamp at +-infinity or outside years 1 to 9999,
// or text that is not a number or timestamp fails with kInvalidArgument naming the column,
// row and value and how to cast the column to text in the query. NaN reads as missing.
// Reads `result` only; not thread-safe for one `categories`.
Result<Column> ReadColumn(const PGresult* result, int field, const ColumnPlan& plan,
                          GlobalCategories& categories, uint64_t first_row);

}  // namespace steward::io::internal
