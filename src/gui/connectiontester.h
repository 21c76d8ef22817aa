#pragma once

#include "config/sellerconfig.h"
#include "connectioncheck.h"

#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief The answer of one connection test, in words for the seller.
struct ConnectionTestResult
{
    enum class Outcome { Connected, Rejected, Unreachable, TlsError, Timeout, ConfigError };

    Outcome outcome = Outcome::Unreachable;
    QString message;   ///< a full sentence (or a few), already redacted
    QString sessionId; ///< set when Connected
};

/// \brief Checks settings the seller has typed, before they are saved, with a real handshake
/// and `register` against the broker.
///
/// The handshake itself is a ConnectionCheck (the same session the seller runs, so the test
/// cannot pass where the real session would fail); this class bounds it in time and says what
/// the answer means and what to do about it. Beware: AISBF replaces an
/// existing session with the same provider and client id, so testing the identity of a running
/// seller briefly takes its place; the running one reconnects by itself.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    /// How long a test may take in all, handshake and register together; 15 s by default.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;

    bool isRunning() const;

public slots:
    /// Starts a test; a test still running is abandoned. The answer comes from finished(),
    /// always later, never from inside this call.
    void start(const coderai::SellerConfig &config, const QString &token);
    /// Abandons the running test without an answer.
    void cancel();

signals:
    void finished(const coderai::ConnectionTestResult &result);

private:
    void onAnswered(const ConnectionCheck::Answer &answer);
    void onTimeout();
    void conclude(ConnectionTestResult result);
    ConnectionTestResult describe(const SessionFailure &failure) const;

    ConnectionCheck *m_check;
    QTimer m_timer;
    QString m_displayUrl;
    QString m_sentClientId;
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::ConnectionTestResult)
