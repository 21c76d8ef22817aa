#pragma once

#include "ledger/earnings.h"

#include <QAbstractTableModel>
#include <QLocale>

namespace coderai {


/// \brief The Earnings tab's per-model table: requests served and failed, tokens served and
/// estimated earnings of one range.
///
/// Qt::DisplayRole is the text the seller reads; SortRole holds the plain number (or the name),
/// so a QSortFilterProxyModel sorts 9 before 10 and money by amount, not by text.
class EarningsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarningsModel)

public:
    enum Column { ModelColumn, ServedColumn, FailedColumn, TokensColumn, EarningsColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit EarningsModel(QObject *parent = nullptr);
    ~EarningsModel() override;

    void setRows(const QList<LedgerModelTotals> &models, const PriceSettings &prices);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString model;
        LedgerTotals totals;
        money::Micros earnings = 0;
    };

    QList<Row> m_rows;
    QString m_currency; ///< empty: no prices, no money column values
    QLocale m_locale;
};

} // namespace coderai
