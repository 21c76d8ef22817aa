// The status window over a real session fed by the demo broker and the demo model server:
// connection card, today's and this session's figures, activity, throughput and the GPU table.
#include "activitymodel.h"
#include "connectioncard.h"
#include "ledgertoday.h"
#include "policy/servingpolicy.h"
#include "gputablemodel.h"
#include "servingfixture.h"
#include "statspanel.h"
#include "statuswindow.h"
#include "throughputchart.h"
#include "throughputseries.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = SessionState;

namespace {

const QString kSecretPrompt = u"my secret prompt 8d1f"_s;

QJsonObject chat(const QString &model)
{
    return {{u"model"_s, model},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, kSecretPrompt}}}},
            {u"max_tokens"_s, 6},
            {u"stream"_s, false}};
}

demo::DemoModelServerOptions fastModel()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    return options;
}

QString labelText(const QWidget &window, const QString &name)
{
    const auto *label = window.findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

GpuInfo gpu(int index, const QString &name, qint64 total, qint64 used, int utilization, int temperature)
{
    GpuInfo info;
    info.index = index;
    info.name = name;
    info.vendor = u"nvidia"_s;
    info.uuid = u"GPU-%1"_s.arg(index);
    info.totalVramMb = total;
    info.usedVramMb = used;
    info.availableVramMb = total - used;
    info.utilizationPct = utilization;
    info.temperatureC = temperature;
    return info;
}

QStringList allText(const QWidget &window)
{
    QStringList texts;
    for (const QLabel *label : window.findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (const QTableView *view : window.findChildren<QTableView *>()) {
        const QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column)
                for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    texts << model->index(row, column).data(role).toString();
    }
    return texts;
}

} // namespace

class TestStatusWindow final : public QObject
{
    Q_OBJECT

private slots:
    void showsFiguresOfServedRequests();
    void connectionCardAndRetryNow();
    void gpuTableShowsEachGpu();
    void noGpuFound();
    void trayHintAndAccessibility();
    void activityOutcomes();
    void actionsFollowTheSessionAndReachIt();
    void goOnlineUnconfiguredAsksForSettings();
};

