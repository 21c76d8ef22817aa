#include "work/proxyguard.h"

#include "work/proxyquery.h"

#include <QHash>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>

using namespace Qt::StringLiterals;

namespace coderai::proxy {
namespace {

PathCheck refuse(QString reason)
{
    PathCheck check;
    check.error = std::move(reason);
    return check;
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f); // C0, DEL and C1
}

// RFC 3986 pchar minus pct-encoded: what may stand unescaped in a path segment.
bool isPathChar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("-._~!$&'()*+,;=:@", c) != nullptr && c != 0;
}

// One pass of percent-decoding: valid %HH escapes become their byte, anything else stays.
// QByteArray::fromPercentEncoding is not used because it decodes "%zz" into garbage.
QByteArray percentDecodedOnce(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const int hi = hexValue(uchar(in[i + 1]));
            const int lo = hexValue(uchar(in[i + 2]));
            if (hi >= 0 && lo >= 0) {
                out.append(char(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.append(in[i]);
    }
    return out;
}

// Why one segment is refused, or an empty string. The segment is decoded until nothing changes:
// a reverse proxy or framework in front of the local model may decode once more than we expect,
// so "%252e%252e" must count as "..".
QString segmentProblem(QStringView segment)
{
    QByteArray bytes = segment.toUtf8();
    while (bytes.contains('%')) {
        QByteArray decoded = percentDecodedOnce(bytes);
        if (decoded.size() == bytes.size())
            break;
        bytes = std::move(decoded);
    }
    for (const char c : std::as_const(bytes)) {
        if (c == '/' || c == '\\')
            return u"endpoint_path holds an encoded slash or backslash"_s;
        if (uchar(c) < 0x20 || uchar(c) == 0x7f)
            return u"endpoint_path holds an encoded control character"_s;
    }
    // Invalid UTF-8 includes overlong forms such as "%c0%ae", which lax decoders read as '.'.
    if (!QByteArrayView(bytes).isValidUtf8())
        return u"endpoint_path is not valid UTF-8 once decoded"_s;
    QString text = QString::fromUtf8(bytes);
    if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x80; })) {
        if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return isControl(c.unicode()); }))
            return u"endpoint_path holds an encoded control character"_s;
        // Servers that normalise Unicode would turn fullwidth dots and slashes into real ones.
        text = text.normalized(QString::NormalizationForm_KC);
        if (text.contains(u'/') || text.contains(u'\\'))
            return u"endpoint_path holds a character that stands for a slash or backslash"_s;
    }
    // Dots and spaces only: "." and "..", and "..." or ".. " which Windows servers trim to "..".
    const bool dotsOnly = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c == u'.' || c == u' '; });
    if (dotsOnly && text.contains(u'.'))
        return u"endpoint_path may not contain '.' or '..' segments"_s;
    return {};
}

bool startsWithSegments(const QList<QStringView> &path, QStringView prefix)
{
    const QList<QStringView> wanted = prefix.split(u'/', Qt::SkipEmptyParts);
    if (wanted.isEmpty() || wanted.size() > path.size())
        return false;
    return std::equal(wanted.cbegin(), wanted.cend(), path.cbegin());
}

// Escapes every byte that may not stand in a path, keeping the buyer's own (already checked)
// escapes, so the caller can hand the result to QUrl in strict mode.
QString encodedPath(QStringView path)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray bytes = path.toUtf8();
    QByteArray out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = uchar(c);
        if (u == '/' || u == '%' || isPathChar(u)) {
            out.append(c);
        } else {
            out.append('%');
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0xf]);
        }
    }
    return QString::fromLatin1(out);
}

constexpr QLatin1StringView kMethods[] = {"GET"_L1, "POST"_L1, "PUT"_L1, "PATCH"_L1, "DELETE"_L1};

// RFC 9110 §7.6.1 plus proxy-connection, which old clients still send and which is hop-by-hop
// in practice.
constexpr const char *kHopByHop[]
    = {"connection",        "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
       "transfer-encoding", "upgrade",    "proxy-connection"};

bool isHopByHop(const QByteArray &lowerName)
{
    static const QSet<QByteArray> names(std::cbegin(kHopByHop), std::cend(kHopByHop));
    return names.contains(lowerName);
}

// RFC 9110 token characters: a name outside them could smuggle a second header.
bool isTokenChar(char16_t c)
{
    if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9'))
        return true;
    return c < 0x80 && c != 0 && std::strchr("!#$%&'*+-.^_`|~", char(c)) != nullptr;
}

QByteArray headerName(QStringView name)
{
    if (name.isEmpty() || !std::all_of(name.cbegin(), name.cend(), [](QChar c) { return isTokenChar(c.unicode()); }))
        return {};
    return name.toLatin1().toLower();
}

