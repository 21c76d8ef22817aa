#pragma once

#include "sessioninfo.h"
#include "config/sellerconfig.h"

#include <chrono>

namespace coderai {

/// The session's own failures, each in both languages it is needed in: translated `message` for
/// the window, English `logMessage` for the log.
namespace sessionfailures {

SessionFailure connectTimeout(std::chrono::milliseconds waited);
SessionFailure registerTimeout();
/// The broker refused our `register` without saying why.
SessionFailure registrationRefused();
SessionFailure peerSilent(std::chrono::milliseconds quietFor);
/// The broker sent a message larger than the link reads at all (BrokerLink::hardIncomingCap()).
SessionFailure oversizedMessage(qint64 limitBytes);
/// `reason` comes from the local server's monitor; only the window shows it.
SessionFailure localServerDown(const QString &reason);
/// The settings cannot work; the log names the settings, the window gets the full sentences.
SessionFailure invalidConfig(const QList<ConfigProblem> &problems);

} // namespace sessionfailures
} // namespace coderai
