#pragma once

#include <string_view>

#include "steward/core/status.h"

namespace steward::registry {

// Checks a user-given name (model, project, alias, role, key label) against the allow-list
// [A-Za-z0-9][A-Za-z0-9._-]{0,127}, and refuses "..". Names are stored in the database, never
// used to build a file path. `what` names the field in the message ("model name"). Pure.
Status CheckName(std::string_view name, std::string_view what);

// True if `text` is 64 lower-case hex digits: the only user-derived text that becomes a
// file name (an artifact's SHA-256).
bool IsSha256Hex(std::string_view text);

// Checks free text that goes into the audit log (actor, reason): valid UTF-8, no control
// characters, at most 1,000 bytes.
Status CheckFreeText(std::string_view text, std::string_view what);

}  // namespace steward::registry
