#include "steward/privacy/pii_scanner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "steward/privacy/candidate_check.h"
#include "steward/privacy/checksums.h"
#include "steward/privacy/column_evidence.h"
#include "steward/privacy/masking.h"
#include "steward/privacy/value_shapes.h"

namespace steward::privacy {
namespace {

// Joined values scanned per Hyperscan call; well under hs_scan's 4 GiB limit, and small enough
// that the per-value flags stay cheap.
constexpr size_t kSegmentBytes = size_t{32} << 20;

// Per-value flags: bit k whole, bit 10+k contained, bit 20+k shape without a valid check.
constexpr uint32_t WholeBit(size_t kind) {
  return uint32_t{1} << kind;
}
constexpr uint32_t ContainedBit(size_t kind) {
  return uint32_t{1} << (kind + kPiiKindCount);
}
constexpr uint32_t ShapeOnlyBit(size_t kind) {
  return uint32_t{1} << (kind + 2 * kPiiKindCount);
}

Span Trimmed(std::string_view value) {
  size_t begin = 0;
  size_t end = value.size();
  while (begin < end && (value[begin] == ' ' || value[begin] == '\t'))
    ++begin;
  while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t' || value[end - 1] == '\r'))
    --end;
  return Span{begin, end};
}

std::string ExactNumberText(double value) {
  char text[32];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e18) {
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
  } else {
    std::snprintf(text, sizeof text, "%.17g", value);
  }
  return text;
}

TextValues AsText(const Column& column) {
  TextValues text;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.IsMissing(row)) {
      text.AppendMissing();
    } else if (column.kind() == ColumnKind::kNumeric) {
      text.Append(ExactNumberText(column.numeric()[row]));
    } else {
      text.Append(column.ValueToString(row));
    }
  }
  return text;
}

// The kinds judged by value shape alone, for a column whose name announced them.
bool ShapeMatches(PiiKind kind, std::string_view value) {
  switch (kind) {
    case PiiKind::kDateOfBirth:
      return DateValid(value);
    case PiiKind::kPersonName:
      return PersonNameShape(value);
    case PiiKind::kPostalAddress:
      return PostalAddressShape(value);
    default:
      return false;
  }
}

// One segment of a column: its non-missing values joined by '\n'.
struct Segment {
  std::string buffer;
  std::vector<uint32_t> starts;  // offset of each value in buffer
  std::vector<uint32_t> flags;   // per value, see WholeBit
};

}  // namespace

ColumnTally NewColumnTally(std::string name) {
  ColumnTally tally;
  tally.name_evidence = ColumnNameEvidence(name);
  tally.name = std::move(name);
  return tally;
}

void MergeTallies(std::vector<ColumnTally>& totals, const std::vector<ColumnTally>& batch) {
  if (totals.empty()) {
    totals = batch;
    return;
  }
  for (size_t i = 0; i < totals.size() && i < batch.size(); ++i)
    totals[i].Merge(batch[i]);
}

Result<std::unique_ptr<PiiScanner>> PiiScanner::Create() {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<PatternSet> patterns, PatternSet::Compile());
  return std::unique_ptr<PiiScanner>(new PiiScanner(std::move(patterns)));
}

Result<ScratchPtr> PiiScanner::BorrowScratch() const {
  {
    std::lock_guard lock(scratch_mutex_);
    if (!idle_scratch_.empty()) {
      ScratchPtr scratch = std::move(idle_scratch_.back());
      idle_scratch_.pop_back();
      return scratch;
    }
  }
  return patterns_->NewScratch();
}

void PiiScanner::ReturnScratch(ScratchPtr scratch) const {
  std::lock_guard lock(scratch_mutex_);
  idle_scratch_.push_back(std::move(scratch));
}

Result<std::vector<ColumnTally>> PiiScanner::ScanTable(const Table& table,
                                                       std::span<const size_t> columns) const {
  std::vector<ColumnTally> tallies;
  tallies.reserve(columns.size());
  for (size_t index : columns) {
    ColumnTally tally = NewColumnTally(table.name(index));
    STEWARD_RETURN_IF_ERROR(ScanColumn(table.column(index), tally));
    tallies.push_back(std::move(tally));
  }
  return tallies;
}

Status PiiScanner::ScanColumn(const Column& column, ColumnTally& tally) const {
  if (column.kind() == ColumnKind::kText)
    return ScanText(column.text(), tally);
  if (column.kind() == ColumnKind::kBoolean)
    return Status::Ok();  // true/false holds nothing personal
  return ScanText(AsText(column), tally);
}

