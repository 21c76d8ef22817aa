#pragma once

#include <QStringList>

namespace coderai::bench {

/// Child mode `--soak-broker --port N --seed S --slow-bytes-per-second B`: a DemoBroker behind
/// a SlowRelay on 127.0.0.1:N that keeps the soak's mixed traffic flowing to whichever seller
/// registers (token from $CODERAI_SOAK_BROKER_TOKEN). Prints "PORT <n>", then one JSON object
/// per line: `registered`, `sent`, `done` (with `ok`, `code`, `problem`), `disconnect`, `stuck`.
/// Reads commands from stdin: `slow 1`, `slow 0`, `quiet` (send nothing new), `go`; lives until
/// stdin closes. Returns the exit code.
int soakBroker(const QStringList &arguments);

/// Child mode `--soak-model --port N`: a DemoModelServer on 127.0.0.1:N. Prints "PORT <n>", then
/// "OPEN <n>" whenever the number of requests it is still answering changes; lives until stdin
/// closes.
int soakModel(const QStringList &arguments);

} // namespace coderai::bench
