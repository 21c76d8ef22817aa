// Recent activity that survives restarts (issue 11, item 8): the bounded file of request
// metadata, filled from the records of a whole seller on loopback, read back by a new journal
// as after a restart, holding no prompt, no answer and never the token.
#include "activityjournal.h"
#include "activitymodel.h"
#include "servingfixture.h"
#include "stats/sessionstats.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kPrompt = u"Summarise the quarterly figures of Zanzibar Widgets"_s;

RequestRecord row(int i)
{
    RequestRecord record;
    record.op = i % 3 == 0 ? u"models.list"_s : u"chat.completions"_s;
    record.model = i % 3 == 0 ? QString() : u"model-%1"_s.arg(i);
    record.outcome = i % 7 == 0 ? RequestOutcome::Failed : RequestOutcome::Served;
    record.errorCode = i % 7 == 0 ? u"upstream_error"_s : QString();
    record.stream = i % 2 == 0;
    record.latency = std::chrono::milliseconds(100 + i);
    record.promptTokens = i;
    record.completionTokens = 2 * i;
    record.tokensEstimated = i % 5 == 0;
    record.tokensPerSecond = i % 3 == 0 ? 0 : 12.5;
    record.bytesIn = 1000 + i;
    record.bytesOut = 2000 + i;
    record.finishedAt = QDateTime(QDate(2026, 4, 1), QTime(12, 0)).addSecs(i).toUTC();
    return record;
}

bool sameRow(const RequestRecord &a, const RequestRecord &b)
{
    return a.op == b.op && a.model == b.model && a.outcome == b.outcome && a.errorCode == b.errorCode
        && a.stream == b.stream && a.latency == b.latency && a.promptTokens == b.promptTokens
        && a.completionTokens == b.completionTokens && a.tokensEstimated == b.tokensEstimated
        && a.tokensPerSecond == b.tokensPerSecond && a.bytesIn == b.bytesIn && a.bytesOut == b.bytesOut
        && a.finishedAt == b.finishedAt;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestActivityJournal final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsAcrossARestart();
    void staysBounded();
    void writesInBatches();
    void modelShowsTheJournalAcrossSessions();
    void holdsNoContentAndNoToken();
    void skipsWhatIsNotARow();
};

void TestActivityJournal::roundTripsAcrossARestart()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.filePath(u"data"_s)); // the folder does not exist yet
    {
        ActivityJournal journal(path);
        QVERIFY(journal.records().isEmpty());
        for (int i = 1; i <= 30; ++i)
            journal.append(row(i));
        QVERIFY(journal.flush());
    }
    ActivityJournal restarted(path);
    const QList<RequestRecord> records = restarted.records();
    QCOMPARE(records.size(), 30);
    for (int i = 0; i < 30; ++i)
        QVERIFY2(sameRow(records.at(i), row(30 - i)), qPrintable(QString::number(i))); // newest first
}

void TestActivityJournal::staysBounded()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.path());
    {
        ActivityJournal journal(path);
        for (int i = 1; i <= ActivityJournal::MaxRows + 123; ++i)
            journal.append(row(i));
        QCOMPARE(journal.records().size(), ActivityJournal::MaxRows);
    } // the destructor writes what is pending
    QCOMPARE(contents(path).count('\n'), ActivityJournal::MaxRows);
    ActivityJournal restarted(path);
    QCOMPARE(restarted.records().size(), ActivityJournal::MaxRows);
    QVERIFY(sameRow(restarted.records().first(), row(ActivityJournal::MaxRows + 123)));
    QVERIFY(sameRow(restarted.records().last(), row(124))); // the oldest 123 are gone
    // A model name from a buyer cannot bloat every line.
    RequestRecord absurd = row(1);
    absurd.model = QString(100000, u'x');
    restarted.append(absurd);
    QVERIFY(restarted.flush());
    QVERIFY(contents(path).size() < 300 * ActivityJournal::MaxRows);
}

