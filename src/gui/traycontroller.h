#pragma once

#include "sessionstate.h"
#include "trayicons.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace coderai {

class TodayFigures;
class Notifier;
class SellerService;
class TrayMenu;

/// \brief The tray icon: its look, tooltip and menu follow the seller's session, its menu drives
/// the session, and state changes become notifications through a Notifier.
///
/// The icon, the menu and the status window are separate classes (TrayIcons, TrayMenu,
/// StatusWindow); this one only wires them to a SellerService. Everything it shows is kept up to
/// date whether or not a system tray exists, so it can be tested offscreen and shown later: tray
/// hosts often start after the applications of a session, so show() probes for one every second
/// for a while, then every few seconds for as long as the app runs (a tray extension enabled
/// later, a panel that quits), and reports trayAvailabilityChanged() both ways.
class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    using AvailabilityProbe = std::function<bool()>;

    /// \a service and \a totals are not owned; either may be null.
    TrayController(SellerService *service, TodayFigures *totals, QObject *parent = nullptr);
    ~TrayController() override;

    /// Follows another service (the composition makes a new one when the settings change).
    void setService(SellerService *service);
    SellerService *service() const;

    /// Shows the icon if a tray exists; otherwise probes for one every pollInterval for
    /// pollDuration and shows it as soon as one appears. Then keeps watching every watchInterval.
    void show();
    void hide();
    /// Whether a system tray was found (at show() or by the probing after it).
    bool isTrayAvailable() const;
    /// The quick probing after show() (or after the tray went away).
    bool isPollingForTray() const;
    /// Any probing, quick or the slow watch for the rest of the run.
    bool isWatchingForTray() const;
    /// Defaults: QSystemTrayIcon::isSystemTrayAvailable(), every second for 30 s, then every 10 s.
    void setAvailabilityProbe(AvailabilityProbe probe);
    void setAvailabilityPolling(std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                                std::chrono::milliseconds watchInterval = std::chrono::seconds(10));

    /// White icons for dark panels instead of the coloured ones.
    void setMonochrome(bool monochrome);
    bool isMonochrome() const;

    Notifier *notifier() const;
    TrayMenu *menu() const;
    QSystemTrayIcon *trayIcon() const;
    TrayLook look() const;
    QIcon icon() const;
    QString toolTip() const;

signals:
    void openStatusRequested();
    /// The Settings entry, and also Go online while no session exists yet (first run, settings
    /// cancelled): nothing can go online before it is configured.
    void openSettingsRequested();
    void quitRequested();
    void trayAvailabilityChanged(bool available);
    void lookChanged(coderai::TrayIcons::Look look);

private:
    void refresh();
    void scheduleRefresh();
    void onStateChanged(SessionState state, SessionState previous);
    void pollForTray();
    void startQuickPolling();
    void setAvailable(bool available);
    void showNotification(const QString &title, const QString &message);
    QIcon cachedIcon(TrayLook look);

    QPointer<SellerService> m_service;
    QPointer<TodayFigures> m_totals;
    std::unique_ptr<TrayMenu> m_menu; ///< a top-level widget: no QObject parent to own it
    QSystemTrayIcon *m_tray;
    Notifier *m_notifier;
    QTimer m_refreshTimer;
    QTimer m_pollTimer;
    std::chrono::milliseconds m_pollInterval{std::chrono::seconds(1)};
    std::chrono::milliseconds m_pollDuration{std::chrono::seconds(30)};
    std::chrono::milliseconds m_watchInterval{std::chrono::seconds(10)};
    int m_pollsLeft = 0;
    AvailabilityProbe m_probe;
    bool m_available = false;
    bool m_wantVisible = false;
    bool m_monochrome = false;
    TrayLook m_look = TrayLook::Offline;
    bool m_lookSet = false;
    QString m_toolTip;
    QHash<int, QIcon> m_icons;
};

} // namespace coderai
