#pragma once

#include "stats/requestrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace coderai {

/// \brief The latest requests, newest first: time, operation, model, tokens, latency, outcome.
///
/// RequestRecord holds metadata only, so nothing a buyer asked or a model answered can show
/// here.
class ActivityModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum Column { TimeColumn, OperationColumn, ModelColumn, TokensColumn, LatencyColumn, OutcomeColumn, ColumnCount };

    explicit ActivityModel(QObject *parent = nullptr);
    ~ActivityModel() override;

    void setRecords(const QList<RequestRecord> &records);
    const QList<RequestRecord> &records() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeText(const RequestRecord &record);

private:
    QList<RequestRecord> m_records;
};

} // namespace coderai
