#pragma once

#include "config/sellerconfig.h"

#include <QNetworkRequest>
#include <QUrl>

namespace coderai {

/// \brief Turns a SellerConfig and token into the WebSocket URL and headers (PROTOCOL.md §2).
///
/// The token goes into `x-coderai-registration-token` and, only when tokenInUrl is set, into the
/// query as well. Every value is percent-encoded in full, because AISBF decodes the query
/// form-style and would turn a literal '+' into a space.
class BrokerEndpoint final
{
public:
    BrokerEndpoint(const SellerConfig &config, const QString &token);

    /// ws:// or wss:// URL with the scope path and identity query (token only if tokenInUrl).
    QUrl url() const;
    /// The same URL with the token masked: the only form we log or show.
    QString displayUrl() const;
    /// Request with URL, identity headers and the CA setting applied by the caller.
    QNetworkRequest request() const;

    /// `<prefix>/api/coderai/wss` or `<prefix>/api/u/<username>/coderai/wss`.
    static QString scopePath(const SellerConfig &config);
    /// https→wss, http→ws; ws/wss kept; anything else returns an empty QUrl.
    static QUrl webSocketBase(const QUrl &baseUrl);

private:
    SellerConfig m_config;
    QString m_token;
};

} // namespace coderai
