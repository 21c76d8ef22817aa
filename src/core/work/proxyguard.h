#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

/// The checks a `proxy` envelope passes before anything reaches the local server, and the header
/// filters on the way in and out (PROTOCOL.md §5, "Proxy safety"). Pure functions, no state.
namespace coderai::proxy {

/// \brief The verdict on a buyer's endpoint_path.
struct PathCheck
{
    bool ok = false;
    /// The path relative to the local server's base, without a leading slash, percent-encoded
    /// ASCII (the buyer's escapes kept as sent, other bytes outside RFC 3986 pchar escaped), e.g.
    /// "v1/images/generations". Hand it to QUrl with QUrl::StrictMode. Empty unless ok.
    QString path;
    /// What followed the first '?' (a buyer's decoded `%3F`), percent-encoded likewise, for
    /// localQuery() (proxyquery.h). Empty when there was none.
    QString query;
    /// Why the path was refused, in English for the buyer. Empty when ok.
    QString error;
};

/// The most characters an endpoint_path may have.
inline constexpr qsizetype kMaxPathLength = 2048;

/// Checks a buyer's endpoint_path. A '#' and all after it are dropped; the rest splits at its
/// first '?' into the path and a query (PathCheck::query). The path may have at most one leading
/// '/'. Refuses schemes, authorities, backslashes, '.' and '..' segments (however deeply
/// percent-encoded), encoded slashes, encoded control characters, empty segments, malformed
/// escapes (in the query too), raw control characters anywhere, inputs over kMaxPathLength, and
/// paths whose leading segments do not equal one of allowedPrefixes ("v1/" allows "v1" and
/// "v1/models", not "v10/x"; case matters). Empty prefixes are ignored, so an empty list allows
/// nothing.
PathCheck checkPath(const QString &endpointPath,
                    const QStringList &allowedPrefixes = {QStringLiteral("v1/"), QStringLiteral("coderai/")});

/// True for GET, POST, PUT, PATCH and DELETE, in any letter case.
bool isAllowedMethod(QStringView method);

/// The method upper-cased for the request line, or an empty array when it is not allowed.
/// An absent method is the caller's to default (to GET); empty input gives empty output.
QByteArray normalizedMethod(QStringView method);

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// The most headers a buyer's proxy request may carry, and the most bytes their names and values
/// (UTF-8, numbers as written out) may add up to. A local response's head is held to the same.
/// Far above what any client sends, far below what makes filtering cost anything.
inline constexpr qsizetype kMaxHeaders = 200;
inline constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

/// \brief The buyer's headers as they may go to the local server, or why the request is refused.
struct RequestHeaders
{
    bool ok = false;
    HeaderList headers; ///< empty unless ok
    QString error;      ///< in English for the buyer (a bad_request); empty when ok
};

/// The buyer's headers as they may go to the local server: names lower-cased, hop-by-hop headers
/// (and any the Connection header names), host, content-length, cookie, authorization and
/// x-coderai-* dropped, as are invalid names and values holding CR, LF or other controls. Numbers
/// are written out; other non-string values are dropped. Names that differ only in case are
/// joined with ", ". Sorted by name. More than kMaxHeaders headers, or names and values over
/// kMaxHeaderBytes, refuse the request before any header is looked at one by one, so a hostile
/// payload costs at most one pass over it.
RequestHeaders requestHeaders(const QJsonObject &buyerHeaders);

/// The local server's response headers as they go to the buyer: names lower-cased, set-cookie,
/// hop-by-hop headers, content-length and content-encoding dropped (the body is re-encoded into
/// the reply envelope), repeated names joined with ", ". Only the first kMaxHeaders headers and
/// kMaxHeaderBytes bytes are read (the local HTTP client refuses a larger head before this), so
/// the cost stays linear whatever the list.
QJsonObject responseHeaders(const HeaderList &raw);

/// text/*, application/json, application/*+json, application/xml, application/*+xml,
/// application/javascript, application/x-ndjson, application/ndjson: a body that travels as text. Parameters such as
/// charset are ignored; letter case does not matter.
bool isTextContentType(const QByteArray &contentType);

/// application/json and application/*+json.
bool isJsonContentType(const QByteArray &contentType);

/// text/event-stream.
bool isEventStream(const QByteArray &contentType);

} // namespace coderai::proxy
