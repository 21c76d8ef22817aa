#include "gpuprobe.h"

namespace coderai {

GpuProbe::GpuProbe(QObject *parent)
    : QObject(parent)
{
}

GpuProbe::~GpuProbe() = default;

QString GpuProbe::fallbackFor() const
{
    return m_fallbackFor;
}

void GpuProbe::setFallbackFor(const QString &primaryName)
{
    m_fallbackFor = primaryName;
}

void GpuProbe::finishLater(const ProbeResult &result)
{
    QMetaObject::invokeMethod(
        this, [this, result] { emit finished(result.gpus, result.diagnostics); }, Qt::QueuedConnection);
}

} // namespace coderai
