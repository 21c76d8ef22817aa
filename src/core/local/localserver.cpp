#include "localserver.h"

#include "local/localhttpclient.h"
#include "local/localreply.h"

#include <algorithm>

namespace coderai {
namespace {

constexpr int kSpareConnections = 2; // health checks and models.list beside full load

QStringView withoutLeadingSlashes(QStringView path)
{
    while (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    return path;
}

// A path QUrl would keep byte for byte: unreserved characters and slashes only.
bool isPlainPath(QStringView path)
{
    return std::all_of(path.begin(), path.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'/'
            || c == u'-' || c == u'.' || c == u'_' || c == u'~';
    });
}

} // namespace

LocalServer::LocalServer(const QUrl &baseUrl, const QString &apiKey, int maxConcurrent, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_client(new LocalHttpClient(baseUrl, std::max(1, maxConcurrent) + kSpareConnections, this))
{
    if (!apiKey.isEmpty())
        m_authorization = "Bearer " + apiKey.toUtf8();
    m_pathPrefix = baseUrl.path(QUrl::FullyEncoded).toLatin1();
    if (!m_pathPrefix.endsWith('/'))
        m_pathPrefix += '/';
}

LocalServer::~LocalServer() = default;

QUrl LocalServer::baseUrl() const
{
    return m_baseUrl;
}

int LocalServer::connectionCount() const
{
    return m_client->connectionCount();
}

QUrl LocalServer::resolve(const QString &relativePath, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    url.setPath(QString::fromLatin1(m_pathPrefix) + withoutLeadingSlashes(relativePath), QUrl::TolerantMode);
    if (query.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(query);
    return url;
}

LocalReply *LocalServer::send(const LocalRequest &request)
{
    QByteArray target;
    const QStringView path = withoutLeadingSlashes(request.path);
    if (request.query.isEmpty() && isPlainPath(path)) {
        // Every chat request: what resolve() would give, without a QUrl parse per request.
        target = m_pathPrefix + path.toLatin1();
    } else {
        const QUrl url = resolve(request.path, request.query);
        target = url.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }

    if (m_authorization.isEmpty())
        return m_client->send(request.method, target, request.headers, request.body, request.transferTimeout);
    // The seller's key replaces whatever a caller put there.
    QList<QPair<QByteArray, QByteArray>> headers;
    headers.reserve(request.headers.size() + 1);
    for (const auto &header : request.headers) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) != 0)
            headers.append(header);
    }
    headers.append({QByteArray("Authorization"), m_authorization});
    return m_client->send(request.method, target, headers, request.body, request.transferTimeout);
}

} // namespace coderai
