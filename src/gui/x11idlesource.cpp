#include "x11idlesource.h"

#include <QGuiApplication>
#include <QMetaObject>

// Xlib last: it defines macros (Bool, None, Status, …) that Qt's headers must not see.
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

namespace coderai {

namespace {

QString missing(const QString &what)
{
    return QStringLiteral("no X11 screensaver extension: ") + what;
}

} // namespace

std::unique_ptr<IdleSource> X11IdleSource::create(QString *why)
{
    auto fail = [why](const QString &reason) -> std::unique_ptr<IdleSource> {
        if (why)
            *why = missing(reason);
        return nullptr;
    };
    const QString platform = QGuiApplication::platformName();
    if (!qGuiApp || platform != u"xcb")
        return fail(QStringLiteral("the display platform is \"%1\", not X11 (xcb)").arg(platform));
    auto *x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    Display *display = x11 ? x11->display() : nullptr;
    if (!display)
        return fail(QStringLiteral("Qt's xcb platform offers no Xlib display"));
    int eventBase = 0;
    int errorBase = 0;
    if (!XScreenSaverQueryExtension(display, &eventBase, &errorBase))
        return fail(QStringLiteral("the X server lacks MIT-SCREEN-SAVER"));
    return std::unique_ptr<IdleSource>(new X11IdleSource(display));
}

X11IdleSource::X11IdleSource(Display *display, QObject *parent)
    : IdleSource(parent)
    , m_display(display)
{
}

QString X11IdleSource::name() const
{
    return QStringLiteral("X11 screensaver extension");
}

void X11IdleSource::request()
{
    // One request and its reply to the X server that Qt already talks to: well under a
    // millisecond on a local display, every few seconds. Xlib has no asynchronous form of it
    // (xcb has, but its screensaver library is one more dependency for this one call). The
    // answer is queued, so callers see the D-Bus sources' order: request() first, answer later.
    XScreenSaverInfo *info = XScreenSaverAllocInfo();
    const bool ok = info && XScreenSaverQueryInfo(m_display, XDefaultRootWindow(m_display), info) != 0;
    const unsigned long idle = ok ? info->idle : 0;
    if (info)
        XFree(info);
    QMetaObject::invokeMethod(
        this,
        [this, ok, idle] {
            if (ok)
                Q_EMIT idleTimeRead(std::chrono::milliseconds(idle));
            else
                Q_EMIT failed(name() + QStringLiteral(": the X server did not answer XScreenSaverQueryInfo"));
        },
        Qt::QueuedConnection);
}

} // namespace coderai
