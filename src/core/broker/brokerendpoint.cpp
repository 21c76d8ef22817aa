#include "brokerendpoint.h"

#include "redact.h"

namespace coderai {
namespace {

QByteArray encodeQueryPair(QByteArrayView key, const QString &value)
{
    // toPercentEncoding leaves only unreserved characters bare, so '+', '/', '=' and ' ' all
    // survive a form-style decode on the server.
    return key.toByteArray() + '=' + QUrl::toPercentEncoding(value);
}

} // namespace

BrokerEndpoint::BrokerEndpoint(const SellerConfig &config, const QString &token)
    : m_config(config)
    , m_token(token)
{
}

QUrl BrokerEndpoint::webSocketBase(const QUrl &baseUrl)
{
    QUrl url = baseUrl;
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme == QLatin1StringView("https"))
        url.setScheme(QStringLiteral("wss"));
    else if (scheme == QLatin1StringView("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (scheme != QLatin1StringView("ws") && scheme != QLatin1StringView("wss"))
        return {};
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

QString BrokerEndpoint::scopePath(const SellerConfig &config)
{
    QString prefix = config.baseUrl.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    if (config.scope == BrokerScope::Global)
        return prefix + QLatin1StringView("/api/coderai/wss");
    const QString user = QString::fromLatin1(QUrl::toPercentEncoding(config.username));
    return prefix + QLatin1StringView("/api/u/") + user + QLatin1StringView("/coderai/wss");
}

QUrl BrokerEndpoint::url() const
{
    QUrl url = webSocketBase(m_config.baseUrl);
    if (url.isEmpty())
        return {};
    url.setPath(scopePath(m_config), QUrl::StrictMode);

    const QString username =
        m_config.scope == BrokerScope::Global ? QStringLiteral("global") : m_config.username;
    QByteArray query = encodeQueryPair("provider_id", m_config.providerId) + '&'
                       + encodeQueryPair("client_id", m_config.clientId) + '&'
                       + encodeQueryPair("username", username);
    if (m_config.tokenInUrl)
        query += '&' + encodeQueryPair("registration_token", m_token);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

QString BrokerEndpoint::displayUrl() const
{
    return redact::url(url());
}

QNetworkRequest BrokerEndpoint::request() const
{
    QNetworkRequest request(url());
    const QString username =
        m_config.scope == BrokerScope::Global ? QStringLiteral("global") : m_config.username;
    request.setRawHeader("x-coderai-provider-id", m_config.providerId.toUtf8());
    request.setRawHeader("x-coderai-client-id", m_config.clientId.toUtf8());
    request.setRawHeader("x-coderai-username", username.toUtf8());
    request.setRawHeader("x-coderai-registration-token", m_token.toUtf8());
    return request;
}

} // namespace coderai