void TestStatusWindow::showsFiguresOfServedRequests()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    test::LedgerToday totals;
    totals.follow(service);
    StatusWindow window(&service, &totals.totals);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // AISBF asks for models.list right after registering; wait for it to settle first.
    QTRY_VERIFY(service.stats()->totals().served >= 1);
    QTRY_COMPARE(service.inFlight(), 0);
    const SessionStats::Totals before = service.stats()->totals();
    totals.totals.refresh(); // the figures now, not at the next coalesced read
    const TodayFigures::Figures todayBefore = totals.totals.today();

    for (int i = 0; i < 3; ++i) {
        const auto messages = fixture.call(u"chat.completions"_s, chat(u"demo-model"_s));
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    }
    const auto failed = fixture.call(u"chat.completions"_s, chat(u"error-model"_s));
    QVERIFY(!failed.isEmpty());

    const QLocale locale;
    // Labels follow at the next coalesced refresh.
    QTRY_COMPARE(labelText(window, u"sessionFailed"_s), locale.toString(before.failed + 1));
    QTRY_COMPARE(labelText(window, u"sessionServed"_s), locale.toString(before.served + 3));
    QTRY_COMPARE(labelText(window, u"todayServed"_s), locale.toString(todayBefore.served + 3));
    const SessionStats::Totals after = service.stats()->totals();
    QVERIFY(after.completionTokens > before.completionTokens);
    QTRY_COMPARE(labelText(window, u"sessionCompletionTokens"_s), locale.toString(after.completionTokens));
    QTRY_COMPARE(labelText(window, u"sessionPromptTokens"_s), locale.toString(after.promptTokens));
    QTRY_COMPARE(labelText(window, u"sessionFailed"_s), locale.toString(after.failed));
    QTRY_COMPARE(labelText(window, u"todayFailed"_s), locale.toString(totals.totals.today().failed));
    QVERIFY(after.failed >= 1);
    QVERIFY(labelText(window, u"sessionSuccessRate"_s).endsWith(u" %"_s));
    QVERIFY(labelText(window, u"sessionLatency"_s).endsWith(u"ms"_s) || labelText(window, u"sessionLatency"_s).endsWith(u" s"_s));
    QVERIFY(!labelText(window, u"sessionUptime"_s).isEmpty());

    // Activity: newest first, metadata only.
    ActivityModel *activity = window.activityModel();
    QTRY_COMPARE(activity->rowCount(), int(after.served + after.failed + after.cancelled + after.refused));
    QCOMPARE(activity->index(0, ActivityModel::ModelColumn).data().toString(), u"error-model"_s);
    QVERIFY(activity->index(0, ActivityModel::OutcomeColumn).data().toString().startsWith(u"Failed"_s));
    QCOMPARE(activity->index(1, ActivityModel::ModelColumn).data().toString(), u"demo-model"_s);
    QCOMPARE(activity->index(1, ActivityModel::OperationColumn).data().toString(), u"chat.completions"_s);
    QCOMPARE(activity->index(1, ActivityModel::OutcomeColumn).data().toString(), u"Served"_s);
    QVERIFY(activity->index(1, ActivityModel::LatencyColumn).data().toString().endsWith(u" ms"_s));
    QVERIFY(activity->index(1, ActivityModel::TimeColumn).data().toString().contains(QLatin1Char(':')));

    // The chart counted them in the current minute.
    qint64 charted = 0;
    for (const auto &point : window.throughputChart()->points())
        charted += point.requests;
    QVERIFY2(charted >= 4, qPrintable(QString::number(charted)));

    // Nothing a buyer sent, and never the token, shows anywhere.
    for (const QString &text : allText(window)) {
        QVERIFY2(!text.contains(kSecretPrompt), qPrintable(text));
        QVERIFY2(!text.contains(ServingFixture::kToken), qPrintable(text));
    }
}

void TestStatusWindow::connectionCardAndRetryNow()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    StatusWindow window(&service, nullptr);
    auto *retry = window.findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry);

    QTRY_COMPARE(labelText(window, u"stateValue"_s), u"Online"_s);
    QCOMPARE(labelText(window, u"brokerValue"_s), u"127.0.0.1:%1"_s.arg(service.config().baseUrl.port()));
    QVERIFY(!labelText(window, u"sessionIdValue"_s).isEmpty());
    QCOMPARE(labelText(window, u"sessionIdValue"_s), service.sessionInfo().sessionId);
    QVERIFY(labelText(window, u"providerValue"_s).contains(u"serving-box"_s));
    QCOMPARE(labelText(window, u"scopeValue"_s), u"Global"_s);
    QVERIFY(labelText(window, u"onlineSinceValue"_s) != u"—"_s);
    QCOMPARE(labelText(window, u"lastErrorValue"_s), u"None"_s);
    QVERIFY(!retry->isEnabled());

    fixture.brokerControl().setToken(u"changed-in-aisbf"_s);
    fixture.brokerControl().abortProvider();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Rejected, 10000);
    QCOMPARE(labelText(window, u"stateValue"_s), u"Rejected by the broker"_s);
    QVERIFY(labelText(window, u"lastErrorValue"_s).contains(u"403"_s));
    QVERIFY(labelText(window, u"nextRetryValue"_s).startsWith(u"in "_s));
    QCOMPARE(labelText(window, u"sessionIdValue"_s), u"—"_s);
    QVERIFY(retry->isEnabled());

    fixture.brokerControl().setToken(ServingFixture::kToken);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Online, 10000);
    QTRY_COMPARE(labelText(window, u"stateValue"_s), u"Online"_s);
    QCOMPARE(labelText(window, u"lastErrorValue"_s), u"None"_s);
    QVERIFY(!retry->isEnabled());
}

