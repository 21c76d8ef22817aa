// The proxy guard (src/core/work/proxyguard.h, proxyquery.h) with the semantic check of issue 10:
// for every endpoint_path that checkPath() accepts, what a local server could make of it —
// percent-decoded once to four times, with and without Unicode NFKC folding, dot segments
// removed — stays under an allowed prefix ("v1", "coderai") and holds no control character.
// The accepted path and the query built by localQuery() are then resolved the way LocalServer
// does, and the URL must still name the configured server under its base path.
//
// Input: the endpoint_path up to the first newline; after it, optional JSON for query_params,
// which also serves as the buyer's header object for proxy::requestHeaders() and, as name/value
// pairs, as a local response head for proxy::responseHeaders(). Headers that go out must be
// within the caps, free of hop-by-hop names, of the names the buyer's Connection lists, of
// credentials, and of any byte that could end a header line.
#include "fuzzsupport.h"

#include "local/localserver.h"
#include "work/proxyguard.h"
#include "work/proxyquery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <cctype>

using namespace coderai;

namespace {

const QUrl &baseUrl()
{
    static const QUrl url(QStringLiteral("http://127.0.0.1:8080/base"));
    return url;
}

/// One round of percent-decoding as RFC 3986 servers do it: "%" and two hex digits become that
/// byte, anything else stays as it is. (QByteArray::fromPercentEncoding() turns "%1o" into a byte
/// too, which no server would, and made the check fail on paths that are safe.)
QByteArray percentDecoded(QByteArrayView text)
{
    const auto isHex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && isHex(text[i + 1]) && isHex(text[i + 2])) {
            out += QByteArray::fromHex(text.sliced(i + 1, 2).toByteArray());
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool hasControl(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7f)
            return true;
    }
    return false;
}

