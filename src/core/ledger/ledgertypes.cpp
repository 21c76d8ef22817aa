#include "ledger/ledgertypes.h"

namespace coderai {

QString ledgerOutcomeName(RequestOutcome outcome)
{
    switch (outcome) {
    case RequestOutcome::Served:
        return QStringLiteral("served");
    case RequestOutcome::Failed:
        return QStringLiteral("failed");
    case RequestOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case RequestOutcome::Refused:
        return QStringLiteral("refused");
    }
    return QStringLiteral("failed");
}

std::optional<RequestOutcome> ledgerOutcomeFromName(QStringView name)
{
    for (RequestOutcome outcome : {RequestOutcome::Served, RequestOutcome::Failed, RequestOutcome::Cancelled,
                                   RequestOutcome::Refused}) {
        if (name == ledgerOutcomeName(outcome))
            return outcome;
    }
    return std::nullopt;
}

void LedgerTotals::add(const RequestRecord &record)
{
    add(record.outcome, 1, record.promptTokens, record.completionTokens, record.tokensEstimated ? 1 : 0,
        record.latency.count(), record.bytesIn, record.bytesOut);
}

void LedgerTotals::add(RequestOutcome outcome, qint64 count, qint64 prompt, qint64 completion, qint64 estimated,
                       qint64 latencyMs, qint64 in, qint64 out)
{
    requests += count;
    switch (outcome) {
    case RequestOutcome::Served:
        served += count;
        servedPromptTokens += prompt;
        servedCompletionTokens += completion;
        break;
    case RequestOutcome::Failed:
        failed += count;
        break;
    case RequestOutcome::Cancelled:
        cancelled += count;
        break;
    case RequestOutcome::Refused:
        refused += count;
        break;
    }
    promptTokens += prompt;
    completionTokens += completion;
    estimatedRequests += estimated;
    latencyMsSum += latencyMs;
    bytesIn += in;
    bytesOut += out;
}

LedgerTotals &LedgerTotals::operator+=(const LedgerTotals &other)
{
    requests += other.requests;
    served += other.served;
    failed += other.failed;
    cancelled += other.cancelled;
    refused += other.refused;
    promptTokens += other.promptTokens;
    completionTokens += other.completionTokens;
    servedPromptTokens += other.servedPromptTokens;
    servedCompletionTokens += other.servedCompletionTokens;
    estimatedRequests += other.estimatedRequests;
    latencyMsSum += other.latencyMsSum;
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    return *this;
}

LedgerTotals sumOf(const QList<LedgerModelTotals> &models)
{
    LedgerTotals sum;
    for (const LedgerModelTotals &entry : models)
        sum += entry.totals;
    return sum;
}

MarketFigures MarketFigures::from(const LedgerTotals &chat)
{
    MarketFigures figures;
    figures.requestCount = chat.requests;
    figures.totalTokens = chat.totalTokens();
    if (chat.requests > 0) {
        figures.averageLatencyMs = double(chat.latencyMsSum) / double(chat.requests);
        figures.errorRate = double(chat.requests - chat.served) / double(chat.requests);
    }
    return figures;
}

} // namespace coderai