void TestStatusWindow::gpuTableShowsEachGpu()
{
    StatusWindow window(nullptr, nullptr);
    HardwareSnapshot hardware;
    hardware.hostname = u"workstation-01"_s;
    hardware.platform = u"linux"_s;
    hardware.logicalCores = 16;
    hardware.gpus = {gpu(0, u"NVIDIA RTX 4090"_s, 24576, 4096, 3, 41), gpu(1, u"NVIDIA RTX 3090"_s, 24576, 12288, 97, 78)};
    hardware.gpus[1].utilizationPct.reset(); // unknown stays unknown
    hardware.gpus[0].powerDrawW = 351.4;
    hardware.gpus[0].powerLimitW = 450.0;
    hardware.gpus[1].powerDrawW = 120.0;
    hardware.cpuModel = u"AMD Ryzen 9 7950X"_s;
    hardware.ramTotalMb = 65536;
    window.setHardware(hardware);

    GpuTableModel *model = window.gpuModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), int(GpuTableModel::ColumnCount));
    const QLocale locale;
    QCOMPARE(model->index(0, GpuTableModel::NameColumn).data().toString(), u"NVIDIA RTX 4090"_s);
    QCOMPARE(model->index(0, GpuTableModel::MemoryColumn).data().toString(),
             u"%1 / %2 MiB"_s.arg(locale.toString(4096), locale.toString(24576)));
    QCOMPARE(model->index(0, GpuTableModel::UtilizationColumn).data().toString(), u"3 %"_s);
    QCOMPARE(model->index(0, GpuTableModel::TemperatureColumn).data().toString(), u"41 °C"_s);
    QCOMPARE(model->index(0, GpuTableModel::PowerColumn).data().toString(), u"351 / 450 W"_s);
    QCOMPARE(model->index(1, GpuTableModel::PowerColumn).data().toString(), u"120 W"_s);
    QCOMPARE(model->index(1, GpuTableModel::NameColumn).data().toString(), u"NVIDIA RTX 3090"_s);
    QCOMPARE(model->index(1, GpuTableModel::UtilizationColumn).data().toString(), u"—"_s);
    QCOMPARE(model->index(1, GpuTableModel::TemperatureColumn).data().toString(), u"78 °C"_s);
    QCOMPARE(model->index(0, GpuTableModel::MemoryColumn).data(GpuTableModel::MemoryFractionRole).toDouble(), 4096.0 / 24576.0);
    QCOMPARE(model->index(1, GpuTableModel::MemoryColumn).data(GpuTableModel::MemoryFractionRole).toDouble(), 0.5);
    QVERIFY(!model->index(1, GpuTableModel::NameColumn).data(GpuTableModel::MemoryFractionRole).isValid());
    QCOMPARE(model->headerData(GpuTableModel::PowerColumn, Qt::Horizontal).toString(), u"Power"_s);

    auto *stack = window.findChild<QStackedWidget *>(u"gpuStack"_s);
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), u"gpuTable"_s);
    const QString host = labelText(window, u"hostValue"_s);
    QVERIFY(host.contains(u"workstation-01"_s));
    QVERIFY(host.contains(u"AMD Ryzen 9 7950X"_s));
    QVERIFY(host.contains(u"16 logical core(s)"_s));
    QVERIFY(host.contains(u"%1 GiB RAM"_s.arg(locale.toString(64.0, 'f', 1))));
    QVERIFY(window.findChild<QLabel *>(u"gpuDiagnostics"_s)->isHidden());
    QCOMPARE(model->index(2, 0).data(), QVariant());

    // New readings for the same GPUs update in place; painting the bars works.
    hardware.gpus[0].usedVramMb = 20000;
    window.setHardware(hardware);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->index(0, GpuTableModel::MemoryColumn).data().toString().startsWith(locale.toString(20000)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.grab().isNull());

    // Memory known only as total and available still gives a bar.
    GpuInfo partial = gpu(0, u"Radeon"_s, 16384, 0, 0, 0);
    partial.usedVramMb.reset();
    partial.availableVramMb = 12288;
    QCOMPARE(GpuTableModel().rowCount(), 0);
    GpuTableModel single;
    single.setGpus({partial});
    QCOMPARE(single.index(0, GpuTableModel::MemoryColumn).data(GpuTableModel::MemoryFractionRole).toDouble(), 0.25);
}

