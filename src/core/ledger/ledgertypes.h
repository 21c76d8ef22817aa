#pragma once

#include "stats/requestrecord.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace coderai {

/// The name an outcome has in the ledger file and its exports ("served", "failed", …).
QString ledgerOutcomeName(RequestOutcome outcome);
std::optional<RequestOutcome> ledgerOutcomeFromName(QStringView name);

/// \brief Sums over a set of ledger rows: what every ledger query answers.
///
/// Integer counts only, so money is computed from them exactly (prices work in micro-units).
struct LedgerTotals
{
    qint64 requests = 0; ///< every outcome
    qint64 served = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    qint64 refused = 0;
    qint64 promptTokens = 0; ///< every outcome: a cancelled stream still generated
    qint64 completionTokens = 0;
    /// Served requests only: what the seller's prices apply to.
    qint64 servedPromptTokens = 0;
    qint64 servedCompletionTokens = 0;
    qint64 estimatedRequests = 0; ///< rows whose tokens were counted from deltas
    qint64 latencyMsSum = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;

    qint64 totalTokens() const { return promptTokens + completionTokens; }
    qint64 servedTokens() const { return servedPromptTokens + servedCompletionTokens; }
    bool isEmpty() const { return requests == 0; }

    void add(const RequestRecord &record);
    /// \a count rows of one outcome with these sums: a rollup row.
    void add(RequestOutcome outcome, qint64 count, qint64 prompt, qint64 completion, qint64 estimated,
             qint64 latencyMs, qint64 in, qint64 out);
    LedgerTotals &operator+=(const LedgerTotals &other);
    bool operator==(const LedgerTotals &) const = default;
};

/// One local calendar day.
struct LedgerDay
{
    QDate date;
    LedgerTotals totals;
};

/// One model; requests that name no model (models.list, capabilities) have an empty name.
struct LedgerModelTotals
{
    QString model;
    LedgerTotals totals;
};

/// Every model's totals added up: the range's totals, from the one query that also prices them.
LedgerTotals sumOf(const QList<LedgerModelTotals> &models);

/// \brief The figures AISBF's market shows buyers about a provider, computed the same way.
///
/// AISBF (aisbf/routes/dashboard/market.py, _attach_analytics_snapshot, from
/// analytics.get_provider_stats) counts every recorded buyer request of the window: request
/// count is all of them, total tokens their prompt plus completion tokens, average latency the
/// plain mean over all of them (failures included) and error rate the unsuccessful share. Its
/// rows come from buyers' chat requests, so only chat completions count here; everything not
/// served is an error there (PROTOCOL.md §10: even overloaded and seller_paused).
struct MarketFigures
{
    qint64 requestCount = 0;
    qint64 totalTokens = 0;
    double averageLatencyMs = 0;
    double errorRate = 0; ///< 0 … 1

    static MarketFigures from(const LedgerTotals &chat);
    bool operator==(const MarketFigures &) const = default;
};

} // namespace coderai
