#include "earningsmodel.h"

namespace coderai {

EarningsModel::EarningsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

EarningsModel::~EarningsModel() = default;

void EarningsModel::setRows(const QList<LedgerModelTotals> &models, const PriceSettings &prices)
{
    beginResetModel();
    m_rows.clear();
    m_currency = prices.isSet() ? prices.currency : QString();
    m_locale = QLocale();
    for (const LedgerModelTotals &entry : models) {
        const money::Micros earnings = entry.model.isEmpty() || !prices.isSet()
                                           ? 0
                                           : prices.estimate(entry.model, servedUsage(entry.totals));
        m_rows.append({entry.model, entry.totals, earnings});
    }
    endResetModel();
}

int EarningsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EarningsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EarningsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const bool named = !row.model.isEmpty();
    if (role == SortRole) {
        switch (index.column()) {
        case ModelColumn: return row.model;
        case ServedColumn: return row.totals.served;
        case FailedColumn: return row.totals.failed;
        case TokensColumn: return row.totals.servedTokens();
        case EarningsColumn: return row.earnings;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == ModelColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && !named)
        return tr("Model lists and capability checks: AISBF asks for them, buyers do not pay for them.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ModelColumn: return named ? row.model : tr("(no model)");
    case ServedColumn: return m_locale.toString(row.totals.served);
    case FailedColumn: return m_locale.toString(row.totals.failed);
    case TokensColumn: return m_locale.toString(row.totals.servedTokens());
    case EarningsColumn:
        // No prices, or nothing a buyer pays for: a dash rather than a misleading zero.
        return m_currency.isEmpty() || !named ? QStringLiteral("—") : money::format(row.earnings, m_currency, m_locale);
    default: return {};
    }
}

QVariant EarningsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        if (section == TokensColumn)
            return tr("Prompt and completion tokens of served requests: what your token price applies to");
        if (section == EarningsColumn)
            return tr("Estimated at your prices; AISBF's statement is what pays");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn: return tr("Model");
    case ServedColumn: return tr("Served");
    case FailedColumn: return tr("Failed");
    case TokensColumn: return tr("Tokens served");
    case EarningsColumn: return tr("Estimated earnings");
    default: return {};
    }
}

} // namespace coderai
