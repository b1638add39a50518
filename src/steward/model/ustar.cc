#include "steward/model/ustar.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <set>

#include "steward/io/value_parsing.h"

namespace steward::model {
namespace {

constexpr size_t kBlock = 512;
// Field offsets and sizes of a ustar header (POSIX.1-1988).
constexpr size_t kNameSize = 100;
constexpr size_t kModeOffset = 100;
constexpr size_t kUidOffset = 108;
constexpr size_t kGidOffset = 116;
constexpr size_t kSizeOffset = 124;
constexpr size_t kMtimeOffset = 136;
constexpr size_t kChecksumOffset = 148;
constexpr size_t kTypeOffset = 156;
constexpr size_t kMagicOffset = 257;
// Steward's entries are JSON documents, databases and model files; a larger one is damage.
constexpr uint64_t kMaxEntryBytes = uint64_t{1} << 32;

void PutOctal(char* field, size_t width, uint64_t value) {
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                static_cast<unsigned long long>(value));
}

unsigned Checksum(const char* header) {
  unsigned sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    const bool in_field = i >= kChecksumOffset && i < kChecksumOffset + 8;
    sum += in_field ? ' ' : static_cast<unsigned char>(header[i]);
  }
  return sum;
}

bool ParseOctal(std::string_view field, uint64_t& value) {
  value = 0;
  size_t at = 0;
  while (at < field.size() && field[at] == ' ')
    ++at;
  bool digits = false;
  for (; at < field.size() && field[at] >= '0' && field[at] <= '7'; ++at) {
    if (value > (UINT64_MAX >> 3))
      return false;
    value = value * 8 + static_cast<uint64_t>(field[at] - '0');
    digits = true;
  }
  for (; at < field.size(); ++at) {
    if (field[at] != ' ' && field[at] != '\0')
      return false;
  }
  return digits;
}

}  // namespace

void AppendUstarEntry(std::string& archive, std::string_view name, std::string_view bytes) {
  std::array<char, kBlock> header{};
  std::memcpy(header.data(), name.data(), std::min(name.size(), kNameSize - 1));
  PutOctal(header.data() + kModeOffset, 8, 0644);
  PutOctal(header.data() + kUidOffset, 8, 0);
  PutOctal(header.data() + kGidOffset, 8, 0);
  PutOctal(header.data() + kSizeOffset, 12, bytes.size());
  PutOctal(header.data() + kMtimeOffset, 12, 0);
  header[kTypeOffset] = '0';
  std::memcpy(header.data() + kMagicOffset,
              "ustar\0"
              "00",
              8);
  std::snprintf(header.data() + kChecksumOffset, 8, "%06o", Checksum(header.data()));
  header[kChecksumOffset + 7] = ' ';
  archive.append(header.data(), kBlock);
  archive.append(bytes);
  archive.append((kBlock - bytes.size() % kBlock) % kBlock, '\0');
}

void AppendUstarEnd(std::string& archive) {
  archive.append(2 * kBlock, '\0');
}

Result<std::vector<UstarEntry>> ParseUstar(
    std::string_view bytes, const std::string& where, std::string_view kind,
    const std::function<bool(std::string_view)>& accept_name) {
  auto damaged = [&](const std::string& what) {
    return Status::DataLoss(where + ": " + what + "; not a valid " + std::string(kind) +
                            ", refusing to load it");
  };
  std::vector<UstarEntry> entries;
  std::set<std::string, std::less<>> seen;
  size_t at = 0;
  while (true) {
    if (at + kBlock > bytes.size())
      return damaged("the archive ends inside a header (truncated)");
    const std::string_view header = bytes.substr(at, kBlock);
    if (header.find_first_not_of('\0') == std::string_view::npos)
      break;  // the end-of-archive marker
    std::string_view name = header.substr(0, kNameSize);
    name = name.substr(0, name.find('\0'));
    const std::string entry = "entry " + io::QuoteForMessage(name);
    uint64_t checksum = 0;
    if (!ParseOctal(header.substr(kChecksumOffset, 8), checksum) ||
        checksum != Checksum(header.data())) {
      return damaged(entry + " has a bad header checksum");
    }
    if (header.substr(kMagicOffset, 5) != "ustar")
      return damaged(entry + " is not a ustar header");
    if (header[kTypeOffset] != '0' && header[kTypeOffset] != '\0')
      return damaged(entry + " is not a regular file (links and directories are refused)");
    if (!accept_name(name))
      return damaged(entry + " is not a " + std::string(kind) + " entry");
    uint64_t size = 0;
    if (!ParseOctal(header.substr(kSizeOffset, 12), size) || size > kMaxEntryBytes)
      return damaged(entry + " has an invalid size");
    at += kBlock;
    if (size > bytes.size() - at)
      return damaged(entry + " is truncated");
    if (!seen.emplace(name).second)
      return damaged(entry + " appears twice");
    entries.push_back({std::string(name), std::string(bytes.substr(at, size))});
    at += (size + kBlock - 1) / kBlock * kBlock;
    if (at > bytes.size())
      return damaged(entry + " is truncated");
  }
  return entries;
}

}  // namespace steward::model
