#include "traymenu.h"

#include "servingpause.h"
#include "sessiontext.h"

namespace coderai {

TrayMenu::TrayMenu(QWidget *parent)
    : QMenu(parent)
    , m_state(addAction(QString()))
    , m_pauseHour(addAction(tr("Pause for 1 hour")))
    , m_pauseTomorrow(addAction(tr("Pause until tomorrow")))
    , m_serve(addAction(QString()))
    , m_status(nullptr)
    , m_settings(nullptr)
    , m_quit(nullptr)
{
    setObjectName(QStringLiteral("trayMenu"));
    setAccessibleName(tr("CoderAI Seller"));
    m_state->setObjectName(QStringLiteral("stateAction"));
    m_state->setEnabled(false);
    m_serve->setObjectName(QStringLiteral("serveAction"));
    m_pauseHour->setObjectName(QStringLiteral("pauseHourAction"));
    m_pauseTomorrow->setObjectName(QStringLiteral("pauseTomorrowAction"));
    addSeparator();
    m_status = addAction(tr("Open status window"));
    m_status->setObjectName(QStringLiteral("statusAction"));
    m_settings = addAction(tr("Settings…"));
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setMenuRole(QAction::PreferencesRole);
    addSeparator();
    m_quit = addAction(tr("Quit"));
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setMenuRole(QAction::QuitRole);

    connect(m_serve, &QAction::triggered, this, &TrayMenu::runCommand);
    connect(m_pauseHour, &QAction::triggered, this, &TrayMenu::pauseForHourRequested);
    connect(m_pauseTomorrow, &QAction::triggered, this, &TrayMenu::pauseUntilTomorrowRequested);
    connect(m_status, &QAction::triggered, this, &TrayMenu::openStatusRequested);
    connect(m_settings, &QAction::triggered, this, &TrayMenu::openSettingsRequested);
    connect(m_quit, &QAction::triggered, this, &TrayMenu::quitRequested);

    setSessionState(SessionState::Offline, 0);
}

TrayMenu::~TrayMenu() = default;

void TrayMenu::setSessionState(SessionState state, int inFlight, const ServingDecision &decision, const QDateTime &now)
{
    m_state->setText(SessionText::state(state, inFlight, decision, now));
    m_command = commandFor(state, decision);
    switch (m_command) {
    case Command::GoOnline:
        m_serve->setText(tr("Go online"));
        break;
    case Command::Resume:
        m_serve->setText(tr("Resume"));
        break;
    case Command::None:
        // Pausing takes as long as the running requests: say so rather than look stuck.
        m_serve->setText(tr("Finishing %n request(s)…", nullptr, inFlight));
        break;
    case Command::Pause:
        m_serve->setText(tr("Pause until I resume"));
        break;
    }
    m_serve->setEnabled(m_command != Command::None);
    m_pauseHour->setVisible(m_command == Command::Pause);
    m_pauseTomorrow->setVisible(m_command == Command::Pause);
}

TrayMenu::Command TrayMenu::commandFor(SessionState state, const ServingDecision &decision)
{
    using State = SessionState;
    if (state == State::Paused && ServingPause::heldByRule(decision))
        return Command::Pause;
    switch (state) {
    case State::Offline:
    case State::ConfigError:
        return Command::GoOnline;
    case State::Paused:
        return Command::Resume;
    case State::Draining:
        return Command::None;
    case State::Connecting:
    case State::Registering:
    case State::Online:
    case State::Backoff:
    case State::Rejected:
    case State::LocalServerDown:
        return Command::Pause;
    }
    return Command::None;
}

void TrayMenu::runCommand()
{
    switch (m_command) {
    case Command::GoOnline:
        emit goOnlineRequested();
        break;
    case Command::Pause:
        emit pauseRequested();
        break;
    case Command::Resume:
        emit resumeRequested();
        break;
    case Command::None:
        break;
    }
}

TrayMenu::Command TrayMenu::command() const { return m_command; }
QAction *TrayMenu::stateAction() const { return m_state; }
QAction *TrayMenu::serveAction() const { return m_serve; }
QAction *TrayMenu::pauseHourAction() const { return m_pauseHour; }
QAction *TrayMenu::pauseTomorrowAction() const { return m_pauseTomorrow; }
QAction *TrayMenu::statusAction() const { return m_status; }
QAction *TrayMenu::settingsAction() const { return m_settings; }
QAction *TrayMenu::quitAction() const { return m_quit; }

} // namespace coderai