void TestStatusWindow::noGpuFound()
{
    StatusWindow window(nullptr, nullptr);
    HardwareSnapshot hardware = HardwareSnapshot::host();
    hardware.gpus.clear();
    hardware.diagnostics = {u"NVML: libnvidia-ml.so.1 not found"_s};
    window.setHardware(hardware);
    auto *stack = window.findChild<QStackedWidget *>(u"gpuStack"_s);
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), u"noGpuLabel"_s);
    QVERIFY(labelText(window, u"noGpuLabel"_s).startsWith(u"No GPU found"_s));
    QCOMPARE(window.gpuModel()->rowCount(), 0);
    auto *diagnostics = window.findChild<QLabel *>(u"gpuDiagnostics"_s);
    QVERIFY(!diagnostics->isHidden());
    QCOMPARE(diagnostics->text(), u"NVML: libnvidia-ml.so.1 not found"_s);
}

void TestStatusWindow::trayHintAndAccessibility()
{
    StatusWindow window(nullptr, nullptr);
    QVERIFY(!window.windowTitle().isEmpty());
    QVERIFY(!window.windowIcon().isNull());
    QVERIFY(!window.isTrayHintShown());
    window.setTrayHint(true);
    QVERIFY(window.isTrayHintShown());
    QVERIFY(labelText(window, u"trayHint"_s).contains(u"system tray"_s));
    window.setTrayHint(false);
    QVERIFY(!window.isTrayHintShown());

    // Every value a screen reader lands on has a name.
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        if (label->objectName().endsWith(u"Value"_s) || label->objectName().startsWith(u"session"_s)
            || label->objectName().startsWith(u"today"_s))
            QVERIFY2(!label->accessibleName().isEmpty(), qPrintable(label->objectName()));
    }
    for (const QTableView *view : window.findChildren<QTableView *>())
        QVERIFY2(!view->accessibleName().isEmpty(), qPrintable(view->objectName()));
    QVERIFY(!window.findChild<QPushButton *>(u"retryButton"_s)->accessibleName().isEmpty());
    QVERIFY(!window.throughputChart()->accessibleName().isEmpty());
    // Without a service the card says so instead of showing stale values.
    QCOMPARE(labelText(window, u"stateValue"_s), u"Offline"_s);
}

void TestStatusWindow::activityOutcomes()
{
    RequestRecord served;
    served.op = u"chat.completions"_s;
    served.model = u"m"_s;
    served.stream = true;
    served.promptTokens = 1200;
    served.completionTokens = 34;
    served.latency = 1500ms;
    served.finishedAt = QDateTime(QDate(2025, 3, 1), QTime(9, 5, 7)).toUTC();
    RequestRecord refused;
    refused.op = u"proxy"_s;
    refused.outcome = RequestOutcome::Refused;
    refused.errorCode = u"overloaded"_s;
    refused.finishedAt = QDateTime::currentDateTimeUtc();

    ActivityModel model;
    model.setRecords({served, refused});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ActivityModel::TimeColumn).data().toString(), u"09:05:07"_s);
    QCOMPARE(model.index(0, ActivityModel::OperationColumn).data().toString(), u"chat.completions (stream)"_s);
    QCOMPARE(model.index(0, ActivityModel::TokensColumn).data().toString(),
             u"%1 → 34"_s.arg(QLocale().toString(1200)));
    QCOMPARE(model.index(0, ActivityModel::LatencyColumn).data().toString(), u"%1 ms"_s.arg(QLocale().toString(1500)));
    QCOMPARE(model.index(1, ActivityModel::ModelColumn).data().toString(), u"—"_s);
    QCOMPARE(model.index(1, ActivityModel::TokensColumn).data().toString(), u"—"_s);
    QCOMPARE(model.index(1, ActivityModel::OutcomeColumn).data().toString(), u"Refused (overloaded)"_s);
    QCOMPARE(model.headerData(ActivityModel::OutcomeColumn, Qt::Horizontal).toString(), u"Outcome"_s);
}

