#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/privacy/key_file.h"

namespace steward::privacy {

// Hex digits kept of the HMAC-SHA256 (128 bits): collisions stay negligible (birthday bound
// 2^64 values) and a pseudonym fits a narrow column.
inline constexpr size_t kPseudonymHexDigits = 32;

// The keyed pseudonym of `value`: HMAC-SHA256(key, value), its first kPseudonymHexDigits hex
// digits. Stable for a key, so joins across tables still work; without the key it can be
// neither reversed nor recomputed by trying every value (unlike a plain hash of an ID).
std::string Pseudonym(const PseudonymKey& key, std::string_view value);

// Masks `text` keeping its format: digits become '#', letters (and other characters) 'x',
// separators (space - . @ : / ( ) + ,) stay.
std::string MaskKeepingFormat(std::string_view text);

// How one column is coarsened: numbers into bins of `size` ("30-39"), codes to their first
// `size` characters with the rest '*' ("021**"). kAuto bins when every value is a number
// written without a leading zero, else cuts to a prefix (so "02139" stays a code); say
// kPrefix ("zip:prefix3") for codes written without leading zeros.
struct Generalization {
  enum class Mode : uint8_t { kAuto, kBin, kPrefix };
  std::string column;
  Mode mode = Mode::kAuto;
  double size = 0;
};

// Parses "age:10,zip:3" entries ("age:10", "zip:prefix3", "income:bin5000").
Result<Generalization> ParseGeneralization(std::string_view text);

struct PseudonymizeOptions {
  std::vector<std::string> pseudonymize;  // replaced by Pseudonym()
  std::vector<std::string> mask;          // MaskKeepingFormat()
  std::vector<Generalization> generalize;
  std::vector<std::string> drop;  // removed
};

// A copy of `table` with the options applied; every kept column becomes text (the other
// columns' values as Column::ValueToString writes them). Missing values stay missing.
// kInvalidArgument naming the column when a column is unknown, named twice, or a bin
// generalisation meets a value that is not a number (naming the row, from 1).
Result<Table> Pseudonymize(const Table& table, const PseudonymKey& key,
                           const PseudonymizeOptions& options);

}  // namespace steward::privacy
