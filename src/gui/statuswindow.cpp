#include "statuswindow.h"

#include "activitymodel.h"
#include "connectioncard.h"
#include "earningstab.h"
#include "gpunotes.h"
#include "gputablemodel.h"
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "servingpause.h"
#include "statspanel.h"
#include "throughputchart.h"
#include "todayfigures.h"
#include "trayicons.h"
#include "traymenu.h"
#include "vrambardelegate.h"
#include "windowfit.h"

#include <QAction>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QShowEvent>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace coderai {
namespace {

// Often enough to feel live, rarely enough that thousands of requests a second cost nothing.
constexpr std::chrono::milliseconds kRefreshDelay{250};
// Room for the cards, the chart and a few GPU rows side by side on a desktop screen.
constexpr QSize kPreferredSize{820, 700};

QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

StatusWindow::StatusWindow(SellerService *service, TodayFigures *totals, QWidget *parent)
    : QMainWindow(parent)
    , m_totals(totals)
    , m_clock([] { return QDateTime::currentDateTime(); })
    , m_hint(new QLabel(this))
    , m_card(new ConnectionCard(this))
    , m_stats(new StatsPanel(this))
    , m_chart(new ThroughputChart(this))
    , m_tabs(new QTabWidget(this))
    , m_gpuModel(new GpuTableModel(this))
    , m_gpuStack(nullptr)
    , m_hostLabel(nullptr)
    , m_noGpu(nullptr)
    , m_diagnostics(nullptr)
    , m_gpuView(nullptr)
    , m_activityModel(new ActivityModel(this))
    , m_activityView(nullptr)
    , m_earnings(new EarningsTab(this))
{
    setObjectName(QStringLiteral("statusWindow"));
    setWindowTitle(tr("CoderAI Seller — Status"));
    setAccessibleName(tr("CoderAI Seller status"));
    setWindowIcon(TrayIcons::appIcon());

    m_hint->setObjectName(QStringLiteral("trayHint"));
    m_hint->setAccessibleName(tr("No system tray"));
    m_hint->setWordWrap(true);
    m_hint->setFrameShape(QFrame::StyledPanel);
    m_hint->setMargin(8);
    m_hint->setText(tr("No system tray was found, so this window stands in for it. Closing it quits "
                       "the app; minimise it to keep serving. If a tray appears later, CoderAI Seller "
                       "moves into it."));
    m_hint->hide();

    auto *chartBox = new QGroupBox(tr("Throughput"), this);
    chartBox->setObjectName(QStringLiteral("throughputBox"));
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->addWidget(m_chart);

    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setAccessibleName(tr("Details"));
    m_tabs->addTab(buildGpuPage(), tr("GPUs"));
    m_tabs->addTab(buildActivityPage(), tr("Recent activity"));
    m_tabs->addTab(m_earnings, tr("&Earnings"));
    connect(m_earnings, &EarningsTab::pricesRequested, this, &StatusWindow::settingsRequested);

    auto *top = new QHBoxLayout;
    top->addWidget(m_card, 1);
    top->addWidget(m_stats, 1);
    auto *central = new QWidget(this);
    setCentralWidget(central);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_hint);
    layout->addLayout(top);
    layout->addWidget(chartBox);
    layout->addWidget(m_tabs, 1);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelay);
    connect(&m_refreshTimer, &QTimer::timeout, this, &StatusWindow::refresh);
    m_tickTimer.setInterval(std::chrono::seconds(1));
    connect(&m_tickTimer, &QTimer::timeout, this, &StatusWindow::tick);
    if (totals)
        connect(totals, &TodayFigures::changed, this, &StatusWindow::scheduleRefresh);

    buildActions();
    setHardware({});
    setService(service);
    resize(kPreferredSize);
}

StatusWindow::~StatusWindow() = default;