// Adds the names listed in a Connection header value, lower-cased: the sender marks them
// hop-by-hop. A set, so looking each header up costs the same however many names are listed.
void addConnectionTokens(const QByteArray &value, QSet<QByteArray> *tokens)
{
    for (const QByteArrayView part : value.split(',')) {
        const QByteArrayView token = part.trimmed();
        if (!token.isEmpty())
            tokens->insert(token.toByteArray().toLower());
    }
}

bool hasLineBreakOrControl(QByteArrayView value)
{
    return std::any_of(value.cbegin(), value.cend(), [](char c) {
        const auto u = uchar(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
    });
}

QByteArray headerValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9.0e18)
            return QByteArray::number(value.toInteger(qint64(number)));
        return QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    return {};
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView type
        = semicolon < 0 ? QByteArrayView(contentType) : QByteArrayView(contentType).first(semicolon);
    return type.trimmed().toByteArray().toLower();
}

bool isJsonMediaType(const QByteArray &type)
{
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

} // namespace

PathCheck checkPath(const QString &endpointPath, const QStringList &allowedPrefixes)
{
    if (endpointPath.isEmpty())
        return refuse(u"endpoint_path is empty"_s);
    if (endpointPath.size() > kMaxPathLength)
        return refuse(u"endpoint_path is longer than %1 characters"_s.arg(kMaxPathLength));
    if (!endpointPath.isValidUtf16())
        return refuse(u"endpoint_path is not valid Unicode"_s);
    for (const QChar c : endpointPath) {
        if (isControl(c.unicode()))
            return refuse(u"endpoint_path holds a control character"_s);
    }

    // A buyer's %3F or %23 may reach us decoded (PROTOCOL.md §5): the fragment is the buyer's
    // own business, the query travels on, and only what precedes them is the path checked below.
    QStringView path = endpointPath;
    if (const qsizetype hash = path.indexOf(u'#'); hash >= 0)
        path = path.first(hash);
    QString query;
    if (const qsizetype question = path.indexOf(u'?'); question >= 0) {
        QString problem;
        query = encodedQuery(path.sliced(question + 1), &problem);
        if (!problem.isEmpty())
            return refuse(std::move(problem));
        path = path.first(question);
    }
    if (path.contains(u'\\'))
        return refuse(u"endpoint_path holds a backslash"_s);
    if (path.startsWith(u'/'))
        path = path.sliced(1);
    if (path.startsWith(u'/'))
        return refuse(u"endpoint_path names a host; it must be a path on the local server"_s);
    if (path.isEmpty())
        return refuse(u"endpoint_path is empty"_s);
    // A colon in the first segment makes a URL parser read a scheme ("http:", "file:", "C:").
    const qsizetype firstSlash = path.indexOf(u'/');
    if ((firstSlash < 0 ? path : path.first(firstSlash)).contains(u':'))
        return refuse(u"endpoint_path holds a URL scheme; it must be a path on the local server"_s);

    for (qsizetype i = 0; i < path.size(); ++i) {
        if (path[i] == u'%'
            && (i + 2 >= path.size() || hexValue(path[i + 1].unicode()) < 0 || hexValue(path[i + 2].unicode()) < 0))
            return refuse(u"endpoint_path holds a malformed percent-escape"_s);
    }

    QList<QStringView> segments = path.split(u'/');
    if (segments.size() > 1 && segments.constLast().isEmpty())
        segments.removeLast(); // a trailing slash is fine
    for (const QStringView segment : std::as_const(segments)) {
        if (segment.isEmpty())
            return refuse(u"endpoint_path holds an empty segment"_s);
        if (QString problem = segmentProblem(segment); !problem.isEmpty())
            return refuse(std::move(problem));
    }

    const bool allowed
        = std::any_of(allowedPrefixes.cbegin(), allowedPrefixes.cend(),
                      [&segments](const QString &prefix) { return startsWithSegments(segments, prefix); });
    if (!allowed)
        return refuse(u"endpoint_path must start with one of: %1"_s.arg(allowedPrefixes.join(u", "_s)));

    PathCheck check;
    check.ok = true;
    check.path = encodedPath(path);
    check.query = std::move(query);
    return check;
}

bool isAllowedMethod(QStringView method)
{
    return !normalizedMethod(method).isEmpty();
}

QByteArray normalizedMethod(QStringView method)
{
    // ASCII only: Unicode case folding would let "PO\u017FT" (long s) pass as POST.
    if (!std::all_of(method.cbegin(), method.cend(), [](QChar c) { return c.unicode() < 0x80; }))
        return {};
    for (const QLatin1StringView known : kMethods) {
        if (method.compare(known, Qt::CaseInsensitive) == 0)
            return QByteArray(known.data(), known.size());
    }
    return {};
}

