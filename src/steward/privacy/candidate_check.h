#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

struct Span {
  size_t begin;
  size_t end;
};

// Decides whether a pattern candidate value[begin, end) is a real instance of `kind`: it must
// stand alone (not be the middle of a longer word, number or address) and pass the kind's
// validator (checksums.h). Because Hyperscan reports the leftmost start, a card or phone
// number written after other digits ("ref 12 4111 1111 1111 1111") is retried from each
// separator inside the candidate. Returns the accepted span, or nullopt.
std::optional<Span> CheckCandidate(PiiKind kind, std::string_view value, Span candidate);

// Whether `text` is a valid instance of `kind` on its own (the validator without context).
bool ValidInstance(PiiKind kind, std::string_view text);

}  // namespace steward::privacy
