// The ledger on real SQLite files in a temporary folder. Runs in TZ=Europe/Rome (set in main()
// before anything reads the time) so local days cross real daylight-saving changes.
#include "ledger/ledger.h"
#include "ledger/ledgerdatabase.h"
#include "ledger/ledgerexport.h"
#include "ledger/ledgerpaths.h"
#include "ledger/ledgerreader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <ctime>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.toUTC();
}

RequestRecord makeRecord(const QDateTime &finishedAt, const QString &model = u"m"_s,
                         RequestOutcome outcome = RequestOutcome::Served, qint64 prompt = 10, qint64 completion = 20)
{
    RequestRecord record;
    record.op = u"chat.completions"_s;
    record.model = model;
    record.outcome = outcome;
    record.errorCode = outcome == RequestOutcome::Served ? QString() : u"local_error"_s;
    record.stream = true;
    record.promptTokens = prompt;
    record.completionTokens = completion;
    record.tokensEstimated = true;
    record.latency = 250ms;
    record.bytesIn = 100;
    record.bytesOut = 300;
    record.finishedAt = finishedAt;
    return record;
}

Ledger::Options optionsFor(const QString &path, int retentionDays = 0)
{
    Ledger::Options options;
    options.filePath = path;
    options.retentionDays = retentionDays;
    options.batchInterval = 1h; // nothing commits unless a test flushes
    return options;
}

// A raw connection for checks the ledger's API does not offer (integrity, row counts).
class RawDb
{
public:
    explicit RawDb(const QString &path)
    {
        QString error;
        m_connection.open(path, LedgerConnection::Mode::ReadWrite, &error);
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(m_connection.database());
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }
    bool exec(const QString &sql)
    {
        QSqlDatabase db = m_connection.database();
        QString error;
        const bool ok = execLedgerSql(db, sql, &error);
        if (!ok)
            qWarning() << sql << error;
        return ok;
    }

private:
    LedgerConnection m_connection;
};

} // namespace

class TestLedger final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void rowsAreWrittenAndReadBack();
    void figuresCountUncommittedRowsExactlyOnce();
    void killedWriterLeavesEveryCommittedBatch();
    void versionOneFileMigratesKeepingEveryRow();
    void retentionDeletesOnlyOldRows();
    void localDaysFollowMidnightAndDaylightSaving();
    void marketFiguresCountChatCompletionsLikeAisbf();
    void csvParsesBackWithPythonsCsvModule();
    void readerRefusesMissingFileAndNewerSchema();
    void unwritableFolderIsReportedAndRecordingGoesOn();
    void carriedOverFiguresCountInToday();