RequestHeaders requestHeaders(const QJsonObject &buyerHeaders)
{
    RequestHeaders result;
    // The count first, in constant time: a payload of 40,000 headers is refused before any of
    // them is read.
    if (buyerHeaders.size() > kMaxHeaders) {
        result.error = u"The proxy request has %1 headers; at most %2 are allowed."_s.arg(buyerHeaders.size())
                           .arg(kMaxHeaders);
        return result;
    }
    // Each value is converted once, here, and the filter below reuses it.
    struct Entry
    {
        QString name;
        QByteArray value; // null for values that are no header (bool, null, array, object)
    };
    QList<Entry> entries;
    entries.reserve(buyerHeaders.size());
    qsizetype bytes = 0;
    for (auto it = buyerHeaders.constBegin(); it != buyerHeaders.constEnd(); ++it) {
        Entry entry{it.key(), headerValue(it.value())};
        bytes += entry.name.toUtf8().size() + entry.value.size();
        entries.append(std::move(entry));
    }
    if (bytes > kMaxHeaderBytes) {
        result.error = u"The proxy request's header names and values are %1 bytes; at most %2 are allowed."_s
                           .arg(bytes)
                           .arg(kMaxHeaderBytes);
        return result;
    }

    QSet<QByteArray> named; // headers the buyer's Connection header marks hop-by-hop
    for (const Entry &entry : std::as_const(entries)) {
        if (entry.name.compare("connection"_L1, Qt::CaseInsensitive) == 0 && !entry.value.isNull())
            addConnectionTokens(entry.value, &named);
    }

    HeaderList &out = result.headers;
    out.reserve(entries.size());
    for (const Entry &entry : std::as_const(entries)) {
        const QByteArray name = headerName(entry.name);
        if (name.isEmpty() || isHopByHop(name) || named.contains(name) || name == "host" || name == "content-length"
            || name == "cookie" || name == "authorization" || name.startsWith("x-coderai"))
            continue;
        if (entry.value.isNull() || hasLineBreakOrControl(entry.value))
            continue;
        out.append({name, entry.value.trimmed()});
    }

    // Names that differ only in case land next to each other; join them as HTTP folds repeats.
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    qsizetype kept = 0;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (kept > 0 && out[kept - 1].first == out[i].first)
            out[kept - 1].second += ", " + out[i].second;
        else
            out[kept++] = std::move(out[i]);
    }
    out.resize(kept);
    result.ok = true;
    return result;
}

QJsonObject responseHeaders(const HeaderList &raw)
{
    // The part of the list within the caps; the local HTTP client refuses a larger head, so the
    // rest is never there in practice, and were it there it would cost nothing.
    qsizetype end = 0;
    for (qsizetype bytes = 0; end < std::min(raw.size(), kMaxHeaders); ++end) {
        bytes += raw[end].first.size() + raw[end].second.size();
        if (bytes > kMaxHeaderBytes)
            break;
    }
    const std::span<const QPair<QByteArray, QByteArray>> within(raw.constData(), size_t(end));

    QSet<QByteArray> named;
    for (const auto &[name, value] : within) {
        if (name.compare("connection", Qt::CaseInsensitive) == 0)
            addConnectionTokens(value, &named);
    }

    // Repeats are appended to their name's text in place; the object is built once at the end.
    QHash<QString, QString> joined;
    for (const auto &[rawName, value] : within) {
        const QByteArray name = rawName.toLower();
        // content-encoding goes too: Qt hands us the body already decompressed.
        if (name.isEmpty() || isHopByHop(name) || named.contains(name) || name == "set-cookie" || name == "set-cookie2"
            || name == "content-length" || name == "content-encoding" || hasLineBreakOrControl(value))
            continue;
        const QString text
            = QByteArrayView(value).isValidUtf8() ? QString::fromUtf8(value) : QString::fromLatin1(value);
        const QString key = QString::fromLatin1(name);
        if (const auto existing = joined.find(key); existing != joined.end())
            *existing += u", "_s + text;
        else
            joined.insert(key, text);
    }
    QJsonObject out;
    for (auto it = joined.cbegin(); it != joined.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

bool isTextContentType(const QByteArray &contentType)
{
    const QByteArray type = mediaType(contentType);
    return type.startsWith("text/") || isJsonMediaType(type) || type == "application/xml"
        || (type.startsWith("application/") && type.endsWith("+xml")) || type == "application/javascript"
        || type == "application/x-ndjson" || type == "application/ndjson";
}

bool isJsonContentType(const QByteArray &contentType)
{
    return isJsonMediaType(mediaType(contentType));
}

bool isEventStream(const QByteArray &contentType)
{
    return mediaType(contentType) == "text/event-stream";
}

} // namespace coderai::proxy
