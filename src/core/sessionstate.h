#pragma once

#include <QObject>
#include <QString>

namespace coderai {
Q_NAMESPACE

/// \brief Where the seller's session with AISBF stands; the broker session's state machine moves
/// through these, and front ends show them (docs/ARCHITECTURE.md has the diagram).
enum class SessionState {
    Offline,
    Connecting,
    Registering,
    Online,
    Draining,
    Paused,
    Backoff,
    Rejected,
    ConfigError,
    LocalServerDown,
};
Q_ENUM_NS(SessionState)

/// The enumerator's name ("Online"), for log lines.
QString sessionStateName(SessionState state);

} // namespace coderai
