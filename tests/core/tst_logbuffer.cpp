#include "logbuffer.h"
#include "logging.h"
#include "redact.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

// The suite logs thousands of lines on purpose; the test log needs none of them.
void quietHandler(QtMsgType, const QMessageLogContext &, const QString &)
{
}

} // namespace

class TestLogBuffer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void keepsTheLastLinesWithinTheCount();
    void keepsWithinTheBytes();
    void capturedLinesAreScrubbed();
    void linesFromAnotherThreadArriveCoalesced();
    void lastLinesPicksByLevel();
    void destroyedBufferStopsCapturing();

private:
    QtMessageHandler m_testHandler = nullptr;
};

void TestLogBuffer::initTestCase()
{
    // The app's chain: the scrubbing handler first, then whatever printed before it.
    m_testHandler = qInstallMessageHandler(quietHandler);
    redact::installScrubbingMessageHandler();
}

void TestLogBuffer::cleanupTestCase()
{
    qInstallMessageHandler(m_testHandler);
}

void TestLogBuffer::cleanup()
{
    redact::clearSecrets();
}

void TestLogBuffer::keepsTheLastLinesWithinTheCount()
{
    LogBuffer buffer(LogBuffer::Limits{.maxLines = 100});
    for (int i = 0; i < 1000; ++i)
        buffer.append(QtInfoMsg, u"coderai.test"_s, u"line %1"_s.arg(i));

    QCOMPARE(buffer.lineCount(), 100);
    const LogBuffer::Slice all = buffer.since(0);
    QCOMPARE(all.firstKept, 900);
    QCOMPARE(all.lines.size(), 100);
    QCOMPARE(all.lines.first().message, u"line 900"_s);
    QCOMPARE(all.lines.last().message, u"line 999"_s);
    QCOMPARE(all.lines.last().sequence, 999);

    // A reader that saw up to 989 gets exactly the ten after it.
    const LogBuffer::Slice tail = buffer.since(990);
    QCOMPARE(tail.lines.size(), 10);
    QCOMPARE(tail.lines.first().message, u"line 990"_s);
    QVERIFY(buffer.since(1000).lines.isEmpty());
}

void TestLogBuffer::keepsWithinTheBytes()
{
    const LogBuffer::Limits limits{.maxLines = 100000, .maxBytes = 64 * 1024, .maxMessageChars = 2000};
    LogBuffer buffer(limits);
    const QString longText(1000, u'x');
    for (int i = 0; i < 1000; ++i)
        buffer.append(QtWarningMsg, u"coderai.test"_s, longText);
    QVERIFY2(buffer.byteCount() <= limits.maxBytes, qPrintable(QString::number(buffer.byteCount())));
    QVERIFY(buffer.lineCount() > 10);
    QVERIFY(buffer.lineCount() < 1000);

    // One runaway line is cut rather than pushing out everything else.
    buffer.append(QtWarningMsg, u"coderai.test"_s, QString(50000, u'y'));
    const LogLine last = buffer.since(0).lines.last();
    QVERIFY(last.message.size() < 2100);
    QVERIFY(last.message.startsWith(u"yyy"_s));
    QVERIFY(buffer.lineCount() > 10);
}

void TestLogBuffer::capturedLinesAreScrubbed()
{
    const QString token = u"tok-7f3a9c!secret value"_s;
    redact::registerSecret(token);
    LogBuffer buffer;
    buffer.captureScrubbedLines();

    qCWarning(lcBroker).noquote() << "handshake with" << token;
    qCInfo(lcApp).noquote() << u"query registration_token="_s + QString::fromLatin1(QUrl::toPercentEncoding(token));

    const QList<LogLine> lines = buffer.since(0).lines;
    QCOMPARE(lines.size(), 2);
    for (const LogLine &line : lines) {
        QVERIFY(!line.toText().contains(u"7f3a9c"_s)); // no message: it would print the secret
        QVERIFY2(line.message.contains(redact::kMask), qPrintable(line.message));
    }
    QCOMPARE(lines.at(0).level, LogLine::Level::Warning);
    QCOMPARE(lines.at(0).category, u"coderai.broker"_s);
    QCOMPARE(lines.at(0).message, u"handshake with ***"_s);
    QCOMPARE(lines.at(1).level, LogLine::Level::Info);
    QCOMPARE(lines.at(1).category, u"coderai.app"_s);
    QVERIFY(lines.at(1).toText().contains(u" info coderai.app: query registration_token=***"_s));
}

void TestLogBuffer::linesFromAnotherThreadArriveCoalesced()
{
    LogBuffer buffer;
    buffer.captureScrubbedLines();
    QSignalSpy spy(&buffer, &LogBuffer::linesAppended);
    QThread *signalThread = nullptr;
    connect(&buffer, &LogBuffer::linesAppended, this, [&signalThread] { signalThread = QThread::currentThread(); });

    constexpr int kLines = 2000;
    std::unique_ptr<QThread> prober(QThread::create([] {
        for (int i = 0; i < kLines; ++i)
            qCInfo(lcHardware) << "probe line" << i;
    }));
    prober->start();
    QVERIFY(prober->wait(10000));

    QTRY_COMPARE(buffer.lineCount(), kLines);
    QTRY_VERIFY(!spy.isEmpty());
    // The GUI thread was blocked in wait() for the whole burst: one signal carries all of it.
    QCOMPARE(spy.count(), 1);
    QCOMPARE(signalThread, QThread::currentThread());
    QCOMPARE(buffer.since(0).lines.last().message, u"probe line %1"_s.arg(kLines - 1));

    // The next line after the signal gets a signal of its own.
    qCInfo(lcHardware) << "one more";
    QTRY_COMPARE(spy.count(), 2);
}

void TestLogBuffer::lastLinesPicksByLevel()
{
    LogBuffer buffer;
    buffer.append(QtCriticalMsg, u"coderai.broker"_s, u"first error"_s);
    for (int i = 0; i < 50; ++i)
        buffer.append(QtInfoMsg, u"coderai.work"_s, u"served %1"_s.arg(i));
    buffer.append(QtWarningMsg, u"coderai.local"_s, u"local server slow"_s);
    buffer.append(QtCriticalMsg, u"coderai.broker"_s, u"rejected"_s);

    const QList<LogLine> problems = buffer.lastLines(2, LogLine::Level::Warning);
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).message, u"local server slow"_s);
    QCOMPARE(problems.at(1).message, u"rejected"_s);
    QCOMPARE(problems.at(1).level, LogLine::Level::Error);
    QCOMPARE(buffer.lastLines(10, LogLine::Level::Error).size(), 2);
}

void TestLogBuffer::destroyedBufferStopsCapturing()
{
    auto buffer = std::make_unique<LogBuffer>();
    buffer->captureScrubbedLines();
    qCInfo(lcApp) << "kept";
    QCOMPARE(buffer->lineCount(), 1);
    buffer.reset();
    // Would write into freed memory (and fail under ASan) if the hook still pointed at it.
    qCInfo(lcApp) << "after the buffer is gone";
}

QTEST_GUILESS_MAIN(TestLogBuffer)
#include "tst_logbuffer.moc"
