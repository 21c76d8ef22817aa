#include "ledger/prices.h"

#include <algorithm>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

// A price per million tokens in micros is, per token, micros × 10^-6 units / 10^6 tokens:
// the same digits shifted 12 places. Per 1000 requests, per request: 9 places.
constexpr int kPerTokenScale = 12;
constexpr int kPerRequestScale = 9;

} // namespace

bool PriceSettings::isSet() const
{
    return !currency.trimmed().isEmpty();
}

bool PriceSettings::isUsd() const
{
    const QString label = currency.trimmed();
    return label.compare("USD"_L1, Qt::CaseInsensitive) == 0 || label == "$"_L1
        || label.compare("US$"_L1, Qt::CaseInsensitive) == 0;
}

bool PriceSettings::sendsPricing() const
{
    return showInModelList && isUsd();
}

const ModelPrice *PriceSettings::find(const QString &model) const
{
    const auto it = std::find_if(models.cbegin(), models.cend(),
                                 [&model](const ModelPrice &entry) { return entry.model == model; });
    return it == models.cend() ? nullptr : &*it;
}

UnitPrices PriceSettings::pricesFor(const QString &model) const
{
    UnitPrices prices{perMillionTokens, perThousandRequests};
    if (const ModelPrice *own = find(model)) {
        prices.perMillionTokens = own->perMillionTokens.value_or(perMillionTokens);
        prices.perThousandRequests = own->perThousandRequests.value_or(perThousandRequests);
    }
    return prices;
}

money::Micros PriceSettings::estimate(const QString &model, const ServedUsage &served) const
{
    const UnitPrices prices = pricesFor(model);
    return money::earnings(served.requests, served.tokens, prices.perThousandRequests, prices.perMillionTokens);
}

QJsonObject PriceSettings::openRouterPricing(const QString &model) const
{
    const UnitPrices prices = pricesFor(model);
    const QString perToken = money::scaledDecimal(prices.perMillionTokens, kPerTokenScale);
    return {
        {u"prompt"_s, perToken},
        {u"completion"_s, perToken},
        {u"request"_s, money::scaledDecimal(prices.perThousandRequests, kPerRequestScale)},
    };
}

} // namespace coderai
