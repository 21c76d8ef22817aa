#pragma once

#include "policy/idlesource.h"

#include <chrono>

namespace coderai::test {

/// \brief An idle source outside D-Bus, as a front end's fallback is (the desktop's X11 one):
/// answers each request(), from the event loop, with the idle time the test sets.
class FakeIdleSource final : public IdleSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeIdleSource)

public:
    using IdleSource::IdleSource;

    /// A factory that makes one, counting its calls in \a made (optional).
    static Factory factory(std::chrono::milliseconds idle, int *made = nullptr);

    QString name() const override;
    void request() override;

    void setIdle(std::chrono::milliseconds idle) { m_idle = idle; }
    int requests() const { return m_requests; }

private:
    std::chrono::milliseconds m_idle{0};
    int m_requests = 0;
};

} // namespace coderai::test
