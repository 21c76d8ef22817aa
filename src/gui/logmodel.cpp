#include "logmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace coderai {

LogModel::LogModel(LogBuffer *buffer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_buffer(buffer)
{
    if (buffer)
        connect(buffer, &LogBuffer::linesAppended, this, &LogModel::sync);
    sync();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelText(LogLine::Level level)
{
    switch (level) {
    case LogLine::Level::Debug:
        return tr("Debug");
    case LogLine::Level::Info:
        return tr("Info");
    case LogLine::Level::Warning:
        return tr("Warning");
    case LogLine::Level::Error:
        return tr("Error");
    }
    return {};
}

const LogLine &LogModel::line(int row) const
{
    return m_lines.at(row);
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const LogLine &entry = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
            return levelText(entry.level);
        case CategoryColumn:
            return entry.category;
        case MessageColumn:
            return entry.message;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QLocale().toString(entry.time, QLocale::LongFormat);
        if (index.column() == MessageColumn && entry.message.size() > 120)
            return entry.message;
        return {};
    case Qt::ForegroundRole:
        // Colours that read on light and dark themes alike.
        if (entry.level == LogLine::Level::Error)
            return QBrush(QColor(0xd3, 0x2f, 0x2f));
        if (entry.level == LogLine::Level::Warning)
            return QBrush(QColor(0xc7, 0x7c, 0x02));
        return {};
    case LevelRole:
        return int(entry.level);
    case LineTextRole:
        return entry.toText();
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Source");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

void LogModel::sync()
{
    if (!m_buffer)
        return;
    const LogBuffer::Slice slice = m_buffer->since(m_nextSequence);

    // Drop from the top what the buffer no longer keeps, before adding at the bottom.
    qsizetype dropped = 0;
    while (dropped < m_lines.size() && m_lines.at(dropped).sequence < slice.firstKept)
        ++dropped;
    if (dropped > 0) {
        beginRemoveRows({}, 0, int(dropped) - 1);
        m_lines.remove(0, dropped);
        endRemoveRows();
    }
    if (!slice.lines.isEmpty()) {
        const int first = int(m_lines.size());
        beginInsertRows({}, first, first + int(slice.lines.size()) - 1);
        m_lines.append(slice.lines);
        endInsertRows();
        m_nextSequence = slice.lines.last().sequence + 1;
    }
}

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void LogFilterModel::setMinimumLevel(LogLine::Level level)
{
    if (level == m_minimum)
        return;
    m_minimum = level;
    invalidateFilter();
}

LogLine::Level LogFilterModel::minimumLevel() const
{
    return m_minimum;
}

void LogFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const LogModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    const LogLine &entry = model->line(sourceRow);
    if (entry.level < m_minimum)
        return false;
    return m_search.isEmpty() || entry.message.contains(m_search, Qt::CaseInsensitive)
        || entry.category.contains(m_search, Qt::CaseInsensitive);
}

} // namespace coderai
