#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <vector>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace coderai::bench {

/// \brief A TCP relay in front of the demo broker that can read the seller's side slowly.
///
/// DemoBroker reads its provider socket as fast as Qt delivers it and has no knob to slow down;
/// a relay in the broker's process gives the soak a broker that reads slowly without touching
/// the demo. While slow, at most `bytesPerSecond` of the seller's bytes are taken from the
/// kernel, so the seller's sends back up (its outbound congestion path); the broker's bytes to
/// the seller always pass at once.
class SlowRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlowRelay)

public:
    SlowRelay(quint16 targetPort, qint64 bytesPerSecond, QObject *parent = nullptr);
    ~SlowRelay() override;

    bool listen(quint16 port);
    quint16 port() const;
    void setSlow(bool slow);
    bool isSlow() const;
    /// Since the last setSlow(true): the seller's bytes let through, and the ticks at which more
    /// was waiting than the budget allowed (proof that the seller really was held back).
    qint64 slowBytes() const;
    int saturatedTicks() const;

private:
    struct Pair
    {
        QPointer<QTcpSocket> seller; ///< accepted from the seller
        QPointer<QTcpSocket> broker; ///< to the DemoBroker in this process
    };

    void accept();
    /// Returns the bytes forwarded.
    qint64 forwardFromSeller(Pair &pair, qint64 budget);
    static qint64 forward(QTcpSocket *from, QTcpSocket *to, qint64 budget);
    void onTick();
    void closePair(QTcpSocket *either);

    QTcpServer *m_server;
    QTimer *m_tick;
    quint16 m_targetPort;
    qint64 m_bytesPerTick;
    bool m_slow = false;
    qint64 m_slowBytes = 0;
    int m_saturatedTicks = 0;
    std::vector<Pair> m_pairs;
};

} // namespace coderai::bench
