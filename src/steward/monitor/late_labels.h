#pragma once
// Labels that arrive after the predictions: a CSV file of id,label, or the server's feedback
// records in the prediction log; and their join onto the scored rows by id.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "steward/core/result.h"
#include "steward/io/prediction_log.h"
#include "steward/monitor/scored_rows.h"

namespace steward::monitor {

struct LateLabel {
  std::string text;   // the label as written: a class name or a number
  std::string where;  // "labels.csv:12" or "feedback record ID", for errors
  size_t order = 0;   // line or record index, so errors name the first bad one
};

struct LateLabels {
  std::unordered_map<std::string, LateLabel> by_id;
  std::vector<std::string> notes;
};

// Parses a CSV (RFC 4180) whose header names an `id` and a `label` column (others are
// ignored). An empty label leaves the row unlabelled. Fails naming `path`, the line and what:
// a missing column, a record with too few fields, an empty or duplicate id.
Result<LateLabels> ParseLabelsCsv(std::string_view bytes, const std::string& path);

// The labels of the log's feedback records: a later feedback for the same prediction replaces
// an earlier one (a corrected label). Feedback for a prediction the log does not hold is counted
// in a note, as the server cannot check it when it arrives.
Result<LateLabels> LabelsFromFeedback(const std::vector<io::PredictionRecord>& records);

// The label as the model encodes it: a class index, or a finite number for regression. Fails
// naming label.where when it is neither a class of the model nor a number.
Result<double> EncodeLabel(const LateLabel& label, fairness::AuditTask task,
                           const std::vector<std::string>& classes);

// Sets rows.labels from `labels` by rows.ids. Every id of a labels file must be one of
// `known_ids` (the ids the rows could have had, e.g. every prediction of the log, not only the
// window's); an unknown one is an error naming its line, as it means a join on the wrong key.
// With `known_ids` empty, unknown ids are not checked (feedback, already noted).
Status JoinLabels(const LateLabels& labels, const std::unordered_set<std::string>& known_ids,
                  ScoredRows& rows);

}  // namespace steward::monitor
