#pragma once

#include "policy/idlesource.h"

#include <memory>

struct _XDisplay; // Xlib's Display: its headers stay in the .cpp, their macros clash with Qt's names

namespace coderai {

/// \brief The desktop's idle time from the X server's screensaver extension (MIT-SCREEN-SAVER,
/// libXss), for X window managers that offer neither D-Bus idle interface (i3, Openbox, …).
///
/// It asks on the Display that Qt's xcb platform already has open, so it works only where the
/// application runs on X11; SellerService uses it as the fallback after the D-Bus sources.
class X11IdleSource final : public IdleSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(X11IdleSource)

public:
    /// The source, where the application runs on the xcb platform and the X server has the
    /// extension; nullptr otherwise, and \a why (English, for the log) says which is missing.
    /// Fits IdleSource::Factory.
    static std::unique_ptr<IdleSource> create(QString *why);

    QString name() const override;
    /// Answers with idleTimeRead() or failed() from the event loop, never from inside request().
    void request() override;

private:
    explicit X11IdleSource(_XDisplay *display, QObject *parent = nullptr);

    _XDisplay *m_display; ///< Qt's; lives as long as the application
};

} // namespace coderai
