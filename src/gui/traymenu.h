#pragma once

#include "policy/servingdecision.h"
#include "sessionstate.h"

#include <QDateTime>

#include <QMenu>

namespace coderai {

/// \brief The tray's context menu: the session's state in words (the serving rules' reason when
/// one limits serving), the serving commands that fit the state (Go online; the three pauses;
/// Resume; or a disabled "Finishing…" while draining), the status window, the settings and Quit.
/// It only shows and asks; TrayController acts.
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

    /// \a decision: the serving policy's, shown with \a now (for "until" texts) when it limits.
    void setSessionState(SessionState state, int inFlight, const ServingDecision &decision = {},
                         const QDateTime &now = QDateTime::currentDateTime());
    /// The serving command a state offers; the status window's actions follow it too. Paused by
    /// a rule rather than by the seller, the pauses are offered: Resume could not serve.
    static Command commandFor(SessionState state, const ServingDecision &decision = {});

    Command command() const;
    QAction *stateAction() const; ///< disabled: the state in words
    QAction *serveAction() const; ///< Go online, Pause until I resume, Resume or Finishing…
    QAction *pauseHourAction() const; ///< shown with Command::Pause
    QAction *pauseTomorrowAction() const; ///< shown with Command::Pause
    QAction *statusAction() const;
    QAction *settingsAction() const;
    QAction *quitAction() const;

signals:
    void goOnlineRequested();
    void pauseRequested(); ///< until the seller resumes
    void pauseForHourRequested();
    void pauseUntilTomorrowRequested();
    void resumeRequested();
    void openStatusRequested();
    void openSettingsRequested();
    void quitRequested();

private:
    void runCommand();

    Command m_command = Command::GoOnline;
    QAction *m_state;
    QAction *m_pauseHour; // before m_serve: the menu's order is the construction order
    QAction *m_pauseTomorrow;
    QAction *m_serve;
    QAction *m_status;
    QAction *m_settings;
    QAction *m_quit;
};

} // namespace coderai
