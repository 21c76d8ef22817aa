#pragma once

#include "ledger/prices.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace coderai {

/// Which AISBF path the provider lives under (PROTOCOL.md §2).
enum class BrokerScope { Global, User };

QString scopeToString(BrokerScope scope);
std::optional<BrokerScope> scopeFromString(const QString &text);

/// \brief Everything one seller session needs, as plain values; the token is kept apart.
///
/// Layers (stored settings, an imported CoderAI config, the command line) each produce a
/// SellerConfigOverlay that is applied on top of the previous layer.
struct SellerConfig
{
    QUrl baseUrl{QStringLiteral("https://aisbf.cloud")};
    BrokerScope scope = BrokerScope::Global;
    QString username{QStringLiteral("global")};
    QString providerId{QStringLiteral("coderai-local")};
    QString clientId; ///< empty until defaulted from the host name
    QUrl localUrl{QStringLiteral("http://127.0.0.1:8080")};
    bool tokenInUrl = false;
    QString caFile;
    int maxConcurrent = 4;
    int maxQueued = 16;
    qint64 maxOutgoingMessageBytes = 16 * 1024 * 1024;
    qint64 maxIncomingMessageBytes = 64 * 1024 * 1024;
    QStringList modelAllowlist; ///< empty: every local model; '*' wildcards allowed
    QStringList proxyPrefixes{QStringLiteral("v1/"), QStringLiteral("coderai/")};

    std::chrono::milliseconds heartbeatInterval{std::chrono::seconds(30)};
    std::chrono::milliseconds connectTimeout{std::chrono::seconds(15)};
    std::chrono::milliseconds registerTimeout{std::chrono::seconds(30)};
    std::chrono::milliseconds pingInterval{std::chrono::seconds(20)};
    std::chrono::milliseconds peerTimeout{std::chrono::seconds(60)};
    std::chrono::milliseconds drainTimeout{std::chrono::seconds(30)};
    std::chrono::milliseconds firstRetryDelay{std::chrono::seconds(1)};
    std::chrono::milliseconds maxRetryDelay{std::chrono::seconds(60)};
    /// The first step after an established session is lost (a broker restart): the broker is
    /// usually back within a few hundred milliseconds, and buyers are waiting.
    std::chrono::milliseconds lostSessionRetryDelay{std::chrono::milliseconds(200)};
    std::chrono::milliseconds stableOnlineReset{std::chrono::seconds(60)};
    std::chrono::milliseconds rejectedRetryDelay{std::chrono::minutes(2)};
    std::chrono::milliseconds maxRejectedRetryDelay{std::chrono::minutes(15)};
    std::chrono::milliseconds localCheckInterval{std::chrono::seconds(10)};
    int localFailuresUntilDown = 3;
    std::chrono::milliseconds keepaliveInterval{std::chrono::seconds(30)};

    // Every local request ends in bounded time; past a limit the buyer gets upstream_timeout.
    // Deadlines count from when the local request starts; time in the queue is not the local
    // server's fault. Inactivity: nothing read from the local server for that long.
    std::chrono::milliseconds chatDeadline{std::chrono::minutes(30)}; ///< a whole chat, plain or streamed
    std::chrono::milliseconds chatInactivityTimeout{std::chrono::minutes(10)};
    std::chrono::milliseconds proxyDeadline{std::chrono::minutes(10)}; ///< a proxy answered in one message
    /// A proxy request with `stream: true`, or answered `text/event-stream`.
    std::chrono::milliseconds proxyStreamDeadline{std::chrono::minutes(60)};
    std::chrono::milliseconds proxyInactivityTimeout{std::chrono::minutes(2)};

    /// The seller's prices and per-model descriptions (settings group "prices"). Estimates and
    /// models.list metadata only: nothing here changes how a request is served.
    PriceSettings prices;
    // Serving rules (ServingPolicy; README "Serving rules"). A timed pause is kept under
    // policy/paused_until by TimedPause itself, not here: it is state, not a setting.
    QString servingSchedule; ///< WeeklySchedule text form; empty: every hour
    bool ownerActivityRule = true; ///< limit serving while the seller uses the desktop
    std::chrono::milliseconds ownerIdleThreshold{std::chrono::minutes(5)};
    int ownerCap = 0; ///< concurrency while the owner is at the computer or its GPU is in use
    bool gpuUseRule = true; ///< limit serving while other programs use a GPU
    QStringList localServerProcessNames; ///< the local server's process names, when its socket cannot be traced
    bool thermalGuard = true;
    int thermalLimitC = 85;
    int powerLimitPercent = 95; ///< of the GPU's power limit; 0 turns the power check off
    /// `[ADDR:]PORT` for the Prometheus and health endpoints (MetricsListen); empty: off.
    QString metricsListen;

    /// The client id a fresh install uses: the host name, made safe for a URL.
    static QString defaultClientId();

    /// Field-wise equality, so a round trip through settings can be checked as a whole.
    friend bool operator==(const SellerConfig &, const SellerConfig &) = default;
};

/// \brief A partial SellerConfig: only the fields one layer actually sets.
struct SellerConfigOverlay
{
    std::optional<QUrl> baseUrl;
    std::optional<BrokerScope> scope;
    std::optional<QString> username;
    std::optional<QString> providerId;
    std::optional<QString> clientId;
    std::optional<QUrl> localUrl;
    std::optional<bool> tokenInUrl;
    std::optional<QString> caFile;
    std::optional<int> maxConcurrent;
    std::optional<std::chrono::milliseconds> heartbeatInterval;
    std::optional<QString> metricsListen;

    void applyTo(SellerConfig &config) const;
};

/// \brief One problem found by validate(): the field it concerns and a sentence for the seller.
struct ConfigProblem
{
    QString field; ///< the setting's name as the command line and config file spell it
    QString message;
};

/// Checks scope/username rules, URL schemes and ids (PROTOCOL.md §2). Empty when valid.
QList<ConfigProblem> validate(const SellerConfig &config);

} // namespace coderai

Q_DECLARE_METATYPE(coderai::SellerConfig)
