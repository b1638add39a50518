// API keys for the prediction server: random 256-bit secrets, stored only as salted SHA-256.
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "steward/model/sha256.h"
#include "steward/registry/internal/credentials.h"
#include "steward/registry/names.h"
#include "steward/registry/registry.h"

namespace steward::registry {
namespace {

using nlohmann::json;

constexpr std::string_view kKeyPrefix = "stw_";
constexpr size_t kSecretBytes = 32;
constexpr size_t kSaltBytes = 16;
// The key's first 8 bytes name its row, so a lookup needs no scan; the other 24 bytes
// (192 bits) stay secret.
constexpr size_t kIdHexDigits = 16;

Result<std::string> RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    return Status::Unavailable("the system's random number generator failed");
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

std::string SaltedHash(std::string_view salt, std::string_view secret) {
  return model::Sha256Hex(std::string(salt) + std::string(secret));
}

bool IsHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

}  // namespace

std::string_view ScopeName(KeyScope scope) {
  return scope == KeyScope::kAdmin ? "admin" : "predict";
}

Result<KeyScope> ParseScope(std::string_view text) {
  if (text == "admin")
    return KeyScope::kAdmin;
  if (text == "predict")
    return KeyScope::kPredict;
  return Status::InvalidArgument("unknown key scope '" + std::string(text.substr(0, 40)) +
                                 "' (scopes: predict, admin)");
}

namespace internal {

std::string CredentialDigest(std::string_view salt, std::string_view hash) {
  return model::Sha256Hex(std::string(salt) + ":" + std::string(hash));
}

}  // namespace internal

Result<CreatedKey> Registry::CreateKey(KeyScope scope, const std::string& label) {
  if (!label.empty())
    STEWARD_RETURN_IF_ERROR(CheckName(label, "key label"));
  STEWARD_ASSIGN_OR_RETURN(std::string random, RandomHex(kSecretBytes));
  STEWARD_ASSIGN_OR_RETURN(std::string salt, RandomHex(kSaltBytes));
  CreatedKey key;
  key.secret = std::string(kKeyPrefix) + random;
  key.id = random.substr(0, kIdHexDigits);
  key.scope = scope;
  const std::string hash = SaltedHash(salt, key.secret);
  const Status transaction = InWriteTransaction([&]() -> Status {
    const std::string at = Now();
    STEWARD_RETURN_IF_ERROR(database_->Execute(
        "INSERT INTO api_keys(id, scope, label, salt, hash, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {key.id, std::string(ScopeName(scope)), label, salt, hash, at, context_.actor}));
    const json details = {{"key_id", key.id},
                          {"scope", ScopeName(scope)},
                          {"label", label},
                          {"credential_sha256", internal::CredentialDigest(salt, hash)}};
    return AppendAuditEntry(*database_, at, context_.actor, "key_create", "key " + key.id, details)
        .status();
  });
  STEWARD_RETURN_IF_ERROR(transaction);
  return key;
}

Result<std::vector<KeyRecord>> Registry::ListKeys() {
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT id, scope, label, created_at, created_by, revoked_at "
                       "FROM api_keys ORDER BY created_at, id"));
  std::vector<KeyRecord> keys;
  for (const SqlRow& row : rows) {
    KeyRecord key;
    key.id = AsText(row[0]);
    key.scope = AsText(row[1]) == "admin" ? KeyScope::kAdmin : KeyScope::kPredict;
    key.label = AsText(row[2]);
    key.created_at = AsText(row[3]);
    key.created_by = AsText(row[4]);
    key.revoked_at = AsText(row[5]);
    keys.push_back(std::move(key));
  }
  return keys;
}

Status Registry::RevokeKey(const std::string& id) {
  if (id.size() != kIdHexDigits || !IsHex(id))
    return Status::InvalidArgument("not a key id: '" + id.substr(0, 40) + "' (see 'keys list')");
  return InWriteTransaction([&]() -> Status {
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        database_->Query("SELECT revoked_at FROM api_keys WHERE id = ?", {id}));
    if (rows.empty())
      return Status::NotFound("no API key with id " + id);
    if (!IsNull(rows[0][0]))
      return Status::FailedPrecondition("API key " + id + " was already revoked");
    const std::string at = Now();
    STEWARD_RETURN_IF_ERROR(
        database_->Execute("UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ?",
                           {at, context_.actor, id}));
    return AppendAuditEntry(*database_, at, context_.actor, "key_revoke", "key " + id,
                            {{"key_id", id}})
        .status();
  });
}

Result<KeyScope> Registry::VerifyApiKey(std::string_view key) {
  const size_t expected = kKeyPrefix.size() + 2 * kSecretBytes;
  if (key.size() != expected || !key.starts_with(kKeyPrefix) || !IsHex(key.substr(4)))
    return Status::PermissionDenied("not a Steward API key (stw_ and 64 hex digits)");
  const std::string id(key.substr(kKeyPrefix.size(), kIdHexDigits));
  STEWARD_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      database_->Query("SELECT scope, salt, hash, revoked_at FROM api_keys WHERE id = ?", {id}));
  if (rows.empty())
    return Status::PermissionDenied("unknown API key");
  const std::string stored = AsText(rows[0][2]);
  const std::string computed = SaltedHash(AsText(rows[0][1]), key);
  if (stored.size() != computed.size() ||
      CRYPTO_memcmp(stored.data(), computed.data(), stored.size()) != 0) {
    return Status::PermissionDenied("unknown API key");
  }
  if (!IsNull(rows[0][3]))
    return Status::PermissionDenied("API key " + id + " was revoked");
  return ParseScope(AsText(rows[0][0]));
}

}  // namespace steward::registry
