#pragma once

#include "desktopprefs.h"
#include "notifier.h"

#include <QMenu>
#include <QPointer>

class QAction;
class QActionGroup;

namespace coderai {

class Settings;

/// \brief "Notifications": checkable actions, one per kind, and the offline threshold, for the
/// status window's menu and the tray menu alike.
///
/// Each change is saved beside \a settings (NotificationPrefs, DesktopPrefs::notifications) and applied to the notifier at
/// once. Several menus may exist (window and tray): each re-reads the preferences when it opens,
/// so they never disagree.
class NotificationMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationMenu)

public:
    /// Thresholds offered for "offline for more than N minutes".
    static constexpr int OfflineChoices[] = {1, 5, 15, 30, 60};

    /// Neither \a settings nor \a notifier is owned; \a notifier may be null.
    NotificationMenu(Settings *settings, Notifier *notifier, QWidget *parent = nullptr);
    ~NotificationMenu() override;

    /// Reads the stored preferences into the actions (and the notifier).
    void reload();

    QAction *masterAction() const;
    QAction *actionFor(Notifier::Kind kind) const;
    QAction *thresholdAction(int minutes) const;

signals:
    /// After a change was saved: the master switch (DesktopPrefs::notifications) and the kinds.
    void preferencesChanged(bool enabled, const coderai::NotificationPrefs &prefs);

private:
    QAction *addKind(Notifier::Kind kind, const QString &text);
    void store();
    void updateTexts();

    Settings *m_settings;
    QPointer<Notifier> m_notifier;
    NotificationPrefs m_notify;
    QAction *m_master;
    QList<std::pair<Notifier::Kind, QAction *>> m_kinds;
    QMenu *m_thresholdMenu;
    QActionGroup *m_thresholds;
    bool m_loading = false;
};

} // namespace coderai
