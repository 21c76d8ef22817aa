#include "ledger/money.h"

#include <algorithm>
#include <limits>

namespace coderai::money {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMaxUnits = kMaxPriceMicros / kMicrosPerUnit;

std::optional<Micros> refuse(ParseError reason, ParseError *error)
{
    if (error)
        *error = reason;
    return std::nullopt;
}

bool isMinus(QChar ch, const QLocale &locale)
{
    // U+2212 is what some keyboards and most word processors put for a minus.
    return ch == u'-' || ch == QChar(0x2212) || QString(ch) == locale.negativeSign();
}

// Integer digits and the fraction's digits, trailing zeros in the fraction removed; the decimal
// mark is the locale's or a point.
struct Digits
{
    QString whole;
    QString fraction;
};

std::optional<Digits> split(const QString &text, const QLocale &locale)
{
    const QString mark = locale.decimalPoint();
    Digits digits;
    bool inFraction = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isDigit()) {
            (inFraction ? digits.fraction : digits.whole).append(QChar(u'0' + ch.digitValue()));
        } else if (!inFraction && (ch == u'.' || text.mid(i, mark.size()) == mark)) {
            inFraction = true;
            if (ch != u'.')
                i += mark.size() - 1;
        } else {
            return std::nullopt;
        }
    }
    if (digits.whole.isEmpty() && digits.fraction.isEmpty())
        return std::nullopt;
    while (digits.fraction.endsWith(u'0'))
        digits.fraction.chop(1);
    return digits;
}

} // namespace

std::optional<Micros> parse(const QString &text, const QLocale &locale, ParseError *error)
{
    if (error)
        *error = ParseError::None;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return refuse(ParseError::Empty, error);
    if (isMinus(trimmed.front(), locale))
        return refuse(split(trimmed.mid(1), locale) ? ParseError::Negative : ParseError::NotANumber, error);
    const std::optional<Digits> digits = split(trimmed, locale);
    if (!digits)
        return refuse(ParseError::NotANumber, error);
    if (digits->fraction.size() > kMaxDecimals)
        return refuse(ParseError::TooManyDecimals, error);

    qint64 units = 0;
    for (QChar ch : digits->whole) {
        units = units * 10 + ch.digitValue();
        if (units > kMaxUnits) // checked per digit, so the accumulator itself never overflows
            return refuse(ParseError::TooLarge, error);
    }
    qint64 fraction = 0;
    for (int i = 0; i < kMaxDecimals; ++i)
        fraction = fraction * 10 + (i < digits->fraction.size() ? digits->fraction.at(i).digitValue() : 0);
    const Micros micros = units * kMicrosPerUnit + fraction;
    if (micros > kMaxPriceMicros)
        return refuse(ParseError::TooLarge, error);
    return micros;
}

QString scaledDecimal(qint64 value, int scale)
{
    Q_ASSERT(scale >= 0);
    // Unsigned, so the magnitude of the smallest qint64 is representable.
    const bool negative = value < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(value) : quint64(value);
    QString digits = QString::number(magnitude);
    if (digits.size() <= scale)
        digits.prepend(QString(scale - digits.size() + 1, u'0'));
    QString whole = digits.left(digits.size() - scale);
    QString fraction = digits.right(scale);
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    QString result = negative ? u"-"_s : QString();
    result += whole;
    if (!fraction.isEmpty())
        result += u'.' + fraction;
    return result;
}

QString toPlainText(Micros micros)
{
    return scaledDecimal(micros, kMaxDecimals);
}

QString format(Micros micros, const QString &currency, const QLocale &locale, int minDecimals)
{
    const bool negative = micros < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(micros) : quint64(micros);
    const quint64 units = magnitude / quint64(kMicrosPerUnit);
    QString fraction = QString::number(magnitude % quint64(kMicrosPerUnit)).rightJustified(kMaxDecimals, u'0');
    const int keep = std::clamp(minDecimals, 0, kMaxDecimals);
    while (fraction.size() > keep && fraction.endsWith(u'0'))
        fraction.chop(1);
    QString text = locale.toString(units); // grouped the locale's way: "1,234" or "1.234"
    if (!fraction.isEmpty())
        text += locale.decimalPoint() + fraction;
    if (negative)
        text.prepend(locale.negativeSign());
    const QString label = currency.trimmed();
    return label.isEmpty() ? text : text + u' ' + label;
}

Micros earnings(qint64 requests, qint64 tokens, Micros perThousandRequests, Micros perMillionTokens)
{
    // GCC and Clang have a 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
    __extension__ typedef __int128 Wide;
    const auto positive = [](qint64 value) { return Wide(value > 0 ? value : 0); };
    // A price past the largest typeable one is clamped, which keeps the products below within
    // 128 bits for any 64-bit counts.
    const auto price = [&positive](Micros value) { return positive(std::min(value, kMaxPriceMicros)); };
    // Both terms over one denominator of 1,000,000 so that a single rounding happens:
    // requests × price / 1000 = requests × price × 1000 / 1,000,000.
    const Wide numerator = positive(requests) * price(perThousandRequests) * 1000 + positive(tokens) * price(perMillionTokens);
    const Wide denominator = 1'000'000;
    const Wide rounded = (numerator + denominator / 2) / denominator; // half up; never negative
    if (rounded > Wide(std::numeric_limits<qint64>::max()))
        return std::numeric_limits<qint64>::max();
    return Micros(rounded);
}

} // namespace coderai::money
