#include "steward/privacy/column_evidence.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace steward::privacy {
namespace {

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  char previous = 0;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool alnum = std::isalnum(byte) != 0;
    const bool case_change =
        std::isupper(byte) && std::islower(static_cast<unsigned char>(previous));
    if ((!alnum || case_change) && !word.empty()) {
      words.push_back(word);
      word.clear();
    }
    if (alnum)
      word.push_back(static_cast<char>(std::tolower(byte)));
    previous = c;
  }
  if (!word.empty())
    words.push_back(word);
  return words;
}

bool HasAny(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return std::find(wanted.begin(), wanted.end(), word) != wanted.end();
  });
}

bool Contains(const std::string& joined, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](std::string_view part) { return joined.find(part) != std::string::npos; });
}

}  // namespace

std::bitset<kPiiKindCount> ColumnNameEvidence(std::string_view column_name) {
  const std::vector<std::string> words = NameWords(column_name);
  std::string joined;
  for (const std::string& word : words)
    joined += word;
  std::bitset<kPiiKindCount> evidence;
  auto set = [&evidence](PiiKind kind) { evidence.set(static_cast<size_t>(kind)); };

  if (Contains(joined, {"email"}) || HasAny(words, {"mail"}))
    set(PiiKind::kEmail);
  if (Contains(joined, {"phone"}) || HasAny(words, {"tel", "mobile", "cell", "fax", "msisdn"}))
    set(PiiKind::kPhone);
  if (Contains(joined, {"cardnumber", "creditcard", "debitcard", "ccnumber", "cardno"}) ||
      HasAny(words, {"pan", "cc"}))
    set(PiiKind::kPaymentCard);
  if (Contains(joined, {"iban"}))
    set(PiiKind::kIban);
  if (Contains(joined, {"socialsecurity"}) || HasAny(words, {"ssn"}))
    set(PiiKind::kUsSsn);
  if (Contains(joined, {"ipaddr", "ipv4"}) || HasAny(words, {"ip"}))
    set(PiiKind::kIpv4);
  if (Contains(joined, {"ipaddr", "ipv6"}) || HasAny(words, {"ip"}))
    set(PiiKind::kIpv6);
  if (Contains(joined, {"dateofbirth", "birth"}) || HasAny(words, {"dob", "born"}))
    set(PiiKind::kDateOfBirth);
  // "name" alone or with a person word; not the name of a product, file, host or place.
  const bool person_name =
      Contains(joined, {"firstname", "lastname", "surname", "fullname", "givenname", "familyname",
                        "forename", "middlename", "maidenname"}) ||
      (HasAny(words, {"name"}) &&
       (words.size() == 1 || HasAny(words, {"customer", "client", "patient", "person", "employee",
                                            "contact", "holder", "member", "passenger", "owner",
                                            "applicant", "student", "user", "account"})));
  if (person_name)
    set(PiiKind::kPersonName);
  if ((Contains(joined, {"address", "street"}) || HasAny(words, {"addr"})) &&
      !Contains(joined, {"ipaddr", "emailaddr", "macaddr", "mailaddr", "webaddr"}))
    set(PiiKind::kPostalAddress);
  return evidence;
}

}  // namespace steward::privacy