/// RFC 3986 §5.2.4 on a relative path, as a segment stack; nullopt when ".." climbs above the
/// local server's base.
std::optional<QByteArray> removeDotSegments(QByteArrayView path)
{
    QList<QByteArrayView> kept;
    qsizetype from = 0;
    while (from <= path.size()) {
        qsizetype slash = path.indexOf('/', from);
        if (slash < 0)
            slash = path.size();
        const QByteArrayView segment = path.sliced(from, slash - from);
        from = slash + 1;
        if (segment == QByteArrayView("."))
            continue;
        if (segment == QByteArrayView("..")) {
            if (kept.isEmpty())
                return std::nullopt;
            kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray joined;
    for (qsizetype i = 0; i < kept.size(); ++i)
        joined += (i == 0 ? "" : "/") + kept.at(i).toByteArray();
    return joined;
}

bool underAllowedPrefix(QByteArrayView path)
{
    for (const QByteArrayView root : {QByteArrayView("v1"), QByteArrayView("coderai")}) {
        if (path == root || (path.startsWith(root) && path.size() > root.size() && path.at(root.size()) == '/'))
            return true;
    }
    return false;
}

void checkInterpretation(QByteArrayView decoded, const QByteArray &accepted, int depth)
{
    const QByteArray context = "accepted '" + accepted + "', decoded " + QByteArray::number(depth)
        + " times: '" + decoded.toByteArray().toPercentEncoding("/") + '\'';
    FUZZ_CHECK(!hasControl(decoded), context);
    const std::optional<QByteArray> normalized = removeDotSegments(decoded);
    FUZZ_CHECK(normalized && underAllowedPrefix(*normalized), context);
}

void checkAcceptedPath(const proxy::PathCheck &check)
{
    const QByteArray accepted = check.path.toLatin1();
    FUZZ_CHECK(!check.path.isEmpty() && check.error.isEmpty(), "ok with an error or no path");
    for (const QChar c : check.path)
        FUZZ_CHECK(c.unicode() > 0x20 && c.unicode() < 0x7f, "a path that is not printable ASCII: " + accepted);
    for (const QChar c : check.query)
        FUZZ_CHECK(c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'#', "a query that is not printable ASCII");

    QByteArray decoded = accepted;
    checkInterpretation(decoded, accepted, 0);
    for (int depth = 1; depth <= 4; ++depth) {
        decoded = percentDecoded(decoded);
        checkInterpretation(decoded, accepted, depth);
        const QByteArray folded = QString::fromUtf8(decoded).normalized(QString::NormalizationForm_KC).toUtf8();
        checkInterpretation(folded, accepted, depth);
    }
}

void checkResolved(const LocalServer &local, const proxy::PathCheck &check, const QJsonObject &queryParams)
{
    const QUrlQuery query = proxy::localQuery(check.query, queryParams);
    const QUrl url = local.resolve(check.path, query);
    const QByteArray shown = url.toEncoded();
    FUZZ_CHECK(url.isValid(), "an invalid local URL: " + shown);
    FUZZ_CHECK(url.scheme() == baseUrl().scheme() && url.host() == baseUrl().host() && url.port() == baseUrl().port()
                   && url.userInfo().isEmpty() && !url.hasFragment(),
               "the URL leaves the local server: " + shown);
    const QString path = url.path(QUrl::FullyEncoded);
    FUZZ_CHECK(path.startsWith(QLatin1StringView("/base/")), "the URL leaves the base path: " + shown);
    checkInterpretation(QByteArrayView(path.toLatin1()).sliced(6), shown, 0);
    const QByteArray target = path.toLatin1() + '?' + url.query(QUrl::FullyEncoded).toLatin1();
    for (const char c : target)
        FUZZ_CHECK(c > 0x20 && c < 0x7f && c != '#', "a request target with a byte HTTP forbids: " + shown);
}

QByteArray lowered(QByteArrayView bytes)
{
    return bytes.toByteArray().toLower();
}

void checkRequestHeaders(const QJsonObject &buyerHeaders)
{
    const proxy::RequestHeaders result = proxy::requestHeaders(buyerHeaders);
    if (!result.ok) {
        FUZZ_CHECK(!result.error.isEmpty() && result.headers.isEmpty(), "a header refusal without a reason");
        return;
    }
    FUZZ_CHECK(buyerHeaders.size() <= 200, "more than 200 headers accepted");
    QSet<QByteArray> listed; // what the buyer's Connection header names, as tokens
    for (auto it = buyerHeaders.constBegin(); it != buyerHeaders.constEnd(); ++it) {
        if (it.key().compare(QLatin1StringView("connection"), Qt::CaseInsensitive) != 0 || !it.value().isString())
            continue;
        for (const QByteArray &token : it.value().toString().toUtf8().split(','))
            listed.insert(lowered(token.trimmed()));
    }
    static const QSet<QByteArray> forbidden{"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                            "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection",
                                            "host", "content-length", "cookie", "authorization"};
    for (const auto &[name, value] : result.headers) {
        FUZZ_CHECK(!name.isEmpty() && name == lowered(name), "a header name not lower-cased: " + name);
        FUZZ_CHECK(!forbidden.contains(name) && !name.startsWith("x-coderai"), "a forbidden header went out: " + name);
        FUZZ_CHECK(!listed.contains(name), "a header the Connection header names went out: " + name);
        for (const char c : name)
            FUZZ_CHECK(c > 0x20 && c < 0x7f && c != ':', "a header name with a byte HTTP forbids: " + name);
        FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'),
                   "a header value that could end the line: " + name);
    }
}

void checkResponseHeaders(const QJsonObject &object)
{
    QList<QPair<QByteArray, QByteArray>> raw;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        raw.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    const QJsonObject headers = proxy::responseHeaders(raw);
    FUZZ_CHECK(headers.size() <= raw.size() && headers.size() <= 200, "more response headers out than in");
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
        FUZZ_CHECK(it.value().isString(), "a response header value that is not a string");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const LocalServer local(baseUrl(), QString(), 1);
    const QByteArrayView input = fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QString endpointPath = QString::fromUtf8(newline < 0 ? input : input.first(newline));
    const QJsonObject queryParams = newline < 0
        ? QJsonObject()
        : QJsonDocument::fromJson(input.sliced(newline + 1).toByteArray()).object();
    checkRequestHeaders(queryParams);
    checkResponseHeaders(queryParams);

    const proxy::PathCheck check = proxy::checkPath(endpointPath);
    if (!check.ok) {
        FUZZ_CHECK(!check.error.isEmpty() && check.path.isEmpty(), "a refusal without a reason");
        return 0;
    }
    checkAcceptedPath(check);
    checkResolved(local, check, queryParams);
    return 0;
}
