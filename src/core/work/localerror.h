#pragma once

#include "broker/envelope.h"

#include "local/localreply.h"

namespace coderai {

/// True for errors that mean the local server could not be reached at all.
bool isConnectionFailure(LocalReply::Error error);

/// Maps a local reply that failed (no HTTP answer, or HTTP >= 400 for an op that must not relay
/// it) to the protocol error of PROTOCOL.md §5, with the local status and message as details.
WorkError localError(const LocalReply *reply, const QByteArray &body);

} // namespace coderai
