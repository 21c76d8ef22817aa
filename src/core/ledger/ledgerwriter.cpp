#include "ledger/ledgerwriter.h"

#include "ledger/ledgertypes.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

#include <map>
#include <tuple>

using namespace std::chrono_literals;

namespace coderai {
namespace {

constexpr auto kRetentionEvery = 24h;

struct RollupKey
{
    qint64 bucket;
    QString model;
    QString op;
    RequestOutcome outcome;
    auto tie() const { return std::tie(bucket, model, op, outcome); }
    bool operator<(const RollupKey &other) const { return tie() < other.tie(); }
};

} // namespace

LedgerWriter::LedgerWriter(QString path, int retentionDays, std::shared_ptr<LedgerHandOver> handOver)
    : m_path(std::move(path))
    , m_retentionDays(retentionDays)
    , m_handOver(std::move(handOver))
{
}

LedgerWriter::~LedgerWriter()
{
    close();
}

QString LedgerWriter::open()
{
    QString error;
    QDir().mkpath(QFileInfo(m_path).absolutePath()); // a settings folder not saved to yet
    if (!m_connection.open(m_path, LedgerConnection::Mode::ReadWrite, &error)) {
        error = QStringLiteral("cannot open the ledger %1: %2").arg(m_path, error);
        reportError(error);
        return error;
    }
    if (QSqlDatabase db = m_connection.database(); !ledgerschema::migrate(db, &error)) {
        db = {}; // the connection is removed below: no handle may outlive it
        error = QStringLiteral("cannot use the ledger %1: %2").arg(m_path, error);
        reportError(error);
        m_connection.close();
        return error;
    }
    // Qt's QSQLITE driver hands out its sqlite3 handle (Debian's plugin uses the system
    // libsqlite3, the one linked here), so the hot insert can skip QVariant binding.
    const QVariant handle = m_connection.database().driver()->handle();
    sqlite3 *sqlite = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
        ? *static_cast<sqlite3 *const *>(handle.constData())
        : nullptr;
    constexpr char kInsertRow[] =
        "INSERT INTO requests (finished_at, op, model, outcome, error_code, stream, prompt_tokens,"
        " completion_tokens, tokens_estimated, latency_ms, bytes_in, bytes_out)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (!sqlite || sqlite3_prepare_v3(sqlite, kInsertRow, -1, SQLITE_PREPARE_PERSISTENT, &m_insertRow, nullptr) != SQLITE_OK) {
        error = QStringLiteral("cannot use the ledger %1: %2")
                    .arg(m_path, sqlite ? QString::fromUtf8(sqlite3_errmsg(sqlite)) : QStringLiteral("no SQLite handle"));
        reportError(error);
        close();
        return error;
    }
    const QSqlDatabase db = m_connection.database();
    m_addRollup.emplace(db);
    m_addRollup->prepare(QStringLiteral(
        "INSERT INTO rollup VALUES (?, COALESCE(?, ''), COALESCE(?, ''), ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (bucket, model, op, outcome) DO UPDATE SET"
        " requests = requests + excluded.requests,"
        " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
        " completion_tokens = completion_tokens + excluded.completion_tokens,"
        " estimated = estimated + excluded.estimated,"
        " latency_ms = latency_ms + excluded.latency_ms,"
        " bytes_in = bytes_in + excluded.bytes_in,"
        " bytes_out = bytes_out + excluded.bytes_out"));
    m_open = true;
    applyRetention();
    return {};
}

void LedgerWriter::close()
{
    sqlite3_finalize(m_insertRow); // before its connection goes; a no-op on null
    m_insertRow = nullptr;
    m_addRollup.reset();
    m_connection.close(); // the last connection checkpoints the WAL into the file
    m_open = false;
}

void LedgerWriter::reportError(const QString &what)
{
    // Once: a full disk would otherwise log a line per batch. Serving goes on either way.
    if (std::exchange(m_errorReported, true))
        qCDebug(lcStats).noquote() << what;
    else
        qCWarning(lcStats).noquote() << what << "- requests are served but not recorded in the ledger";
}