private:
    QString file() const { return m_dir->filePath(u"ledger.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLedger::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLedger::rowsAreWrittenAndReadBack()
{
    const QDateTime at = utc(u"2026-06-10T12:34:56.789Z"_s);
    RequestRecord odd = makeRecord(at.addSecs(60), u"other"_s, RequestOutcome::Failed, 7, 0);
    odd.op = u"proxy"_s;
    odd.stream = false;
    odd.tokensEstimated = false;
    {
        Ledger ledger(optionsFor(file()));
        QVERIFY2(ledger.isOpen(), qPrintable(ledger.errorString()));
        ledger.record(makeRecord(at));
        ledger.record(odd);
    } // the destructor commits

    LedgerReader reader;
    QVERIFY2(reader.open(file()), qPrintable(reader.errorString()));
    QList<RequestRecord> rows;
    QVERIFY(reader.forEachRow({}, {}, [&rows](const RequestRecord &row) { rows.append(row); }));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].finishedAt, at);
    QCOMPARE(rows[0].op, u"chat.completions"_s);
    QCOMPARE(rows[0].model, u"m"_s);
    QCOMPARE(rows[0].outcome, RequestOutcome::Served);
    QVERIFY(rows[0].stream);
    QVERIFY(rows[0].tokensEstimated);
    QCOMPARE(rows[0].promptTokens, 10);
    QCOMPARE(rows[0].completionTokens, 20);
    QCOMPARE(rows[0].latency, 250ms);
    QCOMPARE(rows[0].bytesIn, 100);
    QCOMPARE(rows[0].bytesOut, 300);
    QCOMPARE(rows[1].op, u"proxy"_s);
    QCOMPARE(rows[1].outcome, RequestOutcome::Failed);
    QCOMPARE(rows[1].errorCode, u"local_error"_s);
    QVERIFY(!rows[1].stream);

    const LedgerTotals all = reader.totals({}, {});
    QCOMPARE(all.requests, 2);
    QCOMPARE(all.served, 1);
    QCOMPARE(all.failed, 1);
    QCOMPARE(all.promptTokens, 17);
    QCOMPARE(all.servedPromptTokens, 10);
    QCOMPARE(all.servedCompletionTokens, 20);
    QCOMPARE(all.estimatedRequests, 1);
    QCOMPARE(all.latencyMsSum, 500);
    // A range that starts inside a bucket and ends inside the next: rows, not rollup, at the edges.
    QCOMPARE(reader.totals(at, at.addSecs(1)).requests, 1);
    QCOMPARE(reader.totals(at.addMSecs(1), at.addSecs(61)).requests, 1);
    const QList<LedgerModelTotals> models = reader.models({}, {});
    QCOMPARE(models.size(), 2);
    QCOMPARE(models[0].model, u"m"_s);
    QCOMPARE(models[1].model, u"other"_s);
    QCOMPARE(models[1].totals.failed, 1);
}

void TestLedger::figuresCountUncommittedRowsExactlyOnce()
{
    Ledger ledger(optionsFor(file()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3; ++i)
        ledger.record(makeRecord(now));
    QCOMPARE(ledger.uncommittedRows(), 3);
    QCOMPARE(ledger.today().requests, 3);
    QCOMPARE(ledger.models({}, {}).value(0).totals.requests, 3);
    ledger.flush();
    QCOMPARE(ledger.uncommittedRows(), 0);
    ledger.record(makeRecord(now));
    QCOMPARE(ledger.today().requests, 4);
    QCOMPARE(ledger.today().completionTokens, 80);
    const QList<LedgerDay> days = ledger.days(QDate::currentDate().addDays(-1), QDate::currentDate());
    QCOMPARE(days.size(), 2);
    QCOMPARE(days[1].totals.requests, 4);
    QCOMPARE(days[0].totals.requests, 0);
}

void TestLedger::killedWriterLeavesEveryCommittedBatch()
{
    const QString child = QCoreApplication::applicationDirPath() + u"/ledgerburstchild"_s;
    QVERIFY(QFile::exists(child));
    QProcess process;
    process.start(child, {file()});
    QVERIFY(process.waitForStarted());
    qint64 committed = 0;
    static const QRegularExpression line(u"committed (\\d+)"_s);
    // Let it commit a few batches, then kill it while it records the next.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            while (process.canReadLine()) {
                const QRegularExpressionMatch match = line.match(QString::fromUtf8(process.readLine()));
                if (match.hasMatch())
                    committed = match.captured(1).toLongLong();
            }
            return committed >= 2000;
        }(),
        30000);
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    while (process.canReadLine()) { // lines it printed before the kill landed
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(process.readLine()));
        if (match.hasMatch())
            committed = match.captured(1).toLongLong();
    }

    RawDb db(file());
    QCOMPARE(db.scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    const qint64 rows = db.scalar(u"SELECT COUNT(*) FROM requests"_s).toLongLong();
    QVERIFY2(rows >= committed, qPrintable(u"%1 rows, %2 committed"_s.arg(rows).arg(committed)));
    QCOMPARE(rows % 200, 0); // whole batches only: a transaction is all or nothing
    // Rows and rollup went in the same transactions.
    QCOMPARE(db.scalar(u"SELECT SUM(requests) FROM rollup"_s).toLongLong(), rows);

    Ledger reopened(optionsFor(file()));
    QVERIFY(reopened.isOpen());
    QCOMPARE(reopened.totals({}, {}).requests, rows);
}

