#include "traycontroller.h"

#include "todayfigures.h"
#include "notifier.h"
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "servingpause.h"
#include "sessiontext.h"
#include "traymenu.h"

#include <QLocale>

#include <climits>

namespace coderai {
namespace {

// The service already reports in-flight changes at most once per turn of the event loop; this
// also folds today's totals, which move with every finished request, into one redraw.
constexpr std::chrono::milliseconds kRefreshDelay{100};

} // namespace

TrayController::TrayController(SellerService *service, TodayFigures *totals, QObject *parent)
    : QObject(parent)
    , m_totals(totals)
    , m_menu(std::make_unique<TrayMenu>())
    , m_tray(new QSystemTrayIcon(this))
    , m_notifier(new Notifier(this))
    , m_probe([] { return QSystemTrayIcon::isSystemTrayAvailable(); })
{
    m_tray->setContextMenu(m_menu.get());
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelay);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrayController::refresh);
    connect(&m_pollTimer, &QTimer::timeout, this, &TrayController::pollForTray);

    connect(m_menu.get(), &TrayMenu::goOnlineRequested, this, [this] {
        if (m_service)
            m_service->start();
        else
            emit openSettingsRequested();
    });
    connect(m_menu.get(), &TrayMenu::pauseRequested, this,
            [this] { ServingPause::pause(m_service, ServingPause::Length::UntilResumed); });
    connect(m_menu.get(), &TrayMenu::pauseForHourRequested, this,
            [this] { ServingPause::pause(m_service, ServingPause::Length::OneHour); });
    connect(m_menu.get(), &TrayMenu::pauseUntilTomorrowRequested, this,
            [this] { ServingPause::pause(m_service, ServingPause::Length::UntilTomorrow); });
    connect(m_menu.get(), &TrayMenu::resumeRequested, this, [this] { ServingPause::resume(m_service); });
    connect(m_menu.get(), &TrayMenu::openStatusRequested, this, &TrayController::openStatusRequested);
    connect(m_menu.get(), &TrayMenu::openSettingsRequested, this, &TrayController::openSettingsRequested);
    connect(m_menu.get(), &TrayMenu::quitRequested, this, &TrayController::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit openStatusRequested();
    });
    connect(m_notifier, &Notifier::notificationRequested, this,
            [this](Notifier::Kind, const QString &title, const QString &message) { showNotification(title, message); });
    if (totals)
        connect(totals, &TodayFigures::changed, this, &TrayController::scheduleRefresh);

    setService(service);
}

TrayController::~TrayController()
{
    // The tray icon refers to the menu; let it go first.
    m_tray->setContextMenu(nullptr);
    delete m_tray;
}

void TrayController::setService(SellerService *service)
{
    if (m_service) {
        m_service->disconnect(this);
        m_service->servingPolicy()->disconnect(this);
    }
    m_service = service;
    if (service) {
        // At once: a pause or a rule changes what the menu offers.
        connect(service->servingPolicy(), &ServingPolicy::decisionChanged, this, &TrayController::refresh);
        connect(service, &SellerService::stateChanged, this, &TrayController::onStateChanged);
        connect(service, &SellerService::inFlightChanged, this, &TrayController::scheduleRefresh);
        connect(service, &SellerService::localServerChanged, this, &TrayController::scheduleRefresh);
        connect(service, &QObject::destroyed, this, &TrayController::scheduleRefresh);
    }
    refresh();
}

SellerService *TrayController::service() const { return m_service; }

void TrayController::onStateChanged(SessionState state, SessionState previous)
{
    // At once, not coalesced: the menu must never offer a command for a state already left.
    refresh();
    if (m_service)
        m_notifier->sessionStateChanged(state, previous, m_service->lastFailure());
}

