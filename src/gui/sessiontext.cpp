#include "sessiontext.h"

#include <QUrl>

namespace coderai {

QString SessionText::state(SessionState state, int inFlight)
{
    using State = SessionState;
    switch (state) {
    case State::Offline:
        return tr("Offline");
    case State::Connecting:
        return tr("Connecting…");
    case State::Registering:
        return tr("Registering with the broker…");
    case State::Online:
        return inFlight > 0 ? tr("Online, serving %n request(s)", nullptr, inFlight) : tr("Online");
    case State::Draining:
        return tr("Finishing %n request(s)…", nullptr, inFlight);
    case State::Paused:
        return tr("Paused");
    case State::Backoff:
        return tr("Waiting to reconnect");
    case State::Rejected:
        return tr("Rejected by the broker");
    case State::ConfigError:
        return tr("Configuration error");
    case State::LocalServerDown:
        return tr("Local model server not answering");
    }
    return {};
}

QString SessionText::state(SessionState state, int inFlight, const ServingDecision &decision, const QDateTime &now)
{
    // Other states (connecting, a failure, draining) are not the rules' doing: they say more.
    if (decision.limited() && (state == SessionState::Paused || state == SessionState::Online))
        return decision.sentence(now);
    return SessionText::state(state, inFlight);
}

QString SessionText::duration(std::chrono::seconds duration)
{
    const qint64 total = std::max<qint64>(0, duration.count());
    const qint64 days = total / 86400;
    const qint64 hours = (total % 86400) / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 seconds = total % 60;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(seconds);
}

QString SessionText::brokerHost(const QString &displayUrl)
{
    // displayUrl() is already redacted; taking only the host (and port) also drops the path,
    // where a user-scoped URL names the AISBF username, and any query. The port tells brokers on
    // one host apart, the demo's among them.
    const QUrl url(displayUrl);
    const QString host = url.host(QUrl::FullyDecoded);
    if (host.isEmpty() || url.port() < 0)
        return host;
    const QString shownHost = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return shownHost + QLatin1Char(':') + QString::number(url.port());
}

QString SessionText::alsoWrong(SessionState state, bool localServerUp, const QString &localProblem)
{
    if (state != SessionState::Rejected || localServerUp)
        return {};
    if (localProblem.isEmpty())
        return tr("The local model server is not answering either.");
    return tr("The local model server is not answering either: %1").arg(localProblem);
}

} // namespace coderai
