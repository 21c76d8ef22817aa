#include "work/proxyquery.h"

#include <QJsonArray>
#include <QLocale>
#include <QUrl>

#include <cmath>
#include <cstring>
#include <optional>

using namespace Qt::StringLiterals;

namespace coderai::proxy {
namespace {

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986 query characters minus pct-encoded: unreserved, sub-delims, ':', '@', '/' and '?'.
// '&', '=' and '+' are among them and stay as the buyer meant them.
bool isQueryChar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("-._~!$&'()*+,;=:@/?", c) != nullptr;
}

// A query_params value as text; null, objects and nested arrays carry no query value.
std::optional<QString> paramText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble()) {
        const double number = value.toDouble();
        // Whole numbers as integers ("512", not "512.0" or "5.12e+02"), others as short as exact.
        if (std::trunc(number) == number && std::abs(number) < 9.0e18)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    return std::nullopt;
}

QString encodedComponent(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

QString encodedQuery(QStringView rawQuery, QString *error)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray bytes = rawQuery.toUtf8();
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = uchar(bytes[i]);
        if (c == '%') {
            // A malformed escape is refused as in the path: servers repair it in different ways.
            if (i + 2 >= bytes.size() || !isHexDigit(bytes[i + 1]) || !isHexDigit(bytes[i + 2])) {
                *error = u"endpoint_path holds a malformed percent-escape in its query"_s;
                return {};
            }
            out.append(bytes.sliced(i, 3));
            i += 2;
        } else if (isQueryChar(c)) {
            out.append(char(c));
        } else {
            out.append('%');
            out.append(kHex[c >> 4]);
            out.append(kHex[c & 0xf]);
        }
    }
    return QString::fromLatin1(out);
}

QUrlQuery localQuery(const QString &pathQuery, const QJsonObject &queryParams)
{
    QUrlQuery query;
    for (const QStringView item : QStringView(pathQuery).split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(u'=');
        const QString key = (equals < 0 ? item : item.first(equals)).toString();
        if (queryParams.contains(QUrl::fromPercentEncoding(key.toLatin1())))
            continue;
        // No '=' stays no '=' ("?flag"); QUrlQuery writes a null value without one.
        query.addQueryItem(key, equals < 0 ? QString() : item.sliced(equals + 1).toString());
    }
    for (auto it = queryParams.begin(); it != queryParams.end(); ++it) {
        const QJsonArray values = it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
        for (const QJsonValue &value : values) {
            if (const std::optional<QString> text = paramText(value))
                query.addQueryItem(encodedComponent(it.key()), encodedComponent(*text));
        }
    }
    return query;
}

} // namespace coderai::proxy
