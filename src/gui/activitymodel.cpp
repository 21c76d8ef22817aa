#include "activitymodel.h"

#include "activityjournal.h"

#include <QBrush>
#include <QLocale>

namespace coderai {

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ActivityModel::~ActivityModel() = default;

void ActivityModel::setRecords(const QList<RequestRecord> &records)
{
    if (m_journal)
        return;
    beginResetModel();
    m_records = records;
    endResetModel();
}

void ActivityModel::setJournal(ActivityJournal *journal)
{
    if (m_journal)
        m_journal->disconnect(this);
    m_journal = journal;
    auto reload = [this] {
        beginResetModel();
        m_records = m_journal ? m_journal->records() : QList<RequestRecord>{};
        endResetModel();
    };
    if (journal)
        connect(journal, &ActivityJournal::changed, this, reload);
    reload();
}

ActivityJournal *ActivityModel::journal() const { return m_journal; }

const QList<RequestRecord> &ActivityModel::records() const { return m_records; }

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivityModel::outcomeText(const RequestRecord &record)
{
    QString text;
    switch (record.outcome) {
    case RequestOutcome::Served:
        return tr("Served");
    case RequestOutcome::Failed:
        text = tr("Failed");
        break;
    case RequestOutcome::Cancelled:
        text = tr("Cancelled");
        break;
    case RequestOutcome::Refused:
        text = tr("Refused");
        break;
    }
    // The protocol's error code (PROTOCOL.md §5) is stable and searchable; it is not translated.
    return record.errorCode.isEmpty() ? text : tr("%1 (%2)").arg(text, record.errorCode);
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const RequestRecord &record = m_records.at(index.row());
    const QLocale locale;
    if (role == Qt::TextAlignmentRole && (index.column() == TokensColumn || index.column() == LatencyColumn))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ToolTipRole && index.column() == TokensColumn) {
        QString tip = tr("%1 prompt tokens, %2 completion tokens")
                          .arg(locale.toString(record.promptTokens), locale.toString(record.completionTokens));
        if (record.tokensPerSecond > 0)
            tip += QLatin1Char('\n') + tr("%1 tokens/s").arg(locale.toString(record.tokensPerSecond, 'f', 1));
        if (record.tokensEstimated)
            tip += QLatin1Char('\n') + tr("Counted from the stream: the model server reported no usage.");
        return tip;
    }
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn && record.outcome == RequestOutcome::Failed)
        return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        // 24-hour with seconds everywhere: requests are seconds apart, and AM/PM would crowd the column.
        return record.finishedAt.toLocalTime().time().toString(QStringLiteral("HH:mm:ss"));
    case OperationColumn:
        return record.stream ? tr("%1 (stream)").arg(record.op) : record.op;
    case ModelColumn:
        return record.model.isEmpty() ? tr("—") : record.model;
    case TokensColumn:
        if (record.promptTokens == 0 && record.completionTokens == 0)
            return tr("—");
        return tr("%1 → %2%3")
            .arg(locale.toString(record.promptTokens), locale.toString(record.completionTokens),
                 record.tokensEstimated ? tr(" (est.)") : QString());
    case LatencyColumn:
        return tr("%1 ms").arg(locale.toString(static_cast<qint64>(record.latency.count())));
    case OutcomeColumn:
        return outcomeText(record);
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case OperationColumn:
        return tr("Operation");
    case ModelColumn:
        return tr("Model");
    case TokensColumn:
        return tr("Tokens");
    case LatencyColumn:
        return tr("Latency");
    case OutcomeColumn:
        return tr("Outcome");
    default:
        return {};
    }
}

} // namespace coderai