Status PiiScanner::ScanText(const TextValues& values, ColumnTally& tally) const {
  STEWARD_ASSIGN_OR_RETURN(ScratchPtr scratch, BorrowScratch());
  Segment segment;
  std::vector<PatternMatch> matches;
  Status status = Status::Ok();

  auto finish_segment = [&]() -> Status {
    if (segment.starts.empty())
      return Status::Ok();
    matches.clear();
    STEWARD_RETURN_IF_ERROR(patterns_->Scan(segment.buffer, scratch.get(), matches));
    segment.flags.assign(segment.starts.size(), 0);
    for (const PatternMatch& match : matches) {
      // The value holding the match: the last start at or before it.
      const auto next = std::upper_bound(segment.starts.begin(), segment.starts.end(), match.begin);
      const size_t value_index = static_cast<size_t>(next - segment.starts.begin()) - 1;
      const size_t value_begin = segment.starts[value_index];
      const size_t value_end = next == segment.starts.end() ? segment.buffer.size() - 1 : *next - 1;
      if (match.end > value_end)
        continue;  // cannot happen (no pattern matches '\n'), kept as a guard
      const std::string_view value(segment.buffer.data() + value_begin, value_end - value_begin);
      const Span candidate{match.begin - value_begin, match.end - value_begin};
      const Span whole = Trimmed(value);
      const auto kind = static_cast<size_t>(match.kind);
      const std::optional<Span> accepted = CheckCandidate(match.kind, value, candidate);
      uint32_t& flags = segment.flags[value_index];
      if (!accepted) {
        if (candidate.begin == whole.begin && candidate.end == whole.end)
          flags |= ShapeOnlyBit(kind);
        continue;
      }
      const bool is_whole = accepted->begin == whole.begin && accepted->end == whole.end;
      const uint32_t bit = is_whole ? WholeBit(kind) : ContainedBit(kind);
      if ((flags & bit) != 0)
        continue;
      flags |= bit;
      DetectorTally& detector = tally.kinds[kind];
      std::vector<std::string>& examples =
          is_whole ? detector.whole_examples : detector.embedded_examples;
      if (examples.size() < kExamplesPerFinding) {
        AddExample(examples, MaskValue(match.kind, value.substr(accepted->begin,
                                                                accepted->end - accepted->begin)));
      }
    }
    for (uint32_t flags : segment.flags) {
      for (size_t kind = 0; kind < kPiiKindCount; ++kind) {
        if ((flags & WholeBit(kind)) != 0) {
          ++tally.kinds[kind].whole;
        } else if ((flags & ContainedBit(kind)) != 0) {
          ++tally.kinds[kind].embedded;
        } else if ((flags & ShapeOnlyBit(kind)) != 0) {
          ++tally.kinds[kind].shape_only;
        }
      }
    }
    segment.buffer.clear();
    segment.starts.clear();
    return Status::Ok();
  };

  std::vector<PiiKind> shape_kinds;
  for (PiiKind kind : kAllPiiKinds) {
    if (NeedsColumnNameEvidence(kind) && tally.name_evidence.test(static_cast<size_t>(kind)))
      shape_kinds.push_back(kind);
  }
  for (size_t row = 0; row < values.size(); ++row) {
    if (values.missing[row] != 0)
      continue;
    const std::string_view value = values.at(row);
    ++tally.values;
    tally.spaces += static_cast<uint64_t>(std::count(value.begin(), value.end(), ' '));
    const Span whole = Trimmed(value);
    const std::string_view trimmed = value.substr(whole.begin, whole.end - whole.begin);
    for (PiiKind kind : shape_kinds) {
      if (!ShapeMatches(kind, trimmed))
        continue;
      DetectorTally& detector = tally.of(kind);
      ++detector.whole;
      if (detector.whole_examples.size() < kExamplesPerFinding)
        AddExample(detector.whole_examples, MaskValue(kind, trimmed));
    }
    if (value.size() >= std::numeric_limits<uint32_t>::max() / 2)
      return Status::InvalidArgument("column '" + tally.name + "': a value of " +
                                     std::to_string(value.size()) + " bytes is too long to scan");
    if (value.size() >= kSegmentBytes) {
      // One enormous value: scan it alone rather than grow the segment without bound.
      STEWARD_RETURN_IF_ERROR(finish_segment());
    }
    segment.starts.push_back(static_cast<uint32_t>(segment.buffer.size()));
    segment.buffer.append(value);
    segment.buffer.push_back('\n');
    if (segment.buffer.size() >= kSegmentBytes)
      STEWARD_RETURN_IF_ERROR(finish_segment());
  }
  status = finish_segment();
  ReturnScratch(std::move(scratch));
  return status;
}

}  // namespace steward::privacy
