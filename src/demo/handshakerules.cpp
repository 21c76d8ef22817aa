#include "demo/handshakerules.h"

#include <QList>

namespace coderai::demo::handshake {

namespace {

constexpr QByteArrayView kHeadEnd { "\r\n\r\n" };

QByteArrayView targetPath(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.first(question);
}

QByteArrayView targetQuery(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArrayView {} : target.sliced(question + 1);
}

// Starlette hands header values to the application as latin-1 strings, so do the same.
QString headerValue(const QHash<QByteArray, QByteArray> &headers, const char *name)
{
    return QString::fromLatin1(headers.value(QByteArray(name)));
}

QString identityValue(QByteArrayView query, const QHash<QByteArray, QByteArray> &headers, QByteArrayView key,
                      const char *headerName)
{
    // The server does `query.get(key) or headers.get(name)`: an empty query value falls through.
    const QString fromQuery = queryValue(query, key);
    return fromQuery.isEmpty() ? headerValue(headers, headerName) : fromQuery;
}

} // namespace

std::optional<qsizetype> headLength(QByteArrayView buffered)
{
    const qsizetype end = buffered.indexOf(kHeadEnd);
    if (end < 0)
        return std::nullopt;
    return end + kHeadEnd.size();
}

std::optional<RequestHead> parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    if (lines.isEmpty())
        return std::nullopt;

    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return std::nullopt;

    RequestHead parsed;
    parsed.method = requestLine.at(0);
    parsed.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        const QByteArray name = line.first(colon).trimmed().toLower();
        // Repeated headers: the first one wins, as with Starlette's Headers.get().
        if (!parsed.headers.contains(name))
            parsed.headers.insert(name, line.sliced(colon + 1).trimmed());
    }
    return parsed;
}

QString formDecode(QByteArrayView encoded)
{
    QByteArray bytes = encoded.toByteArray();
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

QString queryValue(QByteArrayView query, QByteArrayView key)
{
    // parse_qs drops blank values and returns a list per key; the server takes element 0.
    const QList<QByteArray> pairs = query.toByteArray().split('&');
    for (const QByteArray &pair : pairs) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            continue;
        if (formDecode(pair.first(equals)) != formDecode(key))
            continue;
        const QString value = formDecode(QByteArrayView(pair).sliced(equals + 1));
        if (!value.isEmpty())
            return value;
    }
    return {};
}

BrokerPath parsePath(QByteArrayView target)
{
    BrokerPath result;
    const QByteArray path = targetPath(target).toByteArray();
    const QList<QByteArray> segments = path.split('/');
    // Segments end with either {"api","coderai","wss"} or {"api","u",<name>,"coderai","wss"};
    // anything before "api" is a reverse proxy's prefix.
    const qsizetype n = segments.size();
    if (n >= 4 && segments.at(n - 3) == "api" && segments.at(n - 2) == "coderai" && segments.at(n - 1) == "wss"
        && path.startsWith('/')) {
        result.valid = true;
        return result;
    }
    if (n >= 6 && segments.at(n - 5) == "api" && segments.at(n - 4) == "u" && segments.at(n - 2) == "coderai"
        && segments.at(n - 1) == "wss" && path.startsWith('/') && !segments.at(n - 3).isEmpty()) {
        result.valid = true;
        result.userScope = true;
        // A path segment is plain percent-encoding: '+' stays a '+'.
        result.pathUsername = QString::fromUtf8(QByteArray::fromPercentEncoding(segments.at(n - 3)));
    }
    return result;
}

HandshakeRecord describe(const QByteArray &target, const QHash<QByteArray, QByteArray> &headers)
{
    HandshakeRecord record;
    record.url = QUrl::fromEncoded(target);
    record.headers = headers;

    const QByteArrayView query = targetQuery(target);
    record.providerId = identityValue(query, headers, "provider_id", "x-coderai-provider-id");
    record.clientId = identityValue(query, headers, "client_id", "x-coderai-client-id");
    record.username = identityValue(query, headers, "username", "x-coderai-username");
    record.token = identityValue(query, headers, "registration_token", "x-coderai-registration-token");

    // Without an explicit username the path decides: the global route means "global", the user
    // route names its user. Sellers always send one; this only keeps odd clients predictable.
    if (record.username.isEmpty()) {
        const BrokerPath path = parsePath(target);
        if (path.valid)
            record.username = path.userScope ? path.pathUsername : QStringLiteral("global");
    }
    return record;
}

} // namespace coderai::demo::handshake
