#pragma once

#include <QJsonObject>
#include <QStringList>

#include <chrono>

namespace coderai {

/// \brief What a seller tells AISBF about itself when it registers (PROTOCOL.md §3).
struct RegistrationContent
{
    QString endpoint;        ///< local server base URL, credentials removed
    QJsonObject hardware;    ///< the complete hardware object, gpus and totals included
    QStringList studioEndpoints;
    QJsonObject capabilities;

    bool operator==(const RegistrationContent &) const = default;
};

/// \brief Builders for the two messages whose shape AISBF merges into its session metadata.
namespace registration {

/// The `register` payload: hardware nested and its GPU keys copied to the top level.
QJsonObject registerPayload(const RegistrationContent &content, const QString &token);

/// The proactive heartbeat payload. Only the keys AISBF lets a seller own are sent, each a
/// complete object, because the server shallow-merges it into the session (PROTOCOL.md §4).
QJsonObject heartbeatPayload(const QJsonObject &hardware, std::chrono::seconds uptime,
                             int inFlight, int maxConcurrent);

} // namespace registration
} // namespace coderai