void TestLedger::versionOneFileMigratesKeepingEveryRow()
{
    {
        RawDb db(file());
        QVERIFY(db.exec(u"CREATE TABLE requests (id INTEGER PRIMARY KEY, finished_at INTEGER NOT NULL,"
                        " op TEXT NOT NULL, model TEXT NOT NULL, outcome TEXT NOT NULL, error_code TEXT NOT NULL,"
                        " stream INTEGER NOT NULL, prompt_tokens INTEGER NOT NULL,"
                        " completion_tokens INTEGER NOT NULL, tokens_estimated INTEGER NOT NULL,"
                        " latency_ms INTEGER NOT NULL, bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL)"_s));
        // 2026-06-10 10:00 UTC plus i minutes, 200 rows across several buckets and two models.
        for (int i = 0; i < 200; ++i) {
            QVERIFY(db.exec(u"INSERT INTO requests (finished_at, op, model, outcome, error_code, stream,"
                            " prompt_tokens, completion_tokens, tokens_estimated, latency_ms, bytes_in, bytes_out)"
                            " VALUES (%1, 'chat.completions', '%2', '%3', '', 0, %4, 1, 0, 100, 1, 2)"_s
                                .arg(utc(u"2026-06-10T10:00:00Z"_s).toMSecsSinceEpoch() + i * 60000LL)
                                .arg(i % 2 ? u"a"_s : u"b"_s)
                                .arg(i % 10 ? u"served"_s : u"failed"_s)
                                .arg(i)));
        }
        QVERIFY(db.exec(u"PRAGMA user_version=1"_s));
    }
    {
        Ledger ledger(optionsFor(file()));
        QVERIFY2(ledger.isOpen(), qPrintable(ledger.errorString()));
    }
    RawDb db(file());
    QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), ledgerschema::CurrentVersion);
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM requests"_s).toInt(), 200);
    QCOMPARE(db.scalar(u"SELECT SUM(requests) FROM rollup"_s).toInt(), 200);

    LedgerReader reader;
    QVERIFY(reader.open(file()));
    // Whole local days are read from the rollup alone: the backfill must hold every row.
    const LedgerDay day = reader.days(QDate(2026, 6, 10), QDate(2026, 6, 10)).value(0);
    QCOMPARE(day.totals.requests, 200);
    QCOMPARE(day.totals.failed, 20);
    QCOMPARE(day.totals.promptTokens, 199 * 200 / 2);
    QCOMPARE(day.totals.latencyMsSum, 20000);
    QCOMPARE(reader.models({}, {}).value(0).totals.requests, 100);
}

void TestLedger::retentionDeletesOnlyOldRows()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        Ledger keepAll(optionsFor(file()));
        keepAll.record(makeRecord(now.addDays(-500)));
        keepAll.record(makeRecord(now.addDays(-401)));
        keepAll.record(makeRecord(now.addDays(-399)));
        keepAll.record(makeRecord(now.addDays(-1)));
    }
    {
        Ledger kept(optionsFor(file()));
        QCOMPARE(kept.totals({}, {}).requests, 4); // 0: no retention
    }
    Ledger pruned(optionsFor(file(), 400)); // retention runs at open
    QCOMPARE(pruned.totals({}, {}).requests, 2);
    QCOMPARE(pruned.totals(now.addDays(-400), {}).requests, 2);
    const QList<LedgerDay> oldDays = pruned.days(now.addDays(-501).date(), now.addDays(-400).date());
    QVERIFY(std::all_of(oldDays.cbegin(), oldDays.cend(), [](const LedgerDay &day) { return day.totals.isEmpty(); }));
    RawDb db(file());
    QCOMPARE(db.scalar(u"SELECT SUM(requests) FROM rollup"_s).toInt(), 2);
}

