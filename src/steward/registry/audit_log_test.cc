#include "steward/registry/audit_log.h"

#include <gtest/gtest.h>

#include "steward/model/sha256.h"

namespace steward::registry {
namespace {

TEST(CanonicalJson, SortsKeysWithoutSpacesAndEscapesNonAscii) {
  const nlohmann::json value = {
      {"zeta", 1}, {"alpha", {{"b", true}, {"a", nullptr}}}, {"name", "café"}};
  EXPECT_EQ(CanonicalJson(value), R"({"alpha":{"a":null,"b":true},"name":"caf\u00e9","zeta":1})");
}

TEST(CanonicalAuditEntry, HoldsEveryFieldButTheHash) {
  AuditEntry entry{7,          "2026-01-02T03:04:05.678Z", "alice",  "approve",
                   "credit@3", R"({"role":"risk"})",       "ignored"};
  EXPECT_EQ(CanonicalAuditEntry(entry),
            R"({"action":"approve","actor":"alice","at":"2026-01-02T03:04:05.678Z",)"
            R"("details":"{\"role\":\"risk\"}","seq":7,"subject":"credit@3"})");
}

TEST(ChainHash, IsSha256OfPreviousHexAndCanonicalEntry) {
  const std::string canonical = R"({"action":"init"})";
  EXPECT_EQ(ChainHash(kGenesisHash, canonical),
            model::Sha256Hex(std::string(kGenesisHash) + canonical));
  EXPECT_NE(ChainHash(kGenesisHash, canonical), ChainHash(std::string(64, '1'), canonical));
}

}  // namespace
}  // namespace steward::registry