void StatusWindow::buildActions()
{
    const auto make = [this](const QString &text, const QString &name) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        return action;
    };
    m_goOnline = make(tr("Go online"), QStringLiteral("goOnlineAction"));
    m_pause = make(tr("Pause until I resume"), QStringLiteral("pauseAction"));
    m_pause->setIconText(tr("Pause serving")); // the toolbar keeps its short label
    m_pause->setToolTip(tr("Take no new requests; the running ones finish first"));
    m_pauseHour = make(tr("Pause for 1 hour"), QStringLiteral("pauseHourAction"));
    m_pauseTomorrow = make(tr("Pause until tomorrow"), QStringLiteral("pauseTomorrowAction"));
    m_resume = make(tr("Resume"), QStringLiteral("resumeAction"));
    m_settings = make(tr("Settings…"), QStringLiteral("settingsAction"));
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_logs = make(tr("Logs…"), QStringLiteral("logsAction"));
    m_copyDiagnostics = make(tr("Copy diagnostics"), QStringLiteral("diagnosticsAction"));
    m_copyDiagnostics->setToolTip(tr("Copy the app's state for a bug report, without the token"));
    m_about = make(tr("About CoderAI Seller"), QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
    m_quit = make(tr("Quit"), QStringLiteral("quitAction"));
    m_quit->setMenuRole(QAction::QuitRole);
    m_quit->setShortcut(QKeySequence::Quit);

    QMenu *serving = menuBar()->addMenu(tr("&Serving"));
    serving->addActions({m_goOnline, m_pauseHour, m_pauseTomorrow, m_pause, m_resume});
    serving->addSeparator();
    serving->addAction(m_settings);
    serving->addSeparator();
    serving->addAction(m_quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addActions({m_logs, m_copyDiagnostics});
    help->addSeparator();
    help->addAction(m_about);

    // The commands a seller uses every day, one click away.
    QToolBar *toolbar = addToolBar(tr("Serving"));
    toolbar->setObjectName(QStringLiteral("servingToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addActions({m_goOnline, m_pause, m_resume});
    toolbar->addSeparator();
    toolbar->addAction(m_settings);

    connect(m_goOnline, &QAction::triggered, this, &StatusWindow::goOnline);
    // The same pauses as the tray's, through the serving policy (ServingPause).
    connect(m_pause, &QAction::triggered, this, [this] { ServingPause::pause(m_service, ServingPause::Length::UntilResumed); });
    connect(m_pauseHour, &QAction::triggered, this, [this] { ServingPause::pause(m_service, ServingPause::Length::OneHour); });
    connect(m_pauseTomorrow, &QAction::triggered, this,
            [this] { ServingPause::pause(m_service, ServingPause::Length::UntilTomorrow); });
    connect(m_resume, &QAction::triggered, this, [this] { ServingPause::resume(m_service); });
    connect(m_settings, &QAction::triggered, this, &StatusWindow::settingsRequested);
    connect(m_logs, &QAction::triggered, this, &StatusWindow::logsRequested);
    connect(m_copyDiagnostics, &QAction::triggered, this, &StatusWindow::diagnosticsRequested);
    connect(m_about, &QAction::triggered, this, &StatusWindow::aboutRequested);
    connect(m_quit, &QAction::triggered, this, &StatusWindow::quitRequested);
}

void StatusWindow::goOnline()
{
    if (m_service)
        m_service->start();
    else
        emit settingsRequested(); // not configured yet (first run, settings cancelled)
}

void StatusWindow::updateActions()
{
    using Command = TrayMenu::Command;
    const Command command = TrayMenu::commandFor(m_service ? m_service->state() : SessionState::Offline,
                                                 ServingPause::decision(m_service));
    m_goOnline->setEnabled(command == Command::GoOnline);
    for (QAction *pause : {m_pause, m_pauseHour, m_pauseTomorrow})
        pause->setEnabled(command == Command::Pause);
    m_resume->setEnabled(command == Command::Resume);
}

QWidget *StatusWindow::buildGpuPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_hostLabel = new QLabel(page);
    m_hostLabel->setObjectName(QStringLiteral("hostValue"));
    m_hostLabel->setAccessibleName(tr("Host"));
    m_hostLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(m_hostLabel);

    m_gpuStack = new QStackedWidget(page);
    m_gpuStack->setObjectName(QStringLiteral("gpuStack"));
    m_gpuView = makeTable(m_gpuModel, QStringLiteral("gpuTable"), tr("GPUs"), page);
    m_gpuView->setItemDelegateForColumn(GpuTableModel::MemoryColumn, new VramBarDelegate(m_gpuView));
    m_gpuView->horizontalHeader()->setSectionResizeMode(GpuTableModel::NameColumn, QHeaderView::Stretch);
    m_gpuView->horizontalHeader()->setSectionResizeMode(GpuTableModel::MemoryColumn, QHeaderView::Stretch);
    m_gpuView->horizontalHeader()->setStretchLastSection(false);
    m_noGpu = new QLabel(tr("No GPU found. This machine can still serve a model server that runs on "
                            "the CPU."), page);
    m_noGpu->setObjectName(QStringLiteral("noGpuLabel"));
    m_noGpu->setAlignment(Qt::AlignCenter);
    m_noGpu->setWordWrap(true);
    m_gpuStack->addWidget(m_gpuView);
    m_gpuStack->addWidget(m_noGpu);
    layout->addWidget(m_gpuStack, 1);
    m_diagnostics = new QLabel(page);
    m_diagnostics->setObjectName(QStringLiteral("gpuDiagnostics"));
    m_diagnostics->setAccessibleName(tr("GPU detection notes"));
    m_diagnostics->setTextFormat(Qt::PlainText);
    m_diagnostics->setWordWrap(true);
    m_diagnostics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_diagnostics);
    return page;
}

QWidget *StatusWindow::buildActivityPage()
{
    m_activityView = makeTable(m_activityModel, QStringLiteral("activityTable"), tr("Recent activity"), this);
    QHeaderView *header = m_activityView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ActivityModel::ModelColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    return m_activityView;
}

void StatusWindow::setService(SellerService *service)
{
    if (m_service) {
        m_service->disconnect(this);
        m_service->servingPolicy()->disconnect(this);
    }
    m_service = service;
    m_card->setService(service);
    m_seen = service ? service->stats()->totals() : SessionStats::Totals{};
    if (service) {
        connect(service, &SellerService::statsChanged, this, &StatusWindow::scheduleRefresh);
        // At once, not coalesced: no action may offer a command for a state already left.
        connect(service, &SellerService::stateChanged, this, &StatusWindow::updateActions);
        connect(service->servingPolicy(), &ServingPolicy::decisionChanged, this, &StatusWindow::updateActions);
        connect(service, &QObject::destroyed, this, &StatusWindow::updateActions, Qt::QueuedConnection);
    }
    updateActions();
    refresh();
}

void StatusWindow::setHardware(const HardwareSnapshot &hardware)
{
    m_gpuModel->setGpus(hardware.gpus);
    m_gpuStack->setCurrentWidget(hardware.gpus.isEmpty() ? static_cast<QWidget *>(m_noGpu) : m_gpuView);
    QStringList host;
    if (!hardware.hostname.isEmpty())
        host << (hardware.platform.isEmpty() ? hardware.hostname : tr("%1 (%2)").arg(hardware.hostname, hardware.platform));
    if (!hardware.cpuModel.isEmpty())
        host << hardware.cpuModel;
    if (hardware.logicalCores > 0)
        host << tr("%n logical core(s)", nullptr, hardware.logicalCores);
    if (hardware.ramTotalMb)
        host << tr("%1 GiB RAM").arg(QLocale().toString(static_cast<double>(*hardware.ramTotalMb) / 1024.0, 'f', 1));
    m_hostLabel->setText(host.join(QStringLiteral(" · ")));
    m_hostLabel->setVisible(!host.isEmpty());
    // Why a probe saw less than it should (no driver, no permission): the seller can act on it.
    GpuNotes::show(m_diagnostics, hardware.diagnostics);
    m_gpuView->resizeColumnToContents(GpuTableModel::UtilizationColumn);
    m_gpuView->resizeColumnToContents(GpuTableModel::TemperatureColumn);
    m_gpuView->resizeColumnToContents(GpuTableModel::PowerColumn);
}

void StatusWindow::setTrayHint(bool shown)
{
    m_hint->setVisible(shown);
}

bool StatusWindow::isTrayHintShown() const
{
    return !m_hint->isHidden();
}

void StatusWindow::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTime(); });
}

