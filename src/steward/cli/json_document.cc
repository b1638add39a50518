#include "steward/cli/json_document.h"

#include "steward/io/atomic_file.h"

namespace steward::cli {

std::string JsonText(const nlohmann::json& document) {
  return document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::string> SaveJsonDocument(const nlohmann::json& document, const std::string& path) {
  std::string text = JsonText(document);
  if (!path.empty())
    STEWARD_RETURN_IF_ERROR(io::WriteFileAtomically(path, text));
  return text;
}

}  // namespace steward::cli
