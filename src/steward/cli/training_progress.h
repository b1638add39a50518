#pragma once

#include <chrono>

#include "steward/model/booster_trainer.h"

namespace steward::cli {

// One status line on stderr while boosting: round, validation metric, best so far and an
// estimate of the time left (from the mean time per round; early stopping may end sooner).
// Draws at most ten times a second, only when enabled (see ProgressAllowed).
class TrainingProgress {
 public:
  explicit TrainingProgress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  ~TrainingProgress() { Finish(); }
  TrainingProgress(const TrainingProgress&) = delete;
  TrainingProgress& operator=(const TrainingProgress&) = delete;

  void Update(const model::RoundProgress& round);
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace steward::cli
