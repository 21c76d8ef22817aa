#pragma once

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>


namespace coderai {

class LocalReply;
class LocalServer;

/// \brief Watches the local model server and keeps its model list at hand.
///
/// It polls `GET v1/models` on an interval. The answer fills the model cache that `models.list`
/// and `capabilities` are served from, so AISBF (which waits 30 s) gets an answer even while the
/// local server is slow. After `failuresUntilDown` failed checks in a row the server counts as
/// down; the first good answer brings it back. Jobs that hit a connection error call
/// checkSoon() so an outage is noticed in seconds, not a full interval.
class LocalMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalMonitor)

public:
    LocalMonitor(LocalServer *server, std::chrono::milliseconds interval, int failuresUntilDown,
                 QObject *parent = nullptr);

    void start();
    void stop();
    /// Runs a check now unless one is already running or a failed check's confirmation is
    /// already due: a burst of refused requests must not count as several failed checks.
    void checkSoon();

    bool isUp() const;
    bool hasModels() const;
    QString lastError() const;
    /// The `data` array of the last good answer, context length normalized into "context_length".
    QJsonArray models() const;

signals:
    void availabilityChanged(bool up, const QString &reason);
    /// After every check, good or bad.
    void checked(bool ok);
    void modelsChanged(const QJsonArray &models);

private:
    void check();
    void onReply();
    /// \a logReason is English for the log; \a reason is what the seller is shown (lastError()).
    void recordFailure(const QString &logReason, const QString &reason);

    LocalServer *m_server;
    QTimer m_timer;
    QTimer m_confirm; ///< re-checks soon after a failure while the server still counts as up
    QPointer<LocalReply> m_reply;
    int m_failuresUntilDown;
    int m_failures = 0;
    bool m_up = true; ///< optimistic until proven otherwise, so a start is not held back
    bool m_hasModels = false;
    QString m_lastError;
    QJsonArray m_models;
};

/// Adds "context_length" to each model from what backends call it (vLLM max_model_len, llama.cpp
/// meta.n_ctx_train, LM Studio max_context_length, …); entries that say nothing are left as they are.
QJsonArray normalizedModels(const QJsonArray &data);

} // namespace coderai
