#pragma once

#include "ledger/ledgertypes.h"
#include "ledger/prices.h"

namespace coderai {

/// What \a totals served, in the units prices apply to.
ServedUsage servedUsage(const LedgerTotals &totals);

/// Estimated earnings of \a models at \a prices: the sum of each model's estimate, so a total
/// always equals the sum of the per-model figures shown beside it. Rows that name no model
/// (models.list, capabilities) earn nothing: buyers pay for work done by a model. 0 without
/// prices. The one sum the window, the tray and the headless summary line all show.
money::Micros estimateEarnings(const QList<LedgerModelTotals> &models, const PriceSettings &prices);

} // namespace coderai
