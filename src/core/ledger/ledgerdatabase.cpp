#include "ledger/ledgerdatabase.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace coderai {
namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("coderai-ledger-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Version 1: one row per finished request. Times are UTC milliseconds since the epoch; the
// outcome is a word so the file reads plainly in any SQLite tool.
const char *const kVersion1[] = {
    "CREATE TABLE requests ("
    " id INTEGER PRIMARY KEY,"
    " finished_at INTEGER NOT NULL,"
    " op TEXT NOT NULL,"
    " model TEXT NOT NULL,"
    " outcome TEXT NOT NULL,"
    " error_code TEXT NOT NULL,"
    " stream INTEGER NOT NULL,"
    " prompt_tokens INTEGER NOT NULL,"
    " completion_tokens INTEGER NOT NULL,"
    " tokens_estimated INTEGER NOT NULL,"
    " latency_ms INTEGER NOT NULL,"
    " bytes_in INTEGER NOT NULL,"
    " bytes_out INTEGER NOT NULL)",
};

// Version 2: what the queries need to stay fast on millions of rows. The rollup holds a row per
// (bucket, model, op, outcome) and is written in the same transaction as the rows it sums.
const char *const kVersion2[] = {
    "CREATE INDEX requests_finished_at ON requests(finished_at)",
    "CREATE TABLE rollup ("
    " bucket INTEGER NOT NULL," // UTC seconds since the epoch, a multiple of BucketSeconds
    " model TEXT NOT NULL,"
    " op TEXT NOT NULL,"
    " outcome TEXT NOT NULL,"
    " requests INTEGER NOT NULL,"
    " prompt_tokens INTEGER NOT NULL,"
    " completion_tokens INTEGER NOT NULL,"
    " estimated INTEGER NOT NULL,"
    " latency_ms INTEGER NOT NULL,"
    " bytes_in INTEGER NOT NULL,"
    " bytes_out INTEGER NOT NULL,"
    " PRIMARY KEY (bucket, model, op, outcome)) WITHOUT ROWID",
    "INSERT INTO rollup SELECT (finished_at / 900000) * 900, model, op, outcome, COUNT(*),"
    " SUM(prompt_tokens), SUM(completion_tokens), SUM(tokens_estimated), SUM(latency_ms),"
    " SUM(bytes_in), SUM(bytes_out) FROM requests GROUP BY 1, 2, 3, 4",
};
static_assert(ledgerschema::BucketSeconds == 900, "the version 2 backfill spells the bucket length out");

struct Migration
{
    const char *const *begin;
    const char *const *end;
};

const Migration kMigrations[] = {
    {std::begin(kVersion1), std::end(kVersion1)},
    {std::begin(kVersion2), std::end(kVersion2)},
};
static_assert(std::size(kMigrations) == ledgerschema::CurrentVersion);

} // namespace

bool execLedgerSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

LedgerConnection::LedgerConnection()
    : m_name(nextConnectionName())
{
}

LedgerConnection::~LedgerConnection()
{
    close();
}

bool LedgerConnection::open(const QString &path, Mode mode, QString *error)
{
    close();
    if (mode == Mode::ReadOnly && !QFileInfo::exists(path)) {
        *error = QStringLiteral("%1 does not exist").arg(path);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    // A writer holds the write lock for a commit at most; readers and writers wait that long.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    if (mode == Mode::ReadWrite) {
        // WAL: readers (the window, --ledger in another process) never block the writer, and a
        // crash loses at most the transaction being written. NORMAL skips the fsync per commit,
        // which WAL makes safe against corruption.
        QSqlQuery journal(db);
        if (!journal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !journal.next()
            || journal.value(0).toString() != QLatin1StringView("wal")) {
            *error = QStringLiteral("cannot switch to WAL: %1").arg(journal.lastError().text());
            return false;
        }
        if (!execLedgerSql(db, QStringLiteral("PRAGMA synchronous=NORMAL"), error))
            return false;
    }
    return true;
}

bool LedgerConnection::isOpen() const
{
    return QSqlDatabase::contains(m_name) && database().isOpen();
}

QSqlDatabase LedgerConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

void LedgerConnection::close()
{
    if (!QSqlDatabase::contains(m_name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

namespace ledgerschema {

int version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool migrate(QSqlDatabase &db, QString *error)
{
    const int from = version(db);
    if (from < 0) {
        *error = QStringLiteral("cannot read the schema version: %1").arg(db.lastError().text());
        return false;
    }
    if (from > CurrentVersion) {
        *error = QStringLiteral("the file has schema version %1, newer than this build's %2")
                     .arg(from)
                     .arg(CurrentVersion);
        return false;
    }
    for (int target = from + 1; target <= CurrentVersion; ++target) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        const Migration &migration = kMigrations[target - 1];
        bool ok = true;
        for (auto statement = migration.begin; ok && statement != migration.end; ++statement)
            ok = execLedgerSql(db, QString::fromLatin1(*statement), error);
        ok = ok && execLedgerSql(db, QStringLiteral("PRAGMA user_version=%1").arg(target), error);
        if (!ok || !db.commit()) {
            if (ok)
                *error = db.lastError().text();
            db.rollback();
            *error = QStringLiteral("migration to schema version %1 failed: %2").arg(target).arg(*error);
            return false;
        }
    }
    return true;
}

} // namespace ledgerschema
} // namespace coderai
