#pragma once

#include "config/sellerconfig.h"
#include "hardware/hardwaresnapshot.h"
#include "logbuffer.h"
#include "sessioninfo.h"
#include "sessionstate.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace coderai {

class SellerService;

/// \brief What "Copy diagnostics" reports, as plain values (tests build one by hand).
struct DiagnosticsInput
{
    SellerConfig config;
    bool demo = false;
    bool tokenSet = false; ///< only whether there is one: the token itself is never an input
    std::optional<SessionState> state; ///< empty when no session runs
    int inFlight = 0;
    SessionFailure lastFailure;
    SessionInfo session;
    HardwareSnapshot hardware;
    QList<LogLine> recentProblems; ///< the last warnings and errors of the log
    QDateTime now = QDateTime::currentDateTime();
};

/// \brief "Copy diagnostics": one plain-text report a seller pastes into a bug report.
///
/// Version, Qt, OS and desktop, the configuration without any secret (URLs lose their user info
/// and query, the token is only said to be set or not, and the whole text is scrubbed of every
/// registered secret), the session's state and last failure, the last warnings and errors of the
/// log, and the GPU inventory. In English on purpose, like the log: it is read by whoever fixes
/// the bug, not by the seller.
class Diagnostics final
{
public:
    /// How many warning and error lines of the log the report carries.
    static constexpr int kRecentProblems = 20;

    /// Reads \a service (may be null) and \a logs (may be null) now.
    static DiagnosticsInput gather(const SellerService *service, const LogBuffer *logs, bool demo, bool tokenSet);
    static QString collect(const DiagnosticsInput &input);
    /// collect(), put on the clipboard; returns the text.
    static QString copyToClipboard(const DiagnosticsInput &input);

    /// A URL as the report shows it: scheme, host, port and path only.
    static QString bareUrl(const QUrl &url);
};

} // namespace coderai
