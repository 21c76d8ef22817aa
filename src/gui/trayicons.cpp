#include "trayicons.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

// Outside any namespace, as Q_INIT_RESOURCE requires. coderai_gui is a static library, so the
// linker would drop the compiled icons.qrc unless something references it.
static void initIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace coderai {

TrayLook TrayIcons::lookFor(SessionState state, int inFlight, const SessionFailure &failure)
{
    using State = SessionState;
    switch (state) {
    case State::Offline:
        return TrayLook::Offline;
    case State::Connecting:
    case State::Registering:
        return TrayLook::Connecting;
    case State::Online:
        return inFlight > 0 ? TrayLook::Serving : TrayLook::Online;
    case State::Draining:
        // Still finishing work for buyers; once idle it leaves at once.
        return inFlight > 0 ? TrayLook::Serving : TrayLook::Paused;
    case State::Paused:
        return TrayLook::Paused;
    case State::Backoff:
        return failure.kind == SessionFailure::Kind::None ? TrayLook::Connecting : TrayLook::Error;
    case State::Rejected:
        return TrayLook::Rejected;
    case State::ConfigError:
        return TrayLook::Error;
    case State::LocalServerDown:
        return TrayLook::LocalServerDown;
    }
    return TrayLook::Error;
}

QString TrayIcons::name(TrayLook look)
{
    switch (look) {
    case TrayLook::Offline:
        return QStringLiteral("offline");
    case TrayLook::Connecting:
        return QStringLiteral("connecting");
    case TrayLook::Online:
        return QStringLiteral("online");
    case TrayLook::Serving:
        return QStringLiteral("serving");
    case TrayLook::Paused:
        return QStringLiteral("paused");
    case TrayLook::LocalServerDown:
        return QStringLiteral("local-server-down");
    case TrayLook::Rejected:
        return QStringLiteral("rejected");
    case TrayLook::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

QString TrayIcons::resourcePath(TrayLook look, Variant variant)
{
    return QStringLiteral(":/icons/tray-") + name(look)
        + (variant == Variant::Monochrome ? QStringLiteral("-mono.svg") : QStringLiteral(".svg"));
}

QIcon TrayIcons::icon(TrayLook look, Variant variant)
{
    return render(resourcePath(look, variant), {16, 20, 22, 24, 32, 44, 48, 64});
}

QIcon TrayIcons::appIcon()
{
    return render(QStringLiteral(":/icons/coderai-seller.svg"), {16, 22, 24, 32, 48, 64, 128, 256});
}

QIcon TrayIcons::render(const QString &path, std::initializer_list<int> sizes)
{
    // No process-wide cache: pixmaps must not outlive the QGuiApplication. Callers that switch
    // looks often keep their own (TrayController does).
    initIconResources();
    QSvgRenderer renderer(path);
    QIcon icon;
    if (renderer.isValid()) {
        for (const int size : sizes) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            renderer.render(&painter);
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

} // namespace coderai
