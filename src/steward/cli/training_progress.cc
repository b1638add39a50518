#include "steward/cli/training_progress.h"

#include <cstdio>

namespace steward::cli {

void TrainingProgress::Update(const model::RoundProgress& round) {
  if (!enabled_)
    return;
  const auto now = Clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double left = seconds / (round.round + 1) * (round.total - round.round - 1);
  std::fprintf(stderr, "\rtraining: round %d/%d", round.round + 1, round.total);
  if (!round.metric.empty()) {
    std::fprintf(stderr, "  %s %.5g (best %.5g at round %d)", round.metric.c_str(), round.value,
                 round.best_value, round.best_round + 1);
  }
  std::fprintf(stderr, "  %.0f s left \033[K", left);
  std::fflush(stderr);
  drawn_ = true;
}

void TrainingProgress::Finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace steward::cli
