#pragma once

#include "stats/requestrecord.h"
#include "sessionstate.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <array>

namespace coderai {

class SellerService;

/// \brief The seller's figures in the Prometheus text exposition format (0.0.4), for
/// `--metrics-listen` (docs/FLEET.md lists every series).
///
/// Counters that only a stream of events can give (requests by op, model and outcome, tokens,
/// the duration histogram, connects and disconnects) are kept here, fed per record at the cost
/// of two hash lookups; gauges (state, in flight, GPUs, the cap) are read from the service when
/// scraped. Nothing rendered carries the token or a URL.
class SellerMetrics final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SellerMetrics)

public:
    /// Label values from buyers (model names) and from AISBF (ops) are bounded like
    /// SessionStats bounds its windows: later names are counted under "other".
    static constexpr int MaxModels = 64;
    static constexpr int MaxOps = 16;
    /// Upper bounds of the request duration histogram, in seconds: 5 ms to 10 min.
    static constexpr std::array<double, 16> DurationBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                                            2.5, 5, 10, 30, 60, 120, 300, 600};

    /// Follows \a service (not owned) from now on; it must outlive this object.
    explicit SellerMetrics(SellerService *service, QObject *parent = nullptr);
    ~SellerMetrics() override;

    /// The whole exposition, every series with its HELP and TYPE.
    QByteArray render() const;

    /// \brief Whether a load balancer or Kubernetes should count on this seller now.
    struct Readiness
    {
        bool ready = false;
        QByteArray reason; ///< one English line, without URLs or secrets
    };
    /// Ready while Online and the local model server answers.
    Readiness readiness() const;

private:
    struct OpSeries
    {
        std::array<qint64, 4> byOutcome{}; ///< indexed by RequestOutcome
        std::array<qint64, DurationBuckets.size()> buckets{}; ///< not cumulative; rendering sums
        qint64 count = 0;
        double sumSeconds = 0;
    };
    struct ModelSeries
    {
        QHash<QString, std::array<qint64, 4>> requestsByOp;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
        qint64 servedRequests = 0; ///< what earns: served requests and their tokens
        qint64 servedTokens = 0;
    };

    void record(const RequestRecord &record);
    void onStateChanged(SessionState state, SessionState previous);
    /// The key a label value is counted under: itself while there is room, else "other".
    template<typename Series>
    Series &bounded(QHash<QString, Series> &series, const QString &key, int limit);

    void renderSession(QByteArray &out) const;
    void renderRequests(QByteArray &out) const;
    void renderGpus(QByteArray &out) const;
    void renderEarnings(QByteArray &out) const;

    SellerService *m_service;
    QHash<QString, OpSeries> m_ops;
    QHash<QString, ModelSeries> m_models; ///< "" for ops that name no model
    qint64 m_connectAttempts = 0;
    qint64 m_connects = 0;
    QHash<QString, qint64> m_disconnects; ///< by reason
};

} // namespace coderai
