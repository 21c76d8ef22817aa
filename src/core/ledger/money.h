#pragma once

#include <QLocale>
#include <QString>

#include <optional>

namespace coderai::money {

/// Money is counted in micro-units: 1 unit of the seller's currency is 1,000,000 micros. Integer
/// arithmetic throughout, so sums over millions of requests never drift the way doubles do.
using Micros = qint64;

inline constexpr Micros kMicrosPerUnit = 1'000'000;
/// The largest price the seller may type: a billion units. Far beyond any real price, and small
/// enough that price × any 64-bit count stays inside 128-bit arithmetic.
inline constexpr Micros kMaxPriceMicros = 1'000'000'000LL * kMicrosPerUnit;
inline constexpr int kMaxDecimals = 6;

/// Why a typed amount was refused; the settings dialog words each one for its field.
enum class ParseError { None, Empty, NotANumber, Negative, TooManyDecimals, TooLarge };

/// \brief Reads a decimal amount exactly ("0.20", "1,5" in Italian, "12") into micros.
///
/// The locale's decimal separator and a point are both taken as the decimal mark (a price typed
/// or pasted the English way still reads right); group separators are refused, because "1.500"
/// means 1500 to an Italian and 1.5 to everyone else. Surrounding blanks are ignored. No
/// floating point is involved: digits are accumulated as integers.
std::optional<Micros> parse(const QString &text, const QLocale &locale, ParseError *error = nullptr);

/// The amount as plain text for files: C locale, no grouping, no trailing zeros ("0.2", "12").
QString toPlainText(Micros micros);

/// The amount as the seller reads it: the locale's separators, at least \a minDecimals and at
/// most 6 decimals (trailing zeros beyond the minimum dropped), and the currency label after
/// it when there is one ("1,50 EUR", "0.000125 USD").
QString format(Micros micros, const QString &currency, const QLocale &locale, int minDecimals = 2);

/// An exact decimal string of value / 10^scale ("0.0000002" for 200000 at scale 12), trailing
/// zeros dropped. For the per-token prices of models.list, which AISBF reads as strings.
QString scaledDecimal(qint64 value, int scale);

/// requests × perThousandRequests / 1000 + tokens × perMillionTokens / 1,000,000, in micros.
/// Computed exactly in 128 bits and rounded once, half up, at the end; saturates at the
/// largest qint64 instead of wrapping. Negative inputs count as zero.
Micros earnings(qint64 requests, qint64 tokens, Micros perThousandRequests, Micros perMillionTokens);

} // namespace coderai::money
