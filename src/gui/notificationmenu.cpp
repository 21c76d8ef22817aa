#include "notificationmenu.h"

#include <QActionGroup>
#include <QMetaEnum>

namespace coderai {

using Kind = Notifier::Kind;

NotificationMenu::NotificationMenu(Settings *settings, Notifier *notifier, QWidget *parent)
    : QMenu(tr("&Notifications"), parent)
    , m_settings(settings)
    , m_notifier(notifier)
    , m_master(new QAction(tr("&Show notifications"), this))
    , m_thresholdMenu(nullptr)
    , m_thresholds(new QActionGroup(this))
{
    setObjectName(QStringLiteral("notificationMenu"));
    m_master->setObjectName(QStringLiteral("notifyAll"));
    m_master->setCheckable(true);
    addAction(m_master);
    connect(m_master, &QAction::toggled, this, [this] { store(); });
    addSeparator();

    addKind(Kind::WentOffline, {}); // text depends on the threshold: updateTexts()
    m_thresholdMenu = addMenu(tr("Offline &for more than"));
    m_thresholdMenu->setObjectName(QStringLiteral("notifyOfflineThreshold"));
    for (const int minutes : OfflineChoices) {
        QAction *choice = m_thresholdMenu->addAction(tr("%n minute(s)", nullptr, minutes));
        choice->setObjectName(QStringLiteral("notifyOffline%1").arg(minutes));
        choice->setCheckable(true);
        choice->setData(minutes);
        m_thresholds->addAction(choice);
    }
    connect(m_thresholds, &QActionGroup::triggered, this, [this] { store(); });
    addKind(Kind::BackOnline, tr("&Back online"));
    addKind(Kind::Rejected, tr("&Rejected by the broker"));
    addKind(Kind::LocalServerLost, tr("&Local model server stopped answering"));
    addKind(Kind::FirstRequestOfDay, tr("First request of the &day"));
    addKind(Kind::DailySummary, tr("Daily su&mmary"));

    // Another menu (tray or window) may have changed the preferences since.
    connect(this, &QMenu::aboutToShow, this, &NotificationMenu::reload);
    reload();
}

NotificationMenu::~NotificationMenu() = default;

QAction *NotificationMenu::addKind(Kind kind, const QString &text)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QStringLiteral("notify%1").arg(QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)))));
    action->setCheckable(true);
    addAction(action);
    connect(action, &QAction::toggled, this, [this] { store(); });
    m_kinds.append({kind, action});
    return action;
}

void NotificationMenu::reload()
{
    m_notify = NotificationPrefs::load(*m_settings);
    const NotificationPrefs &notify = m_notify;
    const bool all = DesktopPrefs::load(*m_settings).notifications;
    m_loading = true;
    m_master->setChecked(all);
    for (const auto &[kind, action] : std::as_const(m_kinds))
        action->setChecked(notify.*Notifier::preference(kind));
    for (QAction *choice : m_thresholds->actions())
        choice->setChecked(choice->data().toInt() == notify.offlineMinutes);
    m_loading = false;
    updateTexts();
    if (m_notifier) {
        m_notifier->setEnabled(all);
        m_notifier->setPreferences(notify);
    }
}

void NotificationMenu::store()
{
    if (m_loading)
        return;
    // Re-read first: start at login is the settings dialog's, whatever it saved meanwhile stays.
    DesktopPrefs desktop = DesktopPrefs::load(*m_settings);
    const bool all = m_master->isChecked();
    if (desktop.notifications != all) {
        desktop.notifications = all;
        desktop.save(*m_settings);
    }
    NotificationPrefs &notify = m_notify;
    for (const auto &[kind, action] : std::as_const(m_kinds))
        notify.*Notifier::preference(kind) = action->isChecked();
    if (QAction *choice = m_thresholds->checkedAction())
        notify.offlineMinutes = choice->data().toInt();
    notify.save(*m_settings);
    updateTexts();
    if (m_notifier) {
        m_notifier->setEnabled(all);
        m_notifier->setPreferences(notify);
    }
    emit preferencesChanged(all, notify);
}

void NotificationMenu::updateTexts()
{
    const bool all = m_master->isChecked();
    if (QAction *offline = actionFor(Kind::WentOffline))
        offline->setText(tr("&Offline for more than %n minute(s)", nullptr, m_notify.offlineMinutes));
    // With notifications off the choices stay visible, kept as they are for when they come back.
    for (const auto &entry : std::as_const(m_kinds))
        entry.second->setEnabled(all);
    m_thresholdMenu->setEnabled(all);
}

QAction *NotificationMenu::masterAction() const { return m_master; }

QAction *NotificationMenu::actionFor(Kind kind) const
{
    for (const auto &[k, action] : m_kinds) {
        if (k == kind)
            return action;
    }
    return nullptr;
}

QAction *NotificationMenu::thresholdAction(int minutes) const
{
    for (QAction *choice : m_thresholds->actions()) {
        if (choice->data().toInt() == minutes)
            return choice;
    }
    return nullptr;
}

} // namespace coderai
