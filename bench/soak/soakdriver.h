#pragma once

#include "processes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <map>
#include <optional>

namespace coderai::bench {

/// \brief What one soak run does.
struct SoakSettings
{
    std::chrono::seconds duration { std::chrono::minutes(2) };
    QString sellerBinary;
    quint32 seed = 1;
};

/// \brief The seller's totals from its summary log line (every work envelope it finished).
struct SellerTotals
{
    qint64 served = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    qint64 refused = 0;
    qint64 all() const { return served + failed + cancelled + refused; }
};

/// \brief The chaos soak: the real seller between a broker child and a model server child that
/// are killed and restarted while traffic flows, then the checks of issue 10, item 8.
class SoakDriver final
{
public:
    explicit SoakDriver(SoakSettings settings);
    /// Runs the soak and prints the report; false when a check failed or the run broke.
    bool run();

private:
    /// \brief The broker's view of the requests, over all broker processes.
    struct Ledger
    {
        QHash<QString, QString> outstanding; ///< id → kind, of the current broker process
        qint64 sent = 0;
        qint64 answered = 0;
        qint64 answeredOk = 0;
        qint64 failedByBrokerKill = 0; ///< outstanding when the driver killed the broker
        qint64 failedBySellerDrop = 0; ///< outstanding when the seller dropped the connection
        qint64 keepalives = 0;
        qint64 stuck = 0;
        std::map<QString, qint64> sentByKind;
        std::map<QString, qint64> errorsByCode;
        QStringList problems; ///< wrong answers, first few
        qint64 problemCount = 0;
        qint64 registrations = 0;
        qint64 sellerPauses = 0; ///< closed "seller paused": its local server was down
        qint64 sellerDrops = 0; ///< any other close by the seller
    };

    /// \brief The seller in a quiet moment: traffic paused and drained, then settled.
    struct Snapshot
    {
        bool drained = false;
        qint64 leftOutstanding = 0;
        qint64 rssKb = -1;
        QStringList fds;
    };

    bool setUp(); ///< children and seller started, seller registered
    Snapshot quietSnapshot(std::chrono::milliseconds settle);
    /// Kills and slow windows for `length`; false when a restart failed or the seller died.
    bool chaos(std::chrono::milliseconds length);
    void report() const;
    bool judge(); ///< prints the checks; true when all passed

    bool startModel();
    bool startBroker();
    bool startSeller();
    bool waitRegistered(std::chrono::milliseconds timeout);
    void pumpChildren(); ///< reads what the children printed
    void onBrokerLine(const QByteArray &line);
    void tellBroker(const QByteArray &command);
    /// Processes events for `duration` while watching that the seller lives.
    bool soakFor(std::chrono::milliseconds duration);
    bool killBroker();
    bool killModel();
    bool drain(std::chrono::milliseconds timeout);
    /// Waits for the model server to report no open request; how long it took, nullopt if never.
    std::optional<qint64> waitModelIdle(std::chrono::milliseconds timeout);
    std::optional<SellerTotals> sellerTotals() const;
    qint64 sellerRssKb() const;
    QStringList sellerFds() const;
    QString logTail(const QString &file) const;
    std::chrono::milliseconds draw(std::chrono::seconds low, std::chrono::seconds high);
    bool check(bool condition, const QString &what);

    SoakSettings m_settings;
    QTemporaryDir m_dir;
    QString m_token;
    QRandomGenerator m_random;
    ChildProcess m_seller;
    std::optional<ChildProcess> m_broker;
    std::optional<ChildProcess> m_model;
    quint16 m_brokerPort = 0;
    quint16 m_modelPort = 0;
    int m_brokerGeneration = 0;
    int m_modelOpen = 0;
    bool m_sellerDied = false;
    bool m_stopping = false; ///< the driver stops the seller: its goodbye is no drop
    Ledger m_ledger;
    QElapsedTimer m_clock;

    // Chaos record.
    int m_brokerKills = 0;
    int m_modelKills = 0;
    int m_slowWindows = 0;
    qint64 m_slowBytes = 0; ///< the seller's bytes the relay let through while slow
    qint64 m_slowSaturatedTicks = 0; ///< slow ticks with more waiting than the budget
    qint64 m_maxAbortMs = 0; ///< broker kill → model server idle, worst case
    int m_abortMisses = 0; ///< kills after which the model server stayed busy
    qint64 m_maxReconnectMs = 0; ///< broker restart → registered, worst case
    QStringList m_failures;

    // Results.
    Snapshot m_baseline; ///< after warm-up
    Snapshot m_end; ///< after the final quiet period
    bool m_chaosCompleted = false;
    bool m_modelIdleAtEnd = false;
    int m_sellerExit = -1;
};

} // namespace coderai::bench
