#pragma once

#include <string>
#include <string_view>

#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

// An example of a detected value that shows its shape but not the value: letters become 'x',
// digits '#', separators stay. Kept in view, because a reviewer needs them to recognise the
// kind, and never enough to identify anyone: an e-mail keeps its top-level domain, a card its
// last four digits (what PCI DSS allows on receipts), an IBAN its country code, a name its
// first letter. Bytes of multi-byte UTF-8 characters become 'x' as a whole character.
// Never returns `text` itself: a value too short to mask partially is masked entirely.
std::string MaskValue(PiiKind kind, std::string_view text);

}  // namespace steward::privacy
