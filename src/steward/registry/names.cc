#include "steward/registry/names.h"

#include <string>

#include "steward/io/value_parsing.h"

namespace steward::registry {
namespace {

constexpr size_t kMaxNameBytes = 128;
constexpr size_t kMaxFreeTextBytes = 1000;

bool IsAlphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

Status CheckName(std::string_view name, std::string_view what) {
  const std::string quoted = io::QuoteForMessage(name.substr(0, kMaxNameBytes));
  if (name.empty())
    return Status::InvalidArgument(std::string(what) + " is empty");
  if (name.size() > kMaxNameBytes) {
    return Status::InvalidArgument(std::string(what) + " " + quoted + "... is longer than " +
                                   std::to_string(kMaxNameBytes) + " bytes");
  }
  if (!IsAlphanumeric(name.front())) {
    return Status::InvalidArgument(std::string(what) + " " + quoted +
                                   " must start with a letter or digit");
  }
  for (char c : name) {
    if (!IsAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
      return Status::InvalidArgument(std::string(what) + " " + quoted +
                                     " may hold only letters, digits, '.', '_' and '-'");
    }
  }
  if (name.find("..") != std::string_view::npos)
    return Status::InvalidArgument(std::string(what) + " " + quoted + " must not contain '..'");
  return Status::Ok();
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64)
    return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

Status CheckFreeText(std::string_view text, std::string_view what) {
  if (text.size() > kMaxFreeTextBytes) {
    return Status::InvalidArgument(std::string(what) + " is longer than " +
                                   std::to_string(kMaxFreeTextBytes) + " bytes");
  }
  if (!io::IsValidUtf8(text))
    return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      return Status::InvalidArgument(std::string(what) + " contains a control character");
  }
  return Status::Ok();
}

}  // namespace steward::registry