void LedgerWriter::writeNext()
{
    const std::vector<RequestRecord> *batch = nullptr;
    {
        QMutexLocker lock(&m_handOver->mutex);
        if (m_handOver->batches.empty())
            return;
        batch = &m_handOver->batches.front(); // stays put while the Ledger appends behind it
    }
    QString error;
    QSqlDatabase db = m_connection.database();
    bool ok = m_open && db.transaction();
    ok = ok && writeBatch(*batch, &error);
    {
        QMutexLocker lock(&m_handOver->mutex);
        ok = ok && db.commit();
        // Committed or lost: either way no longer the Ledger's to count.
        m_handOver->batches.pop_front();
    }
    if (!ok) {
        if (error.isEmpty())
            error = m_open ? db.lastError().text() : QStringLiteral("the file is not open");
        if (m_open)
            db.rollback();
        reportError(QStringLiteral("cannot write to the ledger %1: %2").arg(m_path, error));
    }
    if (m_open && std::chrono::steady_clock::now() - m_lastRetention >= kRetentionEvery)
        applyRetention();
}

bool LedgerWriter::writeBatch(const std::vector<RequestRecord> &batch, QString *error)
{
    std::map<RollupKey, LedgerTotals> rollup;
    sqlite3_stmt *insert = m_insertRow;
    // UTF-8, the file's own encoding: handing SQLite UTF-16 made it convert every text in the
    // step, a quarter of the row's cost (callgrind). STATIC: the bytes outlive the step.
    const auto bindText = [insert](int column, const QByteArray &utf8) {
        sqlite3_bind_text(insert, column, utf8.isNull() ? "" : utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    };
    for (const RequestRecord &record : batch) {
        const qint64 finishedAt = record.finishedAt.toMSecsSinceEpoch();
        const QByteArray op = record.op.toUtf8();
        const QByteArray model = record.model.toUtf8();
        const QByteArray outcome = ledgerOutcomeName(record.outcome).toUtf8();
        const QByteArray errorCode = record.errorCode.toUtf8();
        sqlite3_bind_int64(insert, 1, finishedAt);
        bindText(2, op);
        bindText(3, model);
        bindText(4, outcome);
        bindText(5, errorCode);
        sqlite3_bind_int(insert, 6, int(record.stream));
        sqlite3_bind_int64(insert, 7, record.promptTokens);
        sqlite3_bind_int64(insert, 8, record.completionTokens);
        sqlite3_bind_int(insert, 9, int(record.tokensEstimated));
        sqlite3_bind_int64(insert, 10, qint64(record.latency.count()));
        sqlite3_bind_int64(insert, 11, record.bytesIn);
        sqlite3_bind_int64(insert, 12, record.bytesOut);
        const int stepped = sqlite3_step(insert);
        sqlite3_reset(insert);
        if (stepped != SQLITE_DONE) {
            *error = QString::fromUtf8(sqlite3_errstr(stepped));
            return false;
        }
        const qint64 bucket = finishedAt / 1000 / ledgerschema::BucketSeconds * ledgerschema::BucketSeconds;
        rollup[{bucket, record.model, record.op, record.outcome}].add(record);
    }
    QSqlQuery &add = *m_addRollup;
    for (const auto &[key, sums] : rollup) {
        add.bindValue(0, key.bucket);
        add.bindValue(1, key.model);
        add.bindValue(2, key.op);
        add.bindValue(3, ledgerOutcomeName(key.outcome));
        add.bindValue(4, sums.requests);
        add.bindValue(5, sums.promptTokens);
        add.bindValue(6, sums.completionTokens);
        add.bindValue(7, sums.estimatedRequests);
        add.bindValue(8, sums.latencyMsSum);
        add.bindValue(9, sums.bytesIn);
        add.bindValue(10, sums.bytesOut);
        if (!add.exec()) {
            *error = add.lastError().text();
            return false;
        }
    }
    return true;
}

void LedgerWriter::applyRetention()
{
    m_lastRetention = std::chrono::steady_clock::now();
    if (!m_open || m_retentionDays <= 0)
        return;
    // Cut on a bucket boundary so a rollup row never sums rows of which some are gone.
    const qint64 bucketMs = ledgerschema::BucketSeconds * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 cutoffMs = (now - qint64(m_retentionDays) * 86'400'000) / bucketMs * bucketMs;
    QSqlDatabase db = m_connection.database();
    QString error;
    bool ok = db.transaction()
        && execLedgerSql(db, QStringLiteral("DELETE FROM requests WHERE finished_at < %1").arg(cutoffMs), &error)
        && execLedgerSql(db, QStringLiteral("DELETE FROM rollup WHERE bucket < %1").arg(cutoffMs / 1000), &error);
    {
        // Deleting changes what the figures read: the same lock as a commit.
        QMutexLocker lock(&m_handOver->mutex);
        ok = ok && db.commit();
    }
    if (!ok) {
        db.rollback();
        reportError(QStringLiteral("cannot apply the ledger's retention to %1: %2")
                        .arg(m_path, error.isEmpty() ? db.lastError().text() : error));
    }
}

} // namespace coderai