void TestActivityJournal::writesInBatches()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.path());
    ActivityJournal journal(path);
    QSignalSpy changed(&journal, &ActivityJournal::changed);
    for (int i = 1; i <= 50; ++i)
        journal.append(row(i));
    // Nothing is written per request: the file waits for the batch.
    QVERIFY(!QFile::exists(path));
    QTRY_COMPARE(changed.size(), 1); // one signal for the whole burst
    QVERIFY(!QFile::exists(path));
    QVERIFY(journal.flush());
    QCOMPARE(contents(path).count('\n'), 50);
}

void TestActivityJournal::modelShowsTheJournalAcrossSessions()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.path());
    {
        ActivityJournal journal(path);
        journal.append(row(1));
        journal.append(row(2));
    }
    ActivityJournal journal(path);
    ActivityModel model;
    model.setJournal(&journal);
    QCOMPARE(model.rowCount(), 2); // yesterday's rows, before any request of this run

    // A session's records arrive through the journal; the window's own refresh cannot drop them.
    SessionStats first;
    journal.follow(&first);
    first.record(row(3));
    model.setRecords(first.recent());
    QTRY_COMPARE(model.rowCount(), 3);
    // Settings saved: a new service, new stats. What came before stays listed.
    SessionStats second;
    journal.follow(&second);
    first.record(row(99)); // the old stats no longer count
    second.record(row(4));
    model.setRecords(second.recent());
    QTRY_COMPARE(model.rowCount(), 4);
    QCOMPARE(model.data(model.index(0, ActivityModel::ModelColumn)).toString(), u"model-4"_s);
    QCOMPARE(model.data(model.index(3, ActivityModel::ModelColumn)).toString(), u"model-1"_s);
}

void TestActivityJournal::holdsNoContentAndNoToken()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.path());
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    options.models = {u"alpha"_s};
    ServingFixture fixture(options);
    QVERIFY(fixture.start());
    QString answer;
    {
        ActivityJournal journal(path);
        journal.follow(fixture.service().stats());
        const QJsonObject message{{u"role"_s, u"user"_s}, {u"content"_s, kPrompt}};
        const QJsonObject payload{{u"model"_s, u"alpha"_s}, {u"messages"_s, QJsonArray{message}}, {u"max_tokens"_s, 12}};
        const auto reply = fixture.call(u"chat.completions"_s, payload);
        QVERIFY(!reply.isEmpty());
        QCOMPARE(reply.last().value(u"status").toString(), u"ok"_s);
        answer = reply.last().value(u"payload").toObject().value(u"choices").toArray().first().toObject()
                     .value(u"message").toObject().value(u"content").toString();
        QVERIFY(!fixture.call(u"models.list"_s, {}).isEmpty());
        QTRY_VERIFY(journal.records().size() >= 2);
    }
    const QByteArray file = contents(path);
    QVERIFY(file.contains("chat.completions"));
    QVERIFY(file.contains("\"alpha\""));
    QVERIFY(!file.contains(kPrompt.toUtf8()));
    QVERIFY(!file.contains("Zanzibar"));
    QVERIFY(answer.size() > 8);
    QVERIFY(!file.contains(answer.toUtf8()));
    QVERIFY(!file.contains(ServingFixture::kToken.toUtf8()));
    QVERIFY(!file.contains("content"));
}

void TestActivityJournal::skipsWhatIsNotARow()
{
    QTemporaryDir dir;
    const QString path = ActivityJournal::fileIn(dir.path());
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ActivityJournal::encode(row(1)) + "\n");
        file.write("not json at all\n");
        file.write("{\"op\":\"chat.completions\",\"outcome\":\"exploded\",\"at\":\"2026-04-01T10:00:00Z\"}\n");
        file.write("\n");
        file.write(ActivityJournal::encode(row(2)) + "\n");
    }
    ActivityJournal journal(path);
    QCOMPARE(journal.records().size(), 2);
    QVERIFY(sameRow(journal.records().first(), row(2)));
}

QTEST_MAIN(TestActivityJournal)
#include "tst_activityjournal.moc"
