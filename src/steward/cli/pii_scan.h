#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/io/data_source.h"
#include "steward/privacy/k_anonymity.h"
#include "steward/privacy/pii_report.h"

namespace steward::cli {

// Scans a data source for personal data, batch by batch on the reader's parse threads, with
// every column read as text (for a file; stdin and PostgreSQL keep their inferred kinds and
// are scanned in their text form). `columns` selects columns (empty: all); an unknown name is
// kInvalidArgument listing the columns there are.
Result<privacy::PiiScanReport> ScanSourceForPii(const std::string& uri, io::SourceOptions options,
                                                const std::vector<std::string>& columns,
                                                bool show_progress);

// Scans every column of an in-memory table (the text form of non-text columns).
Result<privacy::PiiScanReport> ScanTableForPii(const Table& table);

// The terminal views of scan-pii and k-anonymity (also shown by `steward demo`).
void PrintPiiReport(const privacy::PiiScanReport& report, std::ostream& out);
void PrintKAnonymity(const privacy::KAnonymityReport& report, const std::string& source,
                     std::ostream& out);

}  // namespace steward::cli
