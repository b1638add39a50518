#pragma once
// Erasure of one data subject from a prediction log (`steward forget`; GDPR Art. 17): removes
// every prediction whose logged input names the subject, and the feedback that labels those
// predictions. Format and rules: docs/formats/prediction_log.md, "Erasure".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

namespace steward::io {

struct EraseRequest {
  std::string column;  // an input feature name
  std::string value;   // the subject's value, as typed; see InputMatches for the rule
  std::string model;   // only predictions of this model; empty: every model
  bool dry_run = false;
};

struct EraseReport {
  uint64_t segments_scanned = 0;
  uint64_t predictions_removed = 0;  // with dry_run: that would be removed
  uint64_t feedback_removed = 0;
  std::vector<std::string> segments_rewritten;  // file names; with dry_run: to rewrite
  // Segments a running writer holds open (or another forget is rewriting): read, never
  // rewritten, and what they hold of the subject is counted here instead. Skipping beats
  // coordinating: a writer keeps appending to its open file, so replacing it would lose every
  // later record, and pausing the writer would pause serving; it rotates at least hourly.
  std::vector<std::string> segments_busy;
  uint64_t predictions_pending = 0;
  uint64_t feedback_pending = 0;
};

// Whether the logged input `logged_json` (one JSON value, as it appears in `inputs`) equals
// `value`: a JSON string equals it byte for byte; a number when `value` reads as the same
// number (so "41" and "41.0" match 41; integers exactly, beyond 2^53 too); true/false when
// `value` is "true"/"false". null, arrays and objects never match. Pure.
bool InputMatches(std::string_view logged_json, std::string_view value);

// Removes the subject's records from the log in `directory`. Every segment is read and
// checked before any is changed, so a malformed line is an error naming file:line and nothing
// is rewritten; then each is read again and rewritten if needed, one segment in memory at a
// time. Each changed segment is replaced atomically (temporary file, fsync, rename,
// directory fsync) while its lock is held (internal/segment_lock.h); lines that stay are kept
// byte for byte. Errors: kNotFound (no such directory), kInvalidArgument (a malformed segment,
// or predictions in scope exist and none has `column`), kDataLoss (a torn line in a segment
// that is not the newest), kUnavailable (I/O). No error message contains `request.value`.
// A crash between two segments leaves each segment old or new; running it again finishes.
Result<EraseReport> EraseFromPredictionLog(const std::string& directory,
                                           const EraseRequest& request);

}  // namespace steward::io
