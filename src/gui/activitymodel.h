#pragma once

#include "stats/requestrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace coderai {

class ActivityJournal;

/// \brief The latest requests, newest first: time, operation, model, tokens, latency, outcome.
///
/// RequestRecord holds metadata only, so nothing a buyer asked or a model answered can show
/// here. With a journal attached the rows are the journal's, so they outlive restarts and new
/// sessions; without one, whatever setRecords() was given.
class ActivityModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum Column { TimeColumn, OperationColumn, ModelColumn, TokensColumn, LatencyColumn, OutcomeColumn, ColumnCount };

    explicit ActivityModel(QObject *parent = nullptr);
    ~ActivityModel() override;

    /// Ignored while a journal is attached: the journal already holds these records and more.
    void setRecords(const QList<RequestRecord> &records);
    /// Shows \a journal's rows and follows it; null goes back to setRecords().
    void setJournal(ActivityJournal *journal);
    ActivityJournal *journal() const;
    const QList<RequestRecord> &records() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeText(const RequestRecord &record);

private:
    QList<RequestRecord> m_records;
    QPointer<ActivityJournal> m_journal;
};

} // namespace coderai
