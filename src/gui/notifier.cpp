#include "notifier.h"

namespace coderai {

Notifier::Notifier(QObject *parent, Clock clock)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
{
}

Notifier::~Notifier() = default;

void Notifier::setEnabled(bool enabled) { m_enabled = enabled; }
bool Notifier::isEnabled() const { return m_enabled; }
void Notifier::setMinimumInterval(std::chrono::milliseconds interval) { m_minimumInterval = interval; }
std::chrono::milliseconds Notifier::minimumInterval() const { return m_minimumInterval; }

bool Notifier::notify(Kind kind, const QString &title, const QString &message)
{
    if (!m_enabled)
        return false;
    const auto now = m_clock();
    if (const auto last = m_lastShown.constFind(kind); last != m_lastShown.cend() && now - *last < m_minimumInterval)
        return false;
    m_lastShown.insert(kind, now);
    emit notificationRequested(kind, title, message);
    return true;
}

void Notifier::notifyOnce(Kind kind, const QString &title, const QString &message)
{
    if (m_spent.contains(kind))
        return;
    m_spent.insert(kind);
    notify(kind, title, message);
}

void Notifier::sessionStateChanged(SessionState state, SessionState previous,
                                   const SessionFailure &failure)
{
    using State = SessionState;
    switch (state) {
    case State::Online:
        m_spent.clear(); // a new episode: each kind may be announced again
        break;
    case State::Backoff:
        // Only a session that was serving going away; failing to connect in the first place is
        // shown by the icon, and repeated retries must stay quiet.
        if (previous == State::Online || previous == State::Draining) {
            notifyOnce(Kind::WentOffline, tr("CoderAI Seller is offline"),
                       failure.message.isEmpty()
                           ? tr("The connection to the broker was lost. Reconnecting automatically.")
                           : tr("%1\nReconnecting automatically.").arg(failure.message));
        }
        break;
    case State::Rejected:
        notifyOnce(Kind::Rejected, tr("The broker rejected CoderAI Seller"),
                   failure.message.isEmpty() ? tr("Check the provider, username and registration token in the settings.")
                                             : failure.message);
        break;
    case State::LocalServerDown:
        notifyOnce(Kind::LocalServerLost, tr("The local model server stopped answering"),
                   (failure.message.isEmpty() ? QString() : failure.message + QLatin1Char('\n'))
                       + tr("CoderAI Seller left the broker and comes back when the server answers again."));
        break;
    default:
        break;
    }
}

} // namespace coderai
