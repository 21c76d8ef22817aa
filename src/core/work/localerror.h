#pragma once

#include "broker/envelope.h"

#include "local/localreply.h"

namespace coderai {

/// True for errors that mean the local server could not be reached at all.
bool isConnectionFailure(LocalReply::Error error);

/// Maps a local reply that failed to the protocol error of PROTOCOL.md §5. A failed transfer is
/// judged by LocalReply::error() whatever the status code: refused or closed before any answer
/// is `upstream_unavailable`, a timeout or abort `upstream_timeout`, a broken or truncated
/// answer `upstream_error` with the client's reason (never body text). A complete HTTP error
/// answer (>= 400, for an op that must not relay it) is mapped by its status, with the local
/// status and the message from its JSON error body as details.
WorkError localError(const LocalReply *reply, const QByteArray &body);

} // namespace coderai