void TestStatusWindow::actionsFollowTheSessionAndReachIt()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    StatusWindow window(&fixture.service(), nullptr);
    // Every command lives in the menu bar: the window is the whole app when there is no tray.
    QStringList inMenus;
    for (const QAction *top : window.menuBar()->actions()) {
        for (const QAction *action : top->menu()->actions())
            inMenus << action->objectName();
    }
    for (const QString &name : {u"goOnlineAction"_s, u"pauseAction"_s, u"pauseHourAction"_s, u"pauseTomorrowAction"_s,
                                u"resumeAction"_s, u"settingsAction"_s, u"logsAction"_s, u"diagnosticsAction"_s,
                                u"aboutAction"_s, u"quitAction"_s})
        QVERIFY2(inMenus.contains(name), qPrintable(name));

    QCOMPARE(fixture.service().state(), State::Online);
    QVERIFY(!window.goOnlineAction()->isEnabled());
    QVERIFY(window.pauseAction()->isEnabled());
    QVERIFY(!window.resumeAction()->isEnabled());

    window.pauseAction()->trigger();
    QTRY_COMPARE(fixture.service().state(), State::Paused);
    QVERIFY(!window.pauseAction()->isEnabled());
    QVERIFY(window.resumeAction()->isEnabled());

    window.resumeAction()->trigger();
    QTRY_COMPARE(fixture.service().state(), State::Online);
    QVERIFY(window.pauseAction()->isEnabled());

    // The tray's timed pauses: the policy keeps the end, and Resume clears it.
    TimedPause &timed = fixture.service().servingPolicy()->pause();
    QVERIFY(window.pauseHourAction()->isEnabled());
    window.pauseHourAction()->trigger();
    QTRY_COMPARE(fixture.service().state(), State::Paused);
    QVERIFY(timed.until().isValid());
    QVERIFY(!window.pauseTomorrowAction()->isEnabled());
    window.resumeAction()->trigger();
    QVERIFY(!timed.paused());
    QTRY_COMPARE(fixture.service().state(), State::Online);
    window.pauseTomorrowAction()->trigger();
    QTRY_COMPARE(fixture.service().state(), State::Paused);
    QCOMPARE(timed.until().toLocalTime().time(), QTime(8, 0));
    window.resumeAction()->trigger();
    QTRY_COMPARE(fixture.service().state(), State::Online);

    // The rest is the composition's: each asks for it once.
    QSignalSpy settings(&window, &StatusWindow::settingsRequested);
    QSignalSpy logs(&window, &StatusWindow::logsRequested);
    QSignalSpy diagnostics(&window, &StatusWindow::diagnosticsRequested);
    QSignalSpy about(&window, &StatusWindow::aboutRequested);
    QSignalSpy quit(&window, &StatusWindow::quitRequested);
    for (QAction *action : {window.settingsAction(), window.logsAction(), window.diagnosticsAction(),
                            window.aboutAction(), window.quitAction()}) {
        QVERIFY(action->isEnabled());
        action->trigger();
    }
    QCOMPARE(settings.size(), 1);
    QCOMPARE(logs.size(), 1);
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(about.size(), 1);
    QCOMPARE(quit.size(), 1);
}

void TestStatusWindow::goOnlineUnconfiguredAsksForSettings()
{
    StatusWindow window(nullptr, nullptr);
    QSignalSpy settings(&window, &StatusWindow::settingsRequested);
    QVERIFY(window.goOnlineAction()->isEnabled());
    QVERIFY(!window.pauseAction()->isEnabled());
    window.goOnlineAction()->trigger(); // first run, settings cancelled: never a dead button
    QCOMPARE(settings.size(), 1);
}

QTEST_MAIN(TestStatusWindow)
#include "tst_statuswindow.moc"
