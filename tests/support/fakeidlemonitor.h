#pragma once

#include <QDBusConnection>
#include <QObject>

namespace coderai::test {

/// \brief A desktop's idle interface on a test bus: GNOME Mutter's IdleMonitor or the
/// freedesktop ScreenSaver, answering whatever idle time the test sets. Registered while alive.
class FakeIdleMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeIdleMonitor)

public:
    enum class Kind { Mutter, ScreenSaver };

    FakeIdleMonitor(Kind kind, const QDBusConnection &bus, QObject *parent = nullptr);
    ~FakeIdleMonitor() override;

    bool isRegistered() const { return m_registered; }
    void setIdleMs(quint64 idle) { m_idleMs = idle; }
    int calls() const { return m_calls; }

    quint64 idleMs() { ++m_calls; return m_idleMs; }

private:
    QDBusConnection m_bus;
    QString m_service;
    QString m_path;
    bool m_registered = false;
    quint64 m_idleMs = 0;
    int m_calls = 0;
};

} // namespace coderai::test
