#pragma once

#include "stats/requestrecord.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

namespace coderai {

class SessionStats;

/// \brief The recent-activity rows kept across restarts and new sessions: a bounded file of
/// request metadata in the app's data folder, until the earnings ledger takes this over.
///
/// Only the fields of RequestRecord are written, which hold no prompt or output content and
/// never the token. Appending costs a list insert; the file is rewritten whole (atomically, at
/// most MaxRows short lines) at most once per FlushDelay, on flush() and on destruction.
class ActivityJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityJournal)

public:
    static constexpr int MaxRows = 500;
    static constexpr std::chrono::milliseconds FlushDelay{std::chrono::seconds(10)};
    /// changed() follows appends by this much, so a view resets a few times a second at most.
    static constexpr std::chrono::milliseconds ChangedDelay{250};

    /// Reads \a filePath if it exists; nothing is written until a record arrives.
    explicit ActivityJournal(const QString &filePath, QObject *parent = nullptr);
    ~ActivityJournal() override;

    /// The journal's file in \a dataDir, the folder the app (or the demo) keeps its data in.
    static QString fileIn(const QString &dataDir);

    QString filePath() const;
    /// Newest first, at most MaxRows.
    QList<RequestRecord> records() const;
    void append(const RequestRecord &record);
    /// Appends what \a stats records from now on; a later call moves to another session's stats.
    void follow(SessionStats *stats);
    /// Writes pending rows now; false when the file could not be written.
    bool flush();

    /// One record as a line of the file (no newline), and back; decode() is false for a line
    /// that is not a row.
    static QByteArray encode(const RequestRecord &record);
    static bool decode(const QByteArray &line, RequestRecord *record);

signals:
    /// Coalesced: at most once per ChangedDelay however many records arrive.
    void changed();

private:
    void load();

    QString m_filePath;
    QList<RequestRecord> m_records; ///< newest first
    QPointer<SessionStats> m_stats;
    QTimer m_flushTimer;
    QTimer m_changedTimer;
    bool m_dirty = false;
};

} // namespace coderai
