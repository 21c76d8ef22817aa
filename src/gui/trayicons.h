#pragma once

#include "sessioninfo.h"
#include "sessionstate.h"

#include <QIcon>
#include <QObject>
#include <QString>

#include <initializer_list>

namespace coderai {

/// \brief The tray's icon set: which look a session state gets, and the icon for each look.
///
/// Icons are rendered from SVG into pixmaps of the usual tray sizes here rather than through the
/// SVG icon engine plugin, so they stay crisp even where that plugin is not installed.
class TrayIcons final
{
    Q_GADGET

public:
    /// What the tray icon shows; one SVG per look in resources/icons, in colour and monochrome.
    enum class Look {
        Offline,
        Connecting,
        Online,
        Serving, ///< online with work in flight
        Paused,
        LocalServerDown,
        Rejected,
        Error, ///< configuration error, or waiting to reconnect after a failure
    };
    Q_ENUM(Look)

    /// Colour suits light panels; Monochrome (white) suits dark ones.
    enum class Variant { Colour, Monochrome };

    /// Serving means online (or finishing work before a pause) with \a inFlight > 0.
    static Look lookFor(SessionState state, int inFlight, const SessionFailure &failure);
    /// Stable lower-case name, also the icon file's stem: "online", "local-server-down", …
    static QString name(Look look);
    /// The resource path, e.g. ":/icons/tray-online-mono.svg".
    static QString resourcePath(Look look, Variant variant);
    static QIcon icon(Look look, Variant variant);
    static QIcon appIcon();

private:
    static QIcon render(const QString &path, std::initializer_list<int> sizes);
};

using TrayLook = TrayIcons::Look;

} // namespace coderai
