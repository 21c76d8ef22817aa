#pragma once

#include "broker/clock.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief Dead-peer detection for one connection: a ping every interval, and an alarm when
/// neither a frame nor a pong arrived for the silence timeout (PROTOCOL.md §4).
///
/// NAT boxes drop idle mappings without a word, so TCP alone never notices a dead broker. Frames
/// arrive on the hot path, so noteLife() only stores a time; the silence timer runs for the whole
/// timeout and, when it fires after life was seen meanwhile, is re-armed for what is left.
class Liveness final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Liveness)

public:
    Liveness(std::chrono::milliseconds pingInterval, std::chrono::milliseconds silenceTimeout,
             SessionClock clock, QObject *parent = nullptr);

    /// Starts pinging and watching; the start itself counts as life.
    void start();
    void stop();
    bool isActive() const;

    /// A frame or a pong arrived: the peer is alive.
    void noteLife();

    std::chrono::milliseconds pingInterval() const;
    std::chrono::milliseconds silenceTimeout() const;

signals:
    /// Time to send a WebSocket ping.
    void pingDue();
    /// Nothing arrived for at least the silence timeout; the watch stops itself.
    void silent(std::chrono::milliseconds quietFor);

private:
    void checkSilence();

    SessionClock m_clock;
    std::chrono::milliseconds m_silenceTimeout;
    std::chrono::steady_clock::time_point m_lastLife;
    QTimer m_pingTimer;
    QTimer m_silenceTimer;
};

} // namespace coderai