void StatusWindow::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void StatusWindow::collectThroughput()
{
    if (!m_service)
        return;
    const SessionStats::Totals now = m_service->stats()->totals();
    const qint64 requests = (now.served + now.failed + now.cancelled) - (m_seen.served + m_seen.failed + m_seen.cancelled);
    const qint64 tokens = now.completionTokens - m_seen.completionTokens;
    m_seen = now;
    if (requests != 0 || tokens != 0)
        m_series.add(m_clock(), requests, tokens);
}

void StatusWindow::refresh()
{
    m_refreshTimer.stop();
    m_earnings->scheduleRefresh(); // it reads the ledger only while shown, and less often
    // The series is fed even while hidden, so the chart is complete when the window opens.
    collectThroughput();
    const TodayFigures::Figures today = m_totals ? m_totals->today() : TodayFigures::Figures{};
    if (m_service) {
        const SessionStats *stats = m_service->stats();
        m_stats->setFigures(today, stats->totals(), stats->window());
        m_activityModel->setRecords(stats->recent(ActivityRows));
    } else {
        m_stats->setFigures(today, {}, {});
        m_activityModel->setRecords({});
    }
    if (m_totals)
        m_stats->setEarnings(m_totals->moneyText(today.earningsMicros), m_totals->moneyText(today.sessionEarningsMicros));
    m_chart->setPoints(m_series.points(m_clock()));
    m_card->refresh();
}

