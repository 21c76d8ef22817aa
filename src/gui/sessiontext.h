#pragma once

#include "policy/servingdecision.h"
#include "sessionstate.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>

namespace coderai {

/// \brief The words the tray and the status window use for a session: one place, so the tooltip,
/// the menu and the connection card never describe the same state differently.
class SessionText final
{
    Q_DECLARE_TR_FUNCTIONS(SessionText)

public:
    /// A few words, e.g. "Online", "Online, serving 2 requests", "Local model server not answering".
    static QString state(SessionState state, int inFlight);
    /// The same with the serving rules: while \a decision limits serving and the session is
    /// paused or online, its sentence ("Paused by schedule until 19:00") says more than the state.
    static QString state(SessionState state, int inFlight, const ServingDecision &decision, const QDateTime &now);
    /// "45 s", "12 min 05 s", "3 h 07 min", "2 d 4 h".
    static QString duration(std::chrono::seconds duration);
    /// The host of a broker URL, and its port when the URL names one ("127.0.0.1:40123"),
    /// without scheme, path, query or credentials.
    static QString brokerHost(const QString &displayUrl);
    /// What else is wrong when the state outranks it, for a second line under the state: while
    /// Rejected (which stays until the seller acts), a local model server that is down too.
    /// Empty when there is nothing more to say.
    static QString alsoWrong(SessionState state, bool localServerUp, const QString &localProblem);
};

} // namespace coderai
