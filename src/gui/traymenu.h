#pragma once

#include "sessionstate.h"

#include <QMenu>

namespace coderai {

/// \brief The tray's context menu: the session's state in words, one serving command that fits
/// the state (Go online, Pause serving, Resume, or a disabled "Finishing…" while draining), the
/// status window, the settings and Quit. It only shows and asks; TrayController acts.
class TrayMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayMenu)

public:
    /// What the serving entry does in the current state.
    enum class Command { GoOnline, Pause, Resume, None };
    Q_ENUM(Command)

    explicit TrayMenu(QWidget *parent = nullptr);
    ~TrayMenu() override;

    void setSessionState(SessionState state, int inFlight);
    /// The serving command a state offers; the status window's actions follow it too.
    static Command commandFor(SessionState state);

    Command command() const;
    QAction *stateAction() const; ///< disabled: the state in words
    QAction *serveAction() const;
    QAction *statusAction() const;
    QAction *settingsAction() const;
    QAction *quitAction() const;

signals:
    void goOnlineRequested();
    void pauseRequested();
    void resumeRequested();
    void openStatusRequested();
    void openSettingsRequested();
    void quitRequested();

private:
    void runCommand();

    Command m_command = Command::GoOnline;
    QAction *m_state;
    QAction *m_serve;
    QAction *m_status;
    QAction *m_settings;
    QAction *m_quit;
};

} // namespace coderai
