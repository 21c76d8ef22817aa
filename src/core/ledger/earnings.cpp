#include "ledger/earnings.h"

namespace coderai {

ServedUsage servedUsage(const LedgerTotals &totals)
{
    return {totals.served, totals.servedTokens()};
}

money::Micros estimateEarnings(const QList<LedgerModelTotals> &models, const PriceSettings &prices)
{
    if (!prices.isSet())
        return 0;
    money::Micros sum = 0;
    for (const LedgerModelTotals &entry : models) {
        if (!entry.model.isEmpty())
            sum += prices.estimate(entry.model, servedUsage(entry.totals));
    }
    return sum;
}

} // namespace coderai
