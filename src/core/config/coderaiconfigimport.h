#pragma once

#include "config/sellerconfig.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace coderai {

/// \brief What an imported CoderAI config contributes: settings, the token and any problems.
///
/// The overlay holds every field that was read correctly, even when others had problems, so the
/// caller decides whether a partly broken file is still worth using.
struct CoderAiImport
{
    SellerConfigOverlay overlay;
    QString token; ///< the registration token; goes to the secret store, never to Settings
    bool enabled = true;
    /// Wrong types, unknown scope, unsupported transport. A problem about the document as a
    /// whole (not JSON, no "broker" object) has an empty field. Never contains the token.
    QList<ConfigProblem> problems;
};

/// Reads CoderAI's own config shape, {"broker": {...}} (PROTOCOL.md §2). Unknown keys are
/// ignored and null counts as absent.
CoderAiImport importCoderAiConfig(QByteArrayView json);

/// Reads and imports the file at \a path; a file that can't be read becomes a problem.
CoderAiImport importCoderAiConfigFile(const QString &path);

} // namespace coderai
