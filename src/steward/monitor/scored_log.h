#pragma once
// The prediction log's predictions as scored rows: what the server answered then, at the time
// it answered, with the sensitive columns read from the logged inputs.

#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/io/prediction_log.h"
#include "steward/monitor/scored_rows.h"

namespace steward::monitor {

// Fills `rows` (whose task, classes and threshold the caller set from the model) from
// `predictions`: outputs ("probability" and "class" for binary, "class" and "probabilities" for
// multiclass, "value" for regression), record ids, times, and the `sensitive` columns found in
// the inputs; a sensitive column no record carries gets a note instead. Fails naming the record
// whose outputs do not fit the model (a class it does not know, a missing probability).
Status FillFromPredictionLog(const std::vector<const io::PredictionRecord*>& predictions,
                             const std::vector<std::string>& sensitive, ScoredRows& rows);

}  // namespace steward::monitor
