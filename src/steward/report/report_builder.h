#pragma once

#include "steward/report/evidence.h"
#include "steward/report/report_document.h"

namespace steward::report {

// The report of `evidence`: a plain-words summary with a traffic light per gate, then data
// quality (profile), model card (card.json), performance (metrics.json, and an evaluation
// document's curves, calibration and confusion matrix), explanations (explain.json and an
// explanation document), fairness (fairness.json) and drift (monitor.json); each section only
// when its evidence is there. Pure; never fails (evidence was checked when loaded).
Report BuildReport(const Evidence& evidence);

// Sections, one per builder (report_sections_*.cc); each returns false when it has no evidence.
bool BuildDataQuality(const Evidence& evidence, Section& section);
bool BuildModelCard(const Evidence& evidence, Section& section);
bool BuildPerformance(const Evidence& evidence, Section& section);
bool BuildExplanations(const Evidence& evidence, Section& section);
bool BuildFairness(const Evidence& evidence, Section& section);
bool BuildDrift(const Evidence& evidence, Section& section);
bool BuildLineage(const Evidence& evidence, Section& section);
// The summary reads the other sections' evidence and states every gate it can judge.
void BuildSummary(const Evidence& evidence, Section& section);

// Safe readers for evidence documents: NaN / "" when the member is absent or of another type.
double Number(const nlohmann::json& object, const char* key);
std::string Text(const nlohmann::json& object, const char* key);
// The member, or null when `object` is not an object or lacks it (nlohmann's value() throws
// on a null receiver; evidence may lack any optional part).
const nlohmann::json& Member(const nlohmann::json& object, const char* key);
// The member if it is an array, else an empty array.
const nlohmann::json& Array(const nlohmann::json& object, const char* key);
bool Flag(const nlohmann::json& object, const char* key, bool otherwise);

}  // namespace steward::report