void TestLedger::localDaysFollowMidnightAndDaylightSaving()
{
    // Europe/Rome: 2026-03-29 has 23 hours (02:00 → 03:00), 2026-10-25 has 25 (03:00 → 02:00).
    const QList<QDateTime> rows{
        utc(u"2026-03-28T22:59:59.999Z"_s), // 23:59:59.999 CET, the 28th
        utc(u"2026-03-28T23:00:00Z"_s), // midnight, the 29th
        utc(u"2026-03-29T21:59:00Z"_s), // 23:59 CEST, still the 29th
        utc(u"2026-03-29T22:00:00Z"_s), // midnight, the 30th
        utc(u"2026-10-25T00:30:00Z"_s), // 02:30 CEST, the 25th
        utc(u"2026-10-25T01:30:00Z"_s), // 02:30 CET, the 25th again
        utc(u"2026-10-25T22:59:00Z"_s), // 23:59 CET, the 25th: a 24-hour day would miss it
        utc(u"2026-10-25T23:00:00Z"_s), // midnight, the 26th
    };
    const auto check = [](Ledger &ledger) {
        QList<qint64> spring;
        for (const LedgerDay &day : ledger.days(QDate(2026, 3, 28), QDate(2026, 3, 30)))
            spring.append(day.totals.requests);
        QCOMPARE(spring, (QList<qint64>{1, 2, 1}));
        QList<qint64> autumn;
        for (const LedgerDay &day : ledger.days(QDate(2026, 10, 24), QDate(2026, 10, 26)))
            autumn.append(day.totals.requests);
        QCOMPARE(autumn, (QList<qint64>{0, 3, 1}));
    };
    Ledger ledger(optionsFor(file()));
    for (const QDateTime &at : rows)
        ledger.record(makeRecord(at));
    check(ledger); // not committed yet: from memory
    if (QTest::currentTestFailed())
        return;
    ledger.flush();
    QCOMPARE(ledger.uncommittedRows(), 0);
    check(ledger); // from the file's rollup
}

void TestLedger::marketFiguresCountChatCompletionsLikeAisbf()
{
    const QDateTime now = utc(u"2026-06-10T12:00:00Z"_s);
    Ledger ledger(optionsFor(file()));
    ledger.record(makeRecord(now.addSecs(-3600), u"m"_s, RequestOutcome::Served, 100, 50)); // 250 ms
    RequestRecord failed = makeRecord(now.addSecs(-7200), u"m"_s, RequestOutcome::Failed, 10, 0);
    failed.latency = 1750ms;
    ledger.record(failed);
    ledger.record(makeRecord(now.addDays(-2), u"m"_s, RequestOutcome::Refused, 0, 0)); // 7 days only
    RequestRecord list = makeRecord(now.addSecs(-60), {}, RequestOutcome::Served, 0, 0);
    list.op = u"models.list"_s; // not a buyer's request in AISBF's analytics
    ledger.record(list);
    ledger.flush();

    const MarketFigures day = ledger.market(now, 24h);
    QCOMPARE(day.requestCount, 2);
    QCOMPARE(day.totalTokens, 160);
    QCOMPARE(day.averageLatencyMs, 1000.0);
    QCOMPARE(day.errorRate, 0.5);
    const MarketFigures week = ledger.market(now, 24h * 7);
    QCOMPARE(week.requestCount, 3);
    QCOMPARE(week.errorRate, 2.0 / 3.0);
}

