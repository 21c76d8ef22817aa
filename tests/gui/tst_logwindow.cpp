#include "logbuffer.h"
#include "logging.h"
#include "logwindow.h"
#include "redact.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeView>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

void quietHandler(QtMsgType, const QMessageLogContext &, const QString &)
{
}

// A small log with every level and two subsystems.
void fill(LogBuffer &buffer)
{
    buffer.append(QtDebugMsg, u"coderai.broker"_s, u"frame received"_s);
    buffer.append(QtInfoMsg, u"coderai.broker"_s, u"online as workstation-01"_s);
    buffer.append(QtInfoMsg, u"coderai.local"_s, u"local server answered in 12 ms"_s);
    buffer.append(QtWarningMsg, u"coderai.local"_s, u"local server slow to answer"_s);
    buffer.append(QtWarningMsg, u"coderai.broker"_s, u"peer silent for 60 s"_s);
    buffer.append(QtCriticalMsg, u"coderai.local"_s, u"Local server refused the connection"_s);
}

} // namespace

class TestLogWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void filtersByLevel();
    void filtersBySearchText();
    void linesFromAnotherThreadAppearAndAreFollowed();
    void dropsWhatTheBufferDropped();
    void copiesSelectionOrAllShown();
    void savesTheShownLines();
    void opensWithThousandsOfLines();

private:
    QtMessageHandler m_testHandler = nullptr;
};

void TestLogWindow::initTestCase()
{
    m_testHandler = qInstallMessageHandler(quietHandler);
    redact::installScrubbingMessageHandler();
}

void TestLogWindow::cleanupTestCase()
{
    qInstallMessageHandler(m_testHandler);
}

void TestLogWindow::filtersByLevel()
{
    LogBuffer buffer;
    fill(buffer);
    LogWindow window(&buffer);
    QCOMPARE(window.shownLineCount(), 6);

    auto *level = window.findChild<QComboBox *>(u"levelFilter"_s);
    QVERIFY(level);
    level->setCurrentIndex(level->findData(int(LogLine::Level::Warning)));
    QCOMPARE(window.shownLineCount(), 3);
    const QString shown = window.shownText();
    QVERIFY(shown.contains(u"warning coderai.local: local server slow to answer"_s));
    QVERIFY(shown.contains(u"error coderai.local: Local server refused the connection"_s));
    QVERIFY(!shown.contains(u"online as"_s));

    level->setCurrentIndex(level->findData(int(LogLine::Level::Error)));
    QCOMPARE(window.shownLineCount(), 1);
    level->setCurrentIndex(level->findData(int(LogLine::Level::Info)));
    QCOMPARE(window.shownLineCount(), 5);
    QVERIFY(!window.findChild<QLabel *>(u"lineCount"_s)->text().isEmpty());
}

void TestLogWindow::filtersBySearchText()
{
    LogBuffer buffer;
    fill(buffer);
    LogWindow window(&buffer);
    auto *search = window.findChild<QLineEdit *>(u"searchField"_s);
    QVERIFY(search);

    // Case-insensitive, in the message or the category.
    QTest::keyClicks(search, u"LOCAL SERVER"_s);
    QCOMPARE(window.shownLineCount(), 3);
    search->clear();
    QTest::keyClicks(search, u"coderai.broker"_s);
    QCOMPARE(window.shownLineCount(), 3);

    // Level and search together; a pattern character is taken literally.
    window.setMinimumLevel(LogLine::Level::Warning);
    QCOMPARE(window.shownLineCount(), 1);
    search->setText(u"(60 s"_s);
    QCOMPARE(window.shownLineCount(), 0);
    search->setText(u"60 s"_s);
    QCOMPARE(window.shownLineCount(), 1);
    search->clear();
    QCOMPARE(window.shownLineCount(), 3);
}

