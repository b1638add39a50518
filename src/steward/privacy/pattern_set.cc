#include "steward/privacy/pattern_set.h"

#include <string>

#include <hs.h>

namespace steward::privacy {
namespace {

struct PatternSpec {
  PiiKind kind;
  const char* expression;
};

// Shapes only: the validators decide. None of them can match '\n' (see PatternSet).
constexpr PatternSpec kPatterns[] = {
    {PiiKind::kEmail, R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24})"},
    // International (E.164 with print separators), North American, national with trunk 0.
    {PiiKind::kPhone, R"(\+[1-9][0-9 ().\-]{6,22}[0-9])"},
    {PiiKind::kPhone, R"(\(?[2-9][0-9]{2}\)?[ .\-]?[2-9][0-9]{2}[ .\-][0-9]{4})"},
    {PiiKind::kPhone, R"(0[1-9][0-9]{0,4}[ \-/]?[0-9]{2,4}(?:[ \-][0-9]{2,4}){0,3})"},
    {PiiKind::kPaymentCard, R"([0-9](?:[ \-]?[0-9]){12,18})"},
    {PiiKind::kIban, R"([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})"},
    {PiiKind::kUsSsn, R"([0-9]{3}-[0-9]{2}-[0-9]{4})"},
    {PiiKind::kIpv4, R"([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})"},
    {PiiKind::kIpv6, R"([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"},
};

struct ScanContext {
  const std::vector<PiiKind>* kinds;
  std::vector<PatternMatch>* matches;
};

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int /*flags*/,
            void* context) {
  auto* scan = static_cast<ScanContext*>(context);
  scan->matches->push_back(
      PatternMatch{(*scan->kinds)[id], static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

}  // namespace

void ScratchDeleter::operator()(hs_scratch* scratch) const {
  hs_free_scratch(scratch);
}

Result<std::unique_ptr<PatternSet>> PatternSet::Compile() {
  if (hs_valid_platform() != HS_SUCCESS)
    return Status::Internal("scan-pii needs a CPU with SSSE3 (Hyperscan)");
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  std::vector<PiiKind> kinds;
  for (const PatternSpec& spec : kPatterns) {
    ids.push_back(static_cast<unsigned int>(expressions.size()));
    expressions.push_back(spec.expression);
    // Leftmost start of match: the validators need the matched text, not just where it ends.
    flags.push_back(HS_FLAG_SOM_LEFTMOST);
    kinds.push_back(spec.kind);
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &database, &error) != HS_SUCCESS) {
    std::string message = "Hyperscan rejected PII pattern ";
    if (error != nullptr && error->expression >= 0)
      message += std::to_string(error->expression) + " (" +
                 expressions[static_cast<size_t>(error->expression)] + ")";
    message += ": ";
    message += error != nullptr && error->message != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    return Status::Internal(message);
  }
  return std::unique_ptr<PatternSet>(new PatternSet(database, std::move(kinds)));
}

PatternSet::~PatternSet() {
  hs_free_database(database_);
}

Result<ScratchPtr> PatternSet::NewScratch() const {
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(database_, &scratch) != HS_SUCCESS)
    return Status::ResourceExhausted("cannot allocate Hyperscan scratch space");
  return ScratchPtr(scratch);
}

Status PatternSet::Scan(std::string_view buffer, hs_scratch* scratch,
                        std::vector<PatternMatch>& matches) const {
  ScanContext context{&kinds_, &matches};
  const hs_error_t rc = hs_scan(database_, buffer.data(), static_cast<unsigned int>(buffer.size()),
                                0, scratch, OnMatch, &context);
  if (rc != HS_SUCCESS)
    return Status::Internal("Hyperscan scan failed with code " + std::to_string(rc));
  return Status::Ok();
}

}  // namespace steward::privacy