void TestLedger::csvParsesBackWithPythonsCsvModule()
{
    const QStringList names{u"plain"_s, u"with, comma"_s, u"with \"quotes\""_s, u"two\nlines"_s,
                            u"crlf\r\nend"_s, u"ünïcödé €"_s, u"\"\",\n"_s};
    {
        Ledger ledger(optionsFor(file()));
        const QDateTime at = utc(u"2026-06-10T12:00:00.125Z"_s);
        for (int i = 0; i < names.size(); ++i)
            ledger.record(makeRecord(at.addSecs(i), names[i]));
    }
    LedgerReader reader;
    QVERIFY(reader.open(file()));
    QByteArray csv;
    QBuffer buffer(&csv);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(LedgerExport(&buffer).writeRows(reader, {}, {}));

    // Python's csv module reads it back and prints the model and time columns as JSON.
    QProcess python;
    python.start(u"python3"_s, {u"-c"_s, u"import csv, io, json, sys\n"
                                         "rows = list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))\n"
                                         "print(json.dumps([rows[0]] + [[r[0], r[2]] for r in rows[1:]]))\n"_s});
    QVERIFY(python.waitForStarted());
    python.write(csv);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished());
    QCOMPARE(python.exitCode(), 0);
    const QJsonArray parsed = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(parsed.size(), names.size() + 1);
    QCOMPARE(parsed[0].toArray().size(), 12);
    QCOMPARE(parsed[0].toArray()[0].toString(), u"finished_at"_s);
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(parsed[i + 1].toArray()[1].toString(), names[i]);
        QCOMPARE(parsed[i + 1].toArray()[0].toString(),
                 utc(u"2026-06-10T12:00:00.125Z"_s).addSecs(i).toString(Qt::ISODateWithMs));
    }
    QVERIFY(parsed[1].toArray()[0].toString().endsWith(u'Z'));
}

void TestLedger::readerRefusesMissingFileAndNewerSchema()
{
    LedgerReader missing;
    QVERIFY(!missing.open(file()));
    QVERIFY(!QFile::exists(file())); // a reader never creates one
    {
        RawDb db(file());
        QVERIFY(db.exec(u"PRAGMA user_version=99"_s));
    }
    LedgerReader newer;
    QVERIFY(!newer.open(file()));
    QVERIFY(newer.errorString().contains(u"99"_s));
    Ledger ledger(optionsFor(file()));
    QVERIFY(!ledger.isOpen());
    QVERIFY(ledger.errorString().contains(u"newer"_s));
}

void TestLedger::unwritableFolderIsReportedAndRecordingGoesOn()
{
    QFile notAFolder(m_dir->filePath(u"file"_s));
    QVERIFY(notAFolder.open(QIODevice::WriteOnly));
    notAFolder.close();
    Ledger ledger(optionsFor(m_dir->filePath(u"file/ledger.sqlite"_s)));
    QVERIFY(!ledger.isOpen());
    QVERIFY(!ledger.errorString().isEmpty());
    ledger.record(makeRecord(QDateTime::currentDateTimeUtc()));
    QCOMPARE(ledger.today().requests, 1);
    ledger.flush(); // the batch is dropped, logged once, and nothing blocks
    QCOMPARE(ledger.uncommittedRows(), 0);
}

void TestLedger::carriedOverFiguresCountInToday()
{
    Ledger ledger(optionsFor(file()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ledger.recordCarriedOver(RequestOutcome::Served, 3, 30, 60, now);
    ledger.recordCarriedOver(RequestOutcome::Failed, 1, 5, 0, now);
    ledger.recordCarriedOver(RequestOutcome::Refused, 0, 0, 0, now);
    ledger.flush();
    const LedgerTotals today = ledger.today();
    QCOMPARE(today.requests, 4);
    QCOMPARE(today.served, 3);
    QCOMPARE(today.servedPromptTokens, 30);
    QCOMPARE(today.totalTokens(), 95);
    QCOMPARE(ledger.totals({}, {}, QString(Ledger::CarriedOverOp)).requests, 4);
}

int main(int argc, char *argv[])
{
    // Before anything reads local time.
    qputenv("TZ", "Europe/Rome");
    ::tzset();
    QCoreApplication app(argc, argv);
    TestLedger test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ledger.moc"