void TestLogWindow::linesFromAnotherThreadAppearAndAreFollowed()
{
    LogBuffer buffer;
    buffer.captureScrubbedLines();
    const QString secret = u"sk-local-4411-secret"_s;
    redact::registerSecret(secret);
    LogWindow window(&buffer);
    window.resize(800, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.findChild<QTreeView *>(u"logView"_s);
    QVERIFY(window.isFollowing());
    // Only this test's lines: the platform plugin logs a warning of its own on show().
    window.setSearchText(u"probe line"_s);

    constexpr int kLines = 3000;
    std::unique_ptr<QThread> prober(QThread::create([secret] {
        for (int i = 0; i < kLines; ++i)
            qCInfo(lcHardware).noquote() << "probe line" << i << "key" << secret;
    }));
    prober->start();
    QVERIFY(prober->wait(10000));
    QTRY_COMPARE(window.shownLineCount(), kLines);
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(view->verticalScrollBar()->maximum() > 0);
    QVERIFY(!window.shownText().contains(u"4411"_s)); // no message: it would print the secret

    // Not following: the seller's place stays put while lines arrive.
    window.setFollowing(false);
    view->verticalScrollBar()->setValue(0);
    qCInfo(lcApp) << "probe line, one more";
    QTRY_COMPARE(window.shownLineCount(), kLines + 1);
    QCOMPARE(view->verticalScrollBar()->value(), 0);
    // Following again jumps to the newest line.
    window.setFollowing(true);
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    buffer.stopCapturing();
    redact::clearSecrets();
}

void TestLogWindow::dropsWhatTheBufferDropped()
{
    LogBuffer buffer(LogBuffer::Limits{.maxLines = 100});
    LogWindow window(&buffer);
    for (int i = 0; i < 100; ++i)
        buffer.append(QtInfoMsg, u"coderai.work"_s, u"request %1 served"_s.arg(i));
    QTRY_COMPARE(window.shownLineCount(), 100);
    // The window holds 100 rows now; the next 150 lines push the first 150 out.
    for (int i = 100; i < 250; ++i)
        buffer.append(QtInfoMsg, u"coderai.work"_s, u"request %1 served"_s.arg(i));
    QTRY_VERIFY(window.shownText().endsWith(u"request 249 served\n"_s));
    QCOMPARE(window.shownLineCount(), 100);
    const QStringList lines = window.shownText().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 100);
    QVERIFY(lines.first().endsWith(u"request 150 served"_s));
    QVERIFY(lines.last().endsWith(u"request 249 served"_s));
}

void TestLogWindow::copiesSelectionOrAllShown()
{
    LogBuffer buffer;
    fill(buffer);
    LogWindow window(&buffer);
    window.setMinimumLevel(LogLine::Level::Info);

    window.copyShown();
    QStringList copied = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(copied.size(), 5);
    QVERIFY(copied.first().endsWith(u" info coderai.broker: online as workstation-01"_s));

    auto *view = window.findChild<QTreeView *>(u"logView"_s);
    const QModelIndex third = view->model()->index(2, 0);
    const QModelIndex first = view->model()->index(0, 0);
    view->selectionModel()->select(third, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(first, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    window.copyShown();
    copied = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(copied.size(), 2);
    // In the log's order, whatever the order of selection.
    QVERIFY(copied.at(0).endsWith(u"online as workstation-01"_s));
    QVERIFY(copied.at(1).endsWith(u"local server slow to answer"_s));
}

void TestLogWindow::savesTheShownLines()
{
    LogBuffer buffer;
    fill(buffer);
    LogWindow window(&buffer);
    window.setSearchText(u"local"_s);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"seller.log"_s);
    QVERIFY(window.saveTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString saved = QString::fromUtf8(file.readAll());
    QCOMPARE(saved, window.shownText());
    QCOMPARE(saved.count(u'\n'), 3);

    QString error;
    QVERIFY(!window.saveTo(dir.filePath(u"missing/folder/seller.log"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestLogWindow::opensWithThousandsOfLines()
{
    LogBuffer buffer;
    for (int i = 0; i < 5000; ++i)
        buffer.append(i % 10 ? QtInfoMsg : QtWarningMsg, u"coderai.work"_s,
                      u"request %1 served in 1234 ms with 321 tokens from model some-model-name"_s.arg(i));
    LogWindow window(&buffer);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.shownLineCount(), 5000);
    window.setMinimumLevel(LogLine::Level::Warning);
    QCOMPARE(window.shownLineCount(), 500);
    auto *view = window.findChild<QTreeView *>(u"logView"_s);
    // Uniform rows: the view asks the model for what it paints, not for every row's size.
    QVERIFY(view->uniformRowHeights());
}

QTEST_MAIN(TestLogWindow)
#include "tst_logwindow.moc"
