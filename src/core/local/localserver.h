#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <vector>

class QHttpMultiPart;
class QNetworkAccessManager;
class QNetworkReply;

namespace coderai {

/// \brief One HTTP request for the local model server; the path is relative and already checked.
struct LocalRequest
{
    QByteArray method{"GET"};
    QString path; ///< e.g. "v1/chat/completions", never absolute
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHttpMultiPart *multipart = nullptr; ///< when set, sent instead of body; ownership moves to the reply
    std::chrono::milliseconds transferTimeout{0}; ///< 0: none
};

/// \brief The HTTP client for the seller's local OpenAI-compatible server.
///
/// A QNetworkAccessManager opens at most 6 connections per host and Qt 6.4 cannot raise that
/// (QT64-NOTES.md), so the client keeps a small pool of managers, enough for max_concurrent
/// requests plus health checks, and hands each request to the least busy one. Requests never
/// follow redirects and never use a system proxy: the proxy op must reach the configured server
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
    /// Starts the request; the caller owns the reply (deleteLater it when finished).
    QNetworkReply *send(LocalRequest request);
    int managerCount() const;

private:
    QNetworkAccessManager *leastBusyManager();

    QUrl m_baseUrl;
    QByteArray m_authorization;
    std::vector<QNetworkAccessManager *> m_managers;
    std::vector<int> m_busy;
};

} // namespace coderai
