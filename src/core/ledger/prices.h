#pragma once

#include "ledger/money.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace coderai {

/// \brief One model's own prices and description; an unset price falls back to the default.
struct ModelPrice
{
    QString model; ///< the model id exactly as the local server lists it
    std::optional<money::Micros> perMillionTokens;
    std::optional<money::Micros> perThousandRequests;
    QString description; ///< the seller's words for buyers; empty: none sent

    friend bool operator==(const ModelPrice &, const ModelPrice &) = default;
};

/// \brief A price pair after per-model fallback.
struct UnitPrices
{
    money::Micros perMillionTokens = 0;
    money::Micros perThousandRequests = 0;

    friend bool operator==(const UnitPrices &, const UnitPrices &) = default;
};

/// \brief What one model served: only served (successful) requests earn.
///
/// Plain counts, so the ledger's totals feed it without this code knowing the ledger's types.
struct ServedUsage
{
    qint64 requests = 0;
    qint64 tokens = 0; ///< prompt and completion together, the unit AISBF's market prices
};

/// \brief The seller's prices, in the AISBF market's units, and the per-model metadata.
///
/// Estimates only: AISBF bills buyers and its statement is what pays. No currency label means
/// the seller set no prices, and no money is shown anywhere.
struct PriceSettings
{
    QString currency; ///< free text ("USD", "EUR", "€"); empty: no prices set
    money::Micros perMillionTokens = 0;
    money::Micros perThousandRequests = 0;
    QList<ModelPrice> models;
    bool showInModelList = false; ///< send `pricing` in models.list (USD only)

    /// A currency label is set, so money can be shown.
    bool isSet() const;
    /// The label names US dollars, the only currency AISBF's model pricing is in.
    bool isUsd() const;
    /// models.list carries `pricing`: asked for, and the prices are in USD.
    bool sendsPricing() const;

    /// The model's own entry, or nullptr.
    const ModelPrice *find(const QString &model) const;
    /// The model's prices, each unit falling back to the default on its own.
    UnitPrices pricesFor(const QString &model) const;
    /// Estimated earnings of what \a model served, in micros (money::earnings, rounded once).
    money::Micros estimate(const QString &model, const ServedUsage &served) const;

    /// The OpenRouter-style `pricing` object AISBF copies into its model list: USD per token as
    /// decimal strings for `prompt` and `completion` (one price per token for both: the market
    /// has one token price) and `request` per request. Exact decimal conversion, no doubles.
    QJsonObject openRouterPricing(const QString &model) const;

    friend bool operator==(const PriceSettings &, const PriceSettings &) = default;
};

} // namespace coderai
