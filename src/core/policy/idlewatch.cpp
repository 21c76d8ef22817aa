#include "idlewatch.h"

#include "logging.h"
#include "policy/idlesource.h"
#include "policy/servingpolicy.h"

namespace coderai {

IdleWatch::IdleWatch(std::unique_ptr<IdleSource> source, const QString &why, ServingPolicy *policy, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_policy(policy)
{
    connect(&m_timer, &QTimer::timeout, this, &IdleWatch::poll);
    if (!m_source) {
        qCInfo(lcPolicy).noquote() << "Desktop activity rule off:" << why;
        m_policy->ownerActivity().setUnavailable(why);
        return;
    }
    qCInfo(lcPolicy).noquote() << "Desktop idle time from" << m_source->name();
    m_policy->ownerActivity().setSourceName(m_source->name());
    connect(m_source.get(), &IdleSource::idleTimeRead, this, [this](std::chrono::milliseconds idle) {
        m_policy->ownerActivity().setIdleTime(idle, m_policy->now().steady);
        m_policy->reevaluate();
    });
    connect(m_source.get(), &IdleSource::failed, this, [this](const QString &reason) {
        // Logged once per change: a failing source fails at every poll.
        if (m_policy->ownerActivity().offReason() != reason)
            qCWarning(lcPolicy).noquote() << "Desktop activity rule off:" << reason;
        m_policy->ownerActivity().setUnavailable(reason);
        m_policy->reevaluate();
    });
}

IdleWatch::~IdleWatch() = default;

void IdleWatch::start(std::chrono::milliseconds interval)
{
    if (!m_source)
        return;
    m_timer.start(interval);
    poll();
}

void IdleWatch::poll()
{
    if (m_source)
        m_source->request();
}

} // namespace coderai
