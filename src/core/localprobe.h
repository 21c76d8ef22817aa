#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace coderai {

class LocalReply;
class LocalServer;

/// \brief Asks one local model server for its model list exactly as the seller will ask it
/// (path prefix, API key, no proxy, no redirects): the settings dialog fills its allowlist with
/// the answer before anything is saved.
class LocalProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalProbe)

public:
    /// \brief How GET v1/models went.
    struct Answer
    {
        int httpStatus = 0;   ///< 0: no HTTP answer at all
        bool failed = false;  ///< the exchange failed (refused, timed out, cut short)
        QString errorString;  ///< why, when failed
        QByteArray body;
    };

    explicit LocalProbe(QObject *parent = nullptr);
    ~LocalProbe() override;

    /// Lists the models of the server at \a baseUrl; a listing still running is abandoned.
    void listModels(const QUrl &baseUrl, const QString &apiKey, std::chrono::milliseconds timeout);
    void cancel();
    bool isRunning() const;

signals:
    void modelsAnswered(const coderai::LocalProbe::Answer &answer);

private:
    void onFinished();

    // Rebuilt per listing: URL and key are whatever the seller typed last.
    std::unique_ptr<LocalServer> m_server;
    QPointer<LocalReply> m_reply;
};

} // namespace coderai
