// Runs the real coderai-seller binary with --ledger against a ledger prepared here, beside a
// --settings file, and reads what it prints. TZ=Europe/Rome for both sides (set in main()).
#include "ledger/ledger.h"
#include "ledger/ledgerpaths.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestLedgerCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rowsAsCsv();
    void rowsAsJsonWithinDates();
    void totalsByDay();
    void totalsByModel();
    void worksWhileTheLedgerIsOpenForWriting();
    void badArgumentsExit2_data();
    void badArgumentsExit2();
    void missingLedgerExits1();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, const QString &settingsFile = {});
    QString settingsFile() const { return m_dir.filePath(u"profile/seller.ini"_s); }

    QTemporaryDir m_dir;
};

namespace {

RequestRecord row(const QString &isoUtc, const QString &model, RequestOutcome outcome, qint64 prompt, qint64 completion)
{
    RequestRecord record;
    record.op = u"chat.completions"_s;
    record.model = model;
    record.outcome = outcome;
    record.promptTokens = prompt;
    record.completionTokens = completion;
    record.latency = 100ms;
    record.finishedAt = QDateTime::fromString(isoUtc, Qt::ISODate);
    return record;
}

} // namespace

void TestLedgerCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(qEnvironmentVariable("CODERAI_SELLER_BINARY")));
    Ledger::Options options;
    options.filePath = ledgerpaths::fileForSettings(settingsFile());
    options.retentionDays = 0; // fixed dates in 2026 must stay whatever today is
    Ledger ledger(options);
    QVERIFY(ledger.isOpen());
    ledger.record(row(u"2026-03-28T22:30:00Z"_s, u"llama, 8B \"q4\""_s, RequestOutcome::Served, 10, 20)); // 23:30, the 28th
    ledger.record(row(u"2026-03-28T23:30:00Z"_s, u"qwen"_s, RequestOutcome::Served, 1, 2)); // 00:30, the 29th
    ledger.record(row(u"2026-03-29T12:00:00Z"_s, u"qwen"_s, RequestOutcome::Failed, 5, 0));
    ledger.record(row(u"2026-03-30T08:00:00Z"_s, u"llama, 8B \"q4\""_s, RequestOutcome::Served, 100, 200));
}

TestLedgerCli::Run TestLedgerCli::run(const QStringList &arguments, const QString &settings)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    environment.insert(u"TZ"_s, u"Europe/Rome"_s);
    process.setProcessEnvironment(environment);
    QStringList all{u"--ledger"_s};
    if (!settings.isEmpty())
        all += {u"--settings"_s, settings};
    process.start(qEnvironmentVariable("CODERAI_SELLER_BINARY"), all + arguments);
    Run result;
    if (!process.waitForFinished(30000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestLedgerCli::rowsAsCsv()
{
    const Run result = run({}, settingsFile());
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 6); // header, 4 rows, the empty rest after the last CRLF
    QCOMPARE(lines[0], "finished_at,op,model,outcome,error_code,stream,prompt_tokens,completion_tokens,"
                       "tokens_estimated,latency_ms,bytes_in,bytes_out\r");
    QCOMPARE(lines[1], "2026-03-28T22:30:00.000Z,chat.completions,\"llama, 8B \"\"q4\"\"\",served,,false,10,20,"
                       "false,100,0,0\r");
    QCOMPARE(lines[3], "2026-03-29T12:00:00.000Z,chat.completions,qwen,failed,,false,5,0,false,100,0,0\r");
}

void TestLedgerCli::rowsAsJsonWithinDates()
{
    // The local day 2026-03-29 (a 23-hour day in Rome): the rows at 00:30 and 13:00.
    const Run result = run({u"--format"_s, u"json"_s, u"--since"_s, u"2026-03-29"_s, u"--until"_s, u"2026-03-29"_s},
                           settingsFile());
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error;
    const QJsonArray rows = QJsonDocument::fromJson(result.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].toObject().value(u"finished_at"_s).toString(), u"2026-03-28T23:30:00.000Z"_s);
    QCOMPARE(rows[0].toObject().value(u"model"_s).toString(), u"qwen"_s);
    QCOMPARE(rows[1].toObject().value(u"outcome"_s).toString(), u"failed"_s);
    QCOMPARE(rows[1].toObject().value(u"prompt_tokens"_s).toInt(), 5);
}

