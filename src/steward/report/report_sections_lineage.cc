// Lineage and audit trail: where the model came from and every governed change to it.
#include "steward/report/number_format.h"
#include "steward/report/report_builder.h"

namespace steward::report {

bool BuildLineage(const Evidence& evidence, Section& section) {
  using nlohmann::json;
  const json& found = evidence.registry;
  if (!found.is_object())
    return false;
  if (found.contains("note")) {
    section.paragraphs.push_back("Registry " + Text(found, "location") + ": " +
                                 Text(found, "note") + ".");
    return true;
  }
  const std::string name = Text(found, "model") + "@" + FormatNumber(Number(found, "version"));
  section.paragraphs.push_back("The bundle is " + name + " in the registry " +
                               Text(found, "location") + ", registered by " +
                               Text(found, "created_by") + " at " + Text(found, "created_at") +
                               ". Every change below is in the hash-chained audit log.");
  section.figures.push_back({"lineage_version", "Registered version", name, name});
  std::string aliases;
  for (const json& alias : Array(found, "aliases"))
    aliases += (aliases.empty() ? "" : ", ") + alias.get<std::string>();
  section.figures.push_back(
      {"lineage_aliases", "Aliases", aliases, aliases.empty() ? "none" : aliases});
  const json& lineage = Member(found, "lineage");
  const json& data = Member(lineage, "data");
  Table facts{"lineage-facts", "Lineage", {"Fact", "Value"}, {}};
  facts.rows.push_back({"Project", Text(found, "project")});
  facts.rows.push_back({"Training data", Text(data, "source")});
  facts.rows.push_back({"Training data SHA-256", Text(data, "sha256")});
  facts.rows.push_back({"Training rows", Member(data, "rows")});
  facts.rows.push_back(
      {"Training profile SHA-256", Text(Member(lineage, "training"), "profile_sha256")});
  facts.rows.push_back({"Validation passed", Member(Member(lineage, "validation"), "passed")});
  facts.rows.push_back(
      {"Bundle manifest SHA-256", Text(Member(lineage, "bundle"), "manifest_sha256")});
  for (const json& approval : Array(found, "approvals")) {
    facts.rows.push_back({"Approved as " + Text(approval, "role"),
                          Text(approval, "actor") + " at " + Text(approval, "at")});
  }
  section.tables.push_back(std::move(facts));
  Table audit{"lineage-audit",
              "Audit trail",
              {"#", "When", "Who", "Action", "Subject", "Reason", "Entry hash"},
              {}};
  for (const json& entry : Array(found, "audit")) {
    audit.rows.push_back({Member(entry, "seq"), Text(entry, "at"), Text(entry, "actor"),
                          Text(entry, "action"), Text(entry, "subject"),
                          Text(Member(entry, "details"), "reason"),
                          Text(entry, "hash").substr(0, 16)});
  }
  section.tables.push_back(std::move(audit));
  return true;
}

}  // namespace steward::report
