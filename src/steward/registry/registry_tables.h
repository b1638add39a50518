#pragma once

#include "steward/core/result.h"
#include "steward/registry/database.h"

namespace steward::registry {

// Copies every row of every registry table from `from` into `to`, parents before children,
// so a registry moves between backends (SQLite <-> PostgreSQL) unchanged: the same ids, the
// same audit chain. Both must hold the schema; `to` must have no rows (RegistryHasRows) and
// should be inside a write transaction, so a failure leaves nothing behind.
Status CopyRegistryRows(Database& from, Database& to);

// Whether any registry table holds a row.
Result<bool> RegistryHasRows(Database& database);

}  // namespace steward::registry