void TestLedgerCli::totalsByDay()
{
    const Run result = run({u"--by"_s, u"day"_s, u"--since"_s, u"2026-03-27"_s, u"--until"_s, u"2026-03-30"_s},
                           settingsFile());
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines[0].startsWith("date,requests,served,failed,cancelled,refused,prompt_tokens,completion_tokens,"));
    QVERIFY2(lines[1].startsWith("2026-03-27,0,0,0,0,0,0,0,"), lines[1].constData());
    QVERIFY2(lines[2].startsWith("2026-03-28,1,1,0,0,0,10,20,"), lines[2].constData());
    QVERIFY2(lines[3].startsWith("2026-03-29,2,1,1,0,0,6,2,"), lines[3].constData());
    QVERIFY2(lines[4].startsWith("2026-03-30,1,1,0,0,0,100,200,"), lines[4].constData());

    const Run json = run({u"--by"_s, u"day"_s, u"--format"_s, u"json"_s, u"--since"_s, u"2026-03-29"_s,
                          u"--until"_s, u"2026-03-29"_s},
                         settingsFile());
    QCOMPARE(json.exitCode, 0);
    const QJsonObject day = QJsonDocument::fromJson(json.out).array().at(0).toObject();
    QCOMPARE(day.value(u"date"_s).toString(), u"2026-03-29"_s);
    QCOMPARE(day.value(u"served_prompt_tokens"_s).toInt(), 1);
    QCOMPARE(day.value(u"latency_ms_total"_s).toInt(), 200);
}

void TestLedgerCli::totalsByModel()
{
    const Run result = run({u"--by"_s, u"model"_s, u"--format"_s, u"json"_s}, settingsFile());
    QCOMPARE(result.exitCode, 0);
    const QJsonArray models = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models[0].toObject().value(u"model"_s).toString(), u"llama, 8B \"q4\""_s);
    QCOMPARE(models[0].toObject().value(u"requests"_s).toInt(), 2);
    QCOMPARE(models[0].toObject().value(u"completion_tokens"_s).toInt(), 220);
    QCOMPARE(models[1].toObject().value(u"failed"_s).toInt(), 1);

    const Run csv = run({u"--by"_s, u"model"_s, u"--until"_s, u"2026-03-28"_s}, settingsFile());
    QCOMPARE(csv.exitCode, 0);
    QCOMPARE(csv.out.count('\n'), 2);
    QVERIFY2(csv.out.contains("\r\n\"llama, 8B \"\"q4\"\"\",1,1,"), csv.out.constData());
}

void TestLedgerCli::worksWhileTheLedgerIsOpenForWriting()
{
    Ledger::Options options;
    options.filePath = ledgerpaths::fileForSettings(settingsFile());
    options.retentionDays = 0;
    Ledger writer(options); // as a running seller holds it
    QVERIFY(writer.isOpen());
    writer.record(row(u"2026-04-01T10:00:00Z"_s, u"qwen"_s, RequestOutcome::Served, 1, 1));
    writer.flush();
    const Run result = run({u"--by"_s, u"model"_s, u"--since"_s, u"2026-04-01"_s}, settingsFile());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("\r\nqwen,1,1,"), result.out.constData());
}

void TestLedgerCli::badArgumentsExit2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::newRow("bad date") << QStringList{u"--since"_s, u"2026-02-30"_s} << u"--since"_s;
    QTest::newRow("not a date") << QStringList{u"--until"_s, u"yesterday"_s} << u"--until"_s;
    QTest::newRow("reversed") << QStringList{u"--since"_s, u"2026-05-02"_s, u"--until"_s, u"2026-05-01"_s}
                              << u"--since"_s;
    QTest::newRow("format") << QStringList{u"--format"_s, u"xml"_s} << u"--format"_s;
    QTest::newRow("grouping") << QStringList{u"--by"_s, u"week"_s} << u"--by"_s;
}

void TestLedgerCli::badArgumentsExit2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    const Run result = run(arguments, settingsFile());
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(QString::fromUtf8(result.err).contains(named), result.err.constData());
}

void TestLedgerCli::missingLedgerExits1()
{
    const Run result = run({}, m_dir.filePath(u"elsewhere/seller.ini"_s));
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("elsewhere"), result.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath(u"elsewhere"_s))); // reading never creates anything
}

int main(int argc, char *argv[])
{
    qputenv("TZ", "Europe/Rome");
    ::tzset();
    QCoreApplication app(argc, argv);
    TestLedgerCli test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ledgercli.moc"
