#pragma once

#include <string_view>

namespace steward::privacy {

// Validators for identifiers that carry a check digit or follow issuing rules. Each takes the
// text as written (separators allowed where the identifier's print form has them) and returns
// whether it is a valid identifier. Pure functions; safe from any thread.

// Luhn (ISO/IEC 7812-1) over the digits of `text`; spaces and '-' are skipped, anything else
// fails. Needs at least two digits.
bool LuhnValid(std::string_view text);

// A payment card number: 13-19 digits, one kind of separator at most, an issuer prefix of a
// card network (Visa, Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro)
// with that network's length, and Luhn.
bool PaymentCardValid(std::string_view text);

// An IBAN (ISO 13616): a known country code, that country's length, and mod-97 == 1. Spaces
// between characters are allowed (print form), nothing else.
bool IbanValid(std::string_view text);

// A US Social Security number written AAA-GG-SSSS: area not 000, 666 or 900-999, group not 00,
// serial not 0000 (SSA rules since 2011 randomisation), and not one of the numbers the SSA
// voided after they were published in advertising (078-05-1120, 219-09-9999).
bool UsSsnValid(std::string_view text);

// Dotted-quad IPv4: four decimal octets 0-255 without leading zeros.
bool Ipv4Valid(std::string_view text);

// IPv6 text form (RFC 4291 section 2.2, as inet_pton reads it) with at least three groups, so
// that times like "12:30" are not taken for addresses.
bool Ipv6Valid(std::string_view text);

// A phone number: international ("+" country code, 8-15 digits, E.164), North American
// ("(415) 555-2671", "415-555-2671": 10 digits, area and exchange not starting 0 or 1) or a
// national number with trunk prefix 0 ("020 7946 0958", "01 23 45 67 89": 10-11 digits).
// Separators are required in national forms, so bare digit runs (IDs, amounts) never pass.
bool PhoneValid(std::string_view text);

// A calendar date in ISO (1984-07-21), European (21.07.1984, 21/07/1984) or US (07/21/1984)
// order, with a year from 1900 to 2100.
bool DateValid(std::string_view text);

}  // namespace steward::privacy
