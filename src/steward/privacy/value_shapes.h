#pragma once

#include <string_view>

namespace steward::privacy {

// Value shapes for the kinds that need column-name evidence (see NeedsColumnNameEvidence):
// the shape alone would match ordinary words, so these only confirm what a name announced.

// One to six words of letters (any UTF-8 letter byte), with the punctuation names carry
// ("O'Brien", "Abbing, Mr. Anthony", "Jean-Luc"), at least one word capitalised, no digits.
bool PersonNameShape(std::string_view text);

// A street address: a house number and at least two words of letters ("221B Baker Street",
// "Hauptstr. 5, 10115 Berlin").
bool PostalAddressShape(std::string_view text);

}  // namespace steward::privacy