void StatusWindow::tick()
{
    // Online time, "online since" and the retry countdown move without any signal.
    m_card->refresh();
    if (m_service) {
        const SessionStats *stats = m_service->stats();
        m_stats->setFigures(m_totals ? m_totals->today() : TodayFigures::Figures{}, stats->totals(), stats->window());
    }
    m_chart->setPoints(m_series.points(m_clock()));
}

void StatusWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Once: after that the size is the seller's. A laptop gets what fits above its panel.
    if (!m_placed && !event->spontaneous()) {
        m_placed = true;
        if (const QScreen *where = screen())
            WindowFit::place(this, kPreferredSize.expandedTo(minimumSizeHint()), where->availableGeometry());
    }
    refresh();
    m_tickTimer.start();
}

void StatusWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    m_tickTimer.stop();
}

ConnectionCard *StatusWindow::connectionCard() const { return m_card; }
StatsPanel *StatusWindow::statsPanel() const { return m_stats; }
ThroughputChart *StatusWindow::throughputChart() const { return m_chart; }
GpuTableModel *StatusWindow::gpuModel() const { return m_gpuModel; }
ActivityModel *StatusWindow::activityModel() const { return m_activityModel; }
EarningsTab *StatusWindow::earningsTab() const { return m_earnings; }
void StatusWindow::setLedger(Ledger *ledger) { m_earnings->setLedger(ledger); }
void StatusWindow::setPrices(const PriceSettings &prices) { m_earnings->setPrices(prices); }
QAction *StatusWindow::goOnlineAction() const { return m_goOnline; }
QAction *StatusWindow::pauseAction() const { return m_pause; }
QAction *StatusWindow::pauseHourAction() const { return m_pauseHour; }
QAction *StatusWindow::pauseTomorrowAction() const { return m_pauseTomorrow; }
QAction *StatusWindow::resumeAction() const { return m_resume; }
QAction *StatusWindow::settingsAction() const { return m_settings; }
QAction *StatusWindow::logsAction() const { return m_logs; }
QAction *StatusWindow::diagnosticsAction() const { return m_copyDiagnostics; }
QAction *StatusWindow::aboutAction() const { return m_about; }
QAction *StatusWindow::quitAction() const { return m_quit; }

} // namespace coderai