void TrayController::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void TrayController::refresh()
{
    m_refreshTimer.stop();
    auto state = SessionState::Offline;
    int inFlight = 0;
    SessionFailure failure;
    if (m_service) {
        state = m_service->state();
        inFlight = m_service->inFlight();
        failure = m_service->lastFailure();
    }
    const ServingDecision decision = ServingPause::decision(m_service);
    const QDateTime now = QDateTime::currentDateTime();
    m_menu->setSessionState(state, inFlight, decision, now);

    QStringList lines{tr("CoderAI Seller"), SessionText::state(state, inFlight, decision, now)};
    if (m_service) {
        // What the state outranks (a local outage under a rejection), as the connection card says.
        const QString also = SessionText::alsoWrong(state, m_service->isLocalServerUp(), m_service->localServerProblem());
        if (!also.isEmpty())
            lines << also;
    }
    if (m_totals) {
        const TodayFigures::Figures today = m_totals->today();
        lines << tr("Today: %Ln request(s), %1 tokens", nullptr, static_cast<int>(std::min<qint64>(today.requests(), INT_MAX)))
                     .arg(QLocale().toString(today.tokens()));
        if (today.earningsMicros)
            lines << tr("Estimated today at your prices: %1").arg(m_totals->moneyText(today.earningsMicros));
    }
    m_toolTip = lines.join(QLatin1Char('\n'));
    m_tray->setToolTip(m_toolTip);

    TrayLook look = TrayIcons::lookFor(state, inFlight, failure);
    if (look == TrayLook::Online && decision.limited())
        look = TrayLook::Paused; // online but a rule keeps new work away or limits it

    if (look != m_look || !m_lookSet) {
        m_look = look;
        m_lookSet = true;
        m_tray->setIcon(cachedIcon(look));
        emit lookChanged(look);
    }
}

QIcon TrayController::cachedIcon(TrayLook look)
{
    const int key = static_cast<int>(look) * 2 + (m_monochrome ? 1 : 0);
    auto found = m_icons.find(key);
    if (found == m_icons.end())
        found = m_icons.insert(key, TrayIcons::icon(look, m_monochrome ? TrayIcons::Variant::Monochrome
                                                                        : TrayIcons::Variant::Colour));
    return *found;
}

void TrayController::show()
{
    m_wantVisible = true;
    if (m_probe()) {
        setAvailable(true);
        m_pollsLeft = 0;
        m_pollTimer.start(m_watchInterval);
        return;
    }
    startQuickPolling();
}

void TrayController::startQuickPolling()
{
    m_pollsLeft = static_cast<int>(std::max<qint64>(1, m_pollDuration / std::max(m_pollInterval, std::chrono::milliseconds(1))));
    m_pollTimer.start(m_pollInterval);
}

void TrayController::hide()
{
    m_wantVisible = false;
    m_pollTimer.stop();
    m_tray->hide();
}

void TrayController::pollForTray()
{
    const bool wasAvailable = m_available;
    const bool available = m_probe();
    setAvailable(available);
    if (wasAvailable && !available) {
        startQuickPolling(); // a panel restarting comes back within seconds
        return;
    }
    // Found, or none came soon: from now on a cheap look every few seconds, for the whole run.
    if (m_pollsLeft > 0 && (available || --m_pollsLeft == 0)) {
        m_pollsLeft = 0;
        m_pollTimer.start(m_watchInterval);
    }
}

void TrayController::setAvailable(bool available)
{
    const bool changed = available != m_available;
    m_available = available;
    if (available && m_wantVisible)
        m_tray->show();
    else if (!available && changed)
        m_tray->hide(); // shown again, and registered anew, when a tray comes back
    if (changed)
        emit trayAvailabilityChanged(available);
}

bool TrayController::isTrayAvailable() const { return m_available; }
bool TrayController::isPollingForTray() const { return m_pollTimer.isActive() && m_pollsLeft > 0; }
bool TrayController::isWatchingForTray() const { return m_pollTimer.isActive(); }

void TrayController::setAvailabilityProbe(AvailabilityProbe probe)
{
    m_probe = probe ? std::move(probe) : AvailabilityProbe([] { return QSystemTrayIcon::isSystemTrayAvailable(); });
}

void TrayController::setAvailabilityPolling(std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                                            std::chrono::milliseconds watchInterval)
{
    m_pollInterval = interval;
    m_pollDuration = duration;
    m_watchInterval = watchInterval;
}

void TrayController::setMonochrome(bool monochrome)
{
    if (monochrome == m_monochrome)
        return;
    m_monochrome = monochrome;
    m_tray->setIcon(cachedIcon(m_look));
}

bool TrayController::isMonochrome() const { return m_monochrome; }

void TrayController::showNotification(const QString &title, const QString &message)
{
    if (!m_available || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    m_tray->showMessage(title, message, cachedIcon(m_look), 10000);
}

Notifier *TrayController::notifier() const { return m_notifier; }
TrayMenu *TrayController::menu() const { return m_menu.get(); }
QSystemTrayIcon *TrayController::trayIcon() const { return m_tray; }
TrayLook TrayController::look() const { return m_look; }
QIcon TrayController::icon() const { return m_tray->icon(); }
QString TrayController::toolTip() const { return m_toolTip; }

} // namespace coderai
