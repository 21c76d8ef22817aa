#pragma once

#include "ledger/ledgerdatabase.h"
#include "stats/requestrecord.h"

#include <QMutex>
#include <QObject>
#include <QSqlQuery>

struct sqlite3_stmt;

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace coderai {

/// What the Ledger and its writer share: the batches handed over and not yet committed. The
/// writer commits a batch and drops it under the mutex, so a figure read under the same mutex
/// counts every row exactly once, from the file or from here.
struct LedgerHandOver
{
    QMutex mutex;
    std::deque<std::vector<RequestRecord>> batches; ///< oldest first; elements never move
};

/// \brief The Ledger's writing half: lives on its own thread with its own connection.
class LedgerWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerWriter)

public:
    LedgerWriter(QString path, int retentionDays, std::shared_ptr<LedgerHandOver> handOver);
    ~LedgerWriter() override;

    /// Creates or opens the file, migrates it, applies retention. Returns the error, if any.
    QString open();
    /// Commits the oldest batch handed over, in one transaction with its rollup sums.
    void writeNext();
    /// Deletes rows and rollup buckets older than the retention period.
    void applyRetention();
    void close();

private:
    bool writeBatch(const std::vector<RequestRecord> &batch, QString *error);
    void reportError(const QString &what);

    const QString m_path;
    const int m_retentionDays;
    std::shared_ptr<LedgerHandOver> m_handOver;
    LedgerConnection m_connection;
    /// The per-request insert as SQLite's own prepared statement on Qt's connection: binding
    /// through QSqlQuery cost ~12 µs a row, ten times SQLite's own work (docs/PERFORMANCE.md).
    sqlite3_stmt *m_insertRow = nullptr;
    std::optional<QSqlQuery> m_addRollup;
    std::chrono::steady_clock::time_point m_lastRetention;
    bool m_open = false;
    bool m_errorReported = false;
};

} // namespace coderai
