#include "localserver.h"

#include "logging.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace coderai {
namespace {

constexpr int kConnectionsPerManager = 6; // Qt's fixed per-host limit for HTTP/1.1
constexpr int kSpareConnections = 2;      // health checks and models.list beside full load

} // namespace

LocalServer::LocalServer(const QUrl &baseUrl, const QString &apiKey, int maxConcurrent, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
{
    if (!apiKey.isEmpty())
        m_authorization = "Bearer " + apiKey.toUtf8();
    const int wanted = std::max(1, maxConcurrent) + kSpareConnections;
    const int count = (wanted + kConnectionsPerManager - 1) / kConnectionsPerManager;
    for (int i = 0; i < count; ++i) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setProxy(QNetworkProxy::NoProxy);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_managers.push_back(manager);
        m_busy.push_back(0);
    }
}

LocalServer::~LocalServer() = default;

QUrl LocalServer::baseUrl() const
{
    return m_baseUrl;
}

int LocalServer::managerCount() const
{
    return static_cast<int>(m_managers.size());
}

QUrl LocalServer::resolve(const QString &relativePath, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString prefix = url.path(QUrl::FullyEncoded);
    if (!prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    QStringView path(relativePath);
    while (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    url.setPath(prefix + path, QUrl::TolerantMode);
    if (query.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(query);
    return url;
}

QNetworkAccessManager *LocalServer::leastBusyManager()
{
    const auto it = std::min_element(m_busy.begin(), m_busy.end());
    return m_managers[static_cast<size_t>(std::distance(m_busy.begin(), it))];
}

QNetworkReply *LocalServer::send(LocalRequest request)
{
    QNetworkRequest networkRequest(resolve(request.path, request.query));
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (request.transferTimeout.count() > 0)
        networkRequest.setTransferTimeout(static_cast<int>(request.transferTimeout.count()));
    for (const auto &[name, value] : std::as_const(request.headers))
        networkRequest.setRawHeader(name, value);
    if (!m_authorization.isEmpty())
        networkRequest.setRawHeader("Authorization", m_authorization);

    QNetworkAccessManager *manager = leastBusyManager();
    const size_t index = static_cast<size_t>(
        std::distance(m_managers.begin(), std::find(m_managers.begin(), m_managers.end(), manager)));
    QNetworkReply *reply = nullptr;
    if (request.multipart) {
        reply = manager->sendCustomRequest(networkRequest, request.method, request.multipart);
        request.multipart->setParent(reply);
    } else if (request.method == "GET" && request.body.isEmpty()) {
        reply = manager->get(networkRequest);
    } else {
        reply = manager->sendCustomRequest(networkRequest, request.method, request.body);
    }
    ++m_busy[index];
    // destroyed, not finished: a reply deleted before it finished must be counted out as well.
    connect(reply, &QObject::destroyed, this, [this, index] { --m_busy[index]; });
    return reply;
}

} // namespace coderai
