#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace coderai::bench {

/// \brief The baseline: a buyer calling the local model server itself through Qt's stock client.
///
/// QNetworkAccessManager (HTTP/1.1, no proxy, no cache), the seller's own client stack until it
/// got LocalHttpClient, kept so results stay comparable with earlier runs. A pool of managers is
/// handed out least-busy first, because one manager opens at most six connections per host in
/// Qt 6.4.
class DirectClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectClient)

public:
    DirectClient(const QUrl &baseUrl, int managers, QObject *parent = nullptr);
    ~DirectClient() override;

    /// POST v1/chat/completions with `body`; `done(ok)` once the JSON answer is read and parsed.
    void chat(const QByteArray &body, std::function<void(bool ok)> done);
    /// GET of a relative path with query; `done(status, body)`.
    void get(const QString &pathAndQuery, std::function<void(int status, const QByteArray &body)> done);
    /// Starts a streamed request (GET, or POST when `postBody` is set) and hands the reply over;
    /// the caller reads it as it arrives and deletes it.
    QNetworkReply *startStream(const QString &pathAndQuery, const QByteArray &postBody = {});

private:
    QNetworkAccessManager *pick(size_t *index);
    QUrl resolve(const QString &pathAndQuery) const;

    QUrl m_baseUrl;
    std::vector<QNetworkAccessManager *> m_managers;
    std::vector<int> m_busy;
};

} // namespace coderai::bench
