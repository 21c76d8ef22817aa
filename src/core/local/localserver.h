#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

namespace coderai {

class LocalHttpClient;
class LocalReply;

/// \brief One HTTP request for the local model server; the path is relative and already checked.
struct LocalRequest
{
    QByteArray method{"GET"};
    QString path; ///< e.g. "v1/chat/completions", never absolute
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< a multipart body too (FormData), with its Content-Type among the headers
    std::chrono::milliseconds transferTimeout{0}; ///< 0: none
};

/// \brief The HTTP client for the seller's local OpenAI-compatible server.
///
/// The jobs' one door to the local server: it resolves relative paths against the base URL
/// (keeping its path prefix), adds the seller's API key, and sends through a LocalHttpClient
/// that keeps enough idle connections for max_concurrent requests plus health checks. Requests
/// never follow redirects and never use a proxy: the proxy op must reach the configured server
/// and nothing else.
class LocalServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServer)

public:
    LocalServer(const QUrl &baseUrl, const QString &apiKey, int maxConcurrent, QObject *parent = nullptr);
    ~LocalServer() override;

    QUrl baseUrl() const;
    /// base URL + "/" + relative path (keeping a path prefix of the base URL), plus the query.
    QUrl resolve(const QString &relativePath, const QUrlQuery &query = {}) const;
    /// Starts the request; the caller deletes the reply (deleteLater) when it has finished.
    LocalReply *send(const LocalRequest &request);
    /// Connections to the local server open now, busy or idle.
    int connectionCount() const;

private:
    QUrl m_baseUrl;
    QByteArray m_pathPrefix; ///< the base URL's path, encoded, ending in '/'
    QByteArray m_authorization;
    LocalHttpClient *m_client;
};

} // namespace coderai
