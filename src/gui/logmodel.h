#pragma once

#include "logbuffer.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace coderai {

/// \brief The LogBuffer's lines as a table: time, level, category, message.
///
/// Keeps its own copy of the lines (the strings are shared, not copied) and follows the buffer:
/// new lines are inserted at the end and lines the buffer dropped are removed from the top, in
/// one step per linesAppended(), so a view never sees a row per log call.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1, LineTextRole };

    /// \a buffer is not owned and may be null.
    explicit LogModel(LogBuffer *buffer, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const LogLine &line(int row) const;
    /// The level's name for the seller, translated.
    static QString levelText(LogLine::Level level);

    /// Takes what the buffer has gained and lost since the last call.
    void sync();

private:
    QPointer<LogBuffer> m_buffer;
    QList<LogLine> m_lines;
    qint64 m_nextSequence = 0;
};

/// \brief Shows the lines at or above a level that contain a text (in message or category).
class LogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)

public:
    explicit LogFilterModel(QObject *parent = nullptr);

    void setMinimumLevel(LogLine::Level level);
    LogLine::Level minimumLevel() const;
    /// Case-insensitive, plain text (not a pattern: sellers paste error messages with brackets).
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLine::Level m_minimum = LogLine::Level::Debug;
    QString m_search;
};

} // namespace coderai
