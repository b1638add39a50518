#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace steward::cli {

// Wall time since `start`, for the timings reports print.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// True when progress may be drawn: stderr is a terminal, and neither --quiet, --json,
// CI=true nor TERM=dumb asks for silence.
bool ProgressAllowed(bool quiet, bool json);

// A one-line progress bar on stderr for work that takes more than a second. Draws at most
// ten times a second; Finish() clears the line. Does nothing when disabled.
class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar() { Finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(uint64_t done, uint64_t total);  // total 0: unknown
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace steward::cli
