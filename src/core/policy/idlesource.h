#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace coderai {

/// \brief Where the owner-activity rule reads how long the desktop has been idle. A request()
/// answers later with idleTimeRead() or failed().
class IdleSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleSource)

public:
    using QObject::QObject;
    ~IdleSource() override = default;

    /// "GNOME Mutter", "freedesktop ScreenSaver": for logs and the rule's status.
    virtual QString name() const = 0;
    virtual void request() = 0;

    /// Makes a source the core cannot build itself; nullptr, and \a why says why, when none.
    using Factory = std::function<std::unique_ptr<IdleSource>(QString *why)>;

    /// The first idle interface that \a bus offers: GNOME's Mutter IdleMonitor, then the
    /// freedesktop ScreenSaver (KDE, Xfce, LXQt); then what \a fallback makes. None: nullptr,
    /// and \a why names every source that is missing.
    ///
    /// The fallback is the desktop front end's X11 screensaver extension (X11IdleSource): plain
    /// X window managers (i3, Openbox, Fluxbox, …) offer neither D-Bus interface. It comes as a
    /// factory because the core links no X11: it runs headless on servers, and passes none.
    static std::unique_ptr<IdleSource> detect(const QDBusConnection &bus, QString *why,
                                              const Factory &fallback = {});

Q_SIGNALS:
    void idleTimeRead(std::chrono::milliseconds idle);
    void failed(const QString &reason);
};

/// \brief An idle source that calls one D-Bus method answering milliseconds of idle time.
class DBusIdleSource final : public IdleSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DBusIdleSource)

public:
    struct Interface
    {
        QString name;
        QString service;
        QString path;
        QString interface;
        QString method;
    };
    /// org.gnome.Mutter.IdleMonitor GetIdletime (uint64 ms).
    static Interface mutter();
    /// org.freedesktop.ScreenSaver GetSessionIdleTime (uint32 ms).
    static Interface screenSaver();

    DBusIdleSource(const QDBusConnection &bus, Interface interface, QObject *parent = nullptr);

    QString name() const override { return m_interface.name; }
    void request() override;

private:
    QDBusConnection m_bus;
    Interface m_interface;
};

} // namespace coderai
