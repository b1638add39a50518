#include "steward/cli/progress.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace steward::cli {

bool ProgressAllowed(bool quiet, bool json) {
  if (quiet || json || !::isatty(STDERR_FILENO))
    return false;
  const char* ci = std::getenv("CI");
  const char* term = std::getenv("TERM");
  if (ci != nullptr && std::strcmp(ci, "true") == 0)
    return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_)
    return;
  const auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1) || now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(done) / 1e6;
  if (total > 0) {
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * kWidth);
    const double left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r%s [%.*s%*s] %3.0f%%  %.1f MB  %.0f s left ", label_.c_str(), filled,
                 "##############################", kWidth - filled, "", fraction * 100, mb, left);
  } else {
    std::fprintf(stderr, "\r%s %.1f MB  %.1f s ", label_.c_str(), mb, seconds);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace steward::cli
