#pragma once

#include "sessioninfo.h"
#include "sessionstate.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>
#include <functional>

namespace coderai {

/// \brief Turns session state changes into desktop notifications, rate-limited and switchable.
///
/// Three events are worth interrupting the seller for: the session went offline after being
/// online, the broker rejected the seller, and the local model server stopped answering. Each
/// fires once per episode (it is re-armed when the session is online again) and at most once
/// per kind within minimumInterval(), so a flapping connection cannot flood the desktop. The
/// notifier only decides; whoever owns a tray icon shows what notificationRequested() carries.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    enum class Kind { WentOffline, Rejected, LocalServerLost };
    Q_ENUM(Kind)

    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    static constexpr std::chrono::milliseconds DefaultMinimumInterval{std::chrono::minutes(5)};

    explicit Notifier(QObject *parent = nullptr, Clock clock = {});
    ~Notifier() override;

    void setEnabled(bool enabled);
    bool isEnabled() const;
    void setMinimumInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds minimumInterval() const;

    /// Feeds one transition of the session, with its last failure (the reason to show).
    void sessionStateChanged(SessionState state, SessionState previous,
                             const SessionFailure &failure);
    /// Emits notificationRequested() unless disabled or a \a kind was shown too recently; true
    /// if it did. A notification held back while disabled does not count against the limit.
    bool notify(Kind kind, const QString &title, const QString &message);

signals:
    void notificationRequested(coderai::Notifier::Kind kind, const QString &title, const QString &message);

private:
    void notifyOnce(Kind kind, const QString &title, const QString &message);

    Clock m_clock;
    bool m_enabled = true;
    std::chrono::milliseconds m_minimumInterval = DefaultMinimumInterval;
    QHash<Kind, std::chrono::steady_clock::time_point> m_lastShown;
    QSet<Kind> m_spent; ///< kinds already announced in this episode
};

} // namespace coderai
