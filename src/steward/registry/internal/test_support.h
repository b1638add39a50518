#pragma once
// Test support only: included by *_test.cc files, never by the library.

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "steward/model/model_bundle.h"
#include "steward/registry/registry.h"
#include "steward/testing/temp_dir.h"

namespace steward::registry::testing {

// The parts of a small bundle: only card.json and metrics.json are read by the registry, the
// others need only be present and listed in the manifest.
inline model::BundleParts SyntheticParts(double auc, const std::string& model_bytes = "{}") {
  model::BundleParts parts;
  parts["model.json"] = model_bytes;
  parts["schema.json"] = R"({"format":"steward.model_schema/1","task":"binary"})";
  parts["explain.json"] = R"({"format":"steward.explain/1"})";
  parts["card.json"] = nlohmann::json{
      {"format", "steward.card/1"},
      {"model", {{"task", "binary"}, {"target", "Status"}, {"seed", 7}}},
      {"data", {{"source", "credit.csv"}, {"sha256", std::string(64, 'a')}, {"rows", 100}}},
      {"versions",
       {{"steward",
         "0.1.0"}}}}.dump();
  parts["metrics.json"] = nlohmann::json{{"format", "steward.metrics/1"},
                                         {"evaluated_on", "validation"},
                                         {"booster", {{"auc", auc}, {"logloss", 0.4}}}}
                              .dump();
  return parts;
}

// Writes a bundle directory `name` under `dir`; returns its path.
inline std::string WriteSyntheticBundle(const steward::testing::TempDir& dir,
                                        const std::string& name, double auc,
                                        const std::string& model_bytes = "{}") {
  const std::string path = dir.Path(name);
  EXPECT_TRUE(model::WriteBundle(path, SyntheticParts(auc, model_bytes)).ok());
  return path;
}

inline std::unique_ptr<Registry> MakeRegistry(const std::string& location,
                                              const std::string& actor = "tester") {
  Result<std::unique_ptr<Registry>> registry = Registry::Init(location, {actor, {}, ""});
  EXPECT_TRUE(registry.ok()) << registry.status().message();
  return registry.ok() ? std::move(registry).value() : nullptr;
}

inline PromoteRequest Promotion(const std::string& model, int64_t version, const std::string& alias,
                                const std::string& reason = "") {
  PromoteRequest request;
  request.model = model;
  request.version = version;
  request.alias = alias;
  request.reason = reason;
  return request;
}

// Runs SQL on the registry's database behind its back, as an attacker with file access would.
inline void Tamper(const std::string& location, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open((location + "/registry.db").c_str(), &handle), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(handle);
}

// True if some problem of `report` contains `text`.
inline bool HasProblem(const VerifyReport& report, const std::string& text) {
  for (const std::string& problem : report.problems) {
    if (problem.find(text) != std::string::npos)
      return true;
  }
  return false;
}

inline std::string ProblemList(const VerifyReport& report) {
  std::string list;
  for (const std::string& problem : report.problems)
    list += problem + "\n";
  return list;
}

}  // namespace steward::registry::testing
