#include "fakeidlesource.h"

#include <QMetaObject>

namespace coderai::test {

IdleSource::Factory FakeIdleSource::factory(std::chrono::milliseconds idle, int *made)
{
    return [idle, made](QString *) -> std::unique_ptr<IdleSource> {
        if (made)
            ++*made;
        auto source = std::make_unique<FakeIdleSource>();
        source->setIdle(idle);
        return source;
    };
}

QString FakeIdleSource::name() const
{
    return QStringLiteral("test fallback");
}

void FakeIdleSource::request()
{
    ++m_requests;
    QMetaObject::invokeMethod(this, [this] { Q_EMIT idleTimeRead(m_idle); }, Qt::QueuedConnection);
}

} // namespace coderai::test
