#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/privacy/pii_kind.h"

struct hs_database;
struct hs_scratch;

namespace steward::privacy {

// A match of one detector's pattern: bytes [begin, end) of the scanned buffer. Hyperscan
// reports every end offset at which a pattern matches, each with its leftmost start, so a
// token yields several candidates; the validators (checksums.h) and boundary checks keep the
// real ones.
struct PatternMatch {
  PiiKind kind;
  uint32_t begin;
  uint32_t end;
};

// Hyperscan scratch space: one per thread scanning at a time.
struct ScratchDeleter {
  void operator()(hs_scratch* scratch) const;
};
using ScratchPtr = std::unique_ptr<hs_scratch, ScratchDeleter>;

// Every detector's pattern compiled into one Hyperscan block-mode database, so a buffer is
// read once for all detectors. Patterns never match '\n', so values joined by '\n' are
// scanned in one call without a match crossing from one value into the next.
// Thread-safety: the database is immutable; Scan() is safe from several threads as long as
// each passes its own scratch (NewScratch()).
class PatternSet {
 public:
  // Fails with kInternal naming the pattern Hyperscan rejected, or when the CPU lacks SSSE3.
  static Result<std::unique_ptr<PatternSet>> Compile();
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  Result<ScratchPtr> NewScratch() const;
  // Appends the candidates in `buffer` to `matches`. REQUIRES: buffer.size() < 2^32.
  Status Scan(std::string_view buffer, hs_scratch* scratch,
              std::vector<PatternMatch>& matches) const;

 private:
  PatternSet(hs_database* database, std::vector<PiiKind> kinds)
      : database_(database), kinds_(std::move(kinds)) {}
  hs_database* database_;
  std::vector<PiiKind> kinds_;  // by pattern id
};

}  // namespace steward::privacy
