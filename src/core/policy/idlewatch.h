#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace coderai {

class IdleSource;
class ServingPolicy;

/// \brief Polls an IdleSource and feeds the policy's owner-activity rule; without a source, or
/// when it stops answering, the rule is off and says why.
class IdleWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleWatch)

public:
    /// \a source may be null (none found): \a why is then the rule's off reason.
    IdleWatch(std::unique_ptr<IdleSource> source, const QString &why, ServingPolicy *policy,
              QObject *parent = nullptr);
    ~IdleWatch() override;

    void start(std::chrono::milliseconds interval = std::chrono::seconds(5));
    /// One poll now.
    void poll();

private:
    std::unique_ptr<IdleSource> m_source;
    ServingPolicy *m_policy;
    QTimer m_timer;
};

} // namespace coderai
