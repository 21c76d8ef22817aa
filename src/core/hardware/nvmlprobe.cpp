#include "nvmlprobe.h"

#include "nvmllibrary.h"

namespace coderai {

NvmlProbe::NvmlProbe(const QString &libraryFile, QObject *parent)
    : ThreadedProbe(parent)
    , m_library(std::make_shared<NvmlLibrary>(libraryFile))
{
}

NvmlProbe::~NvmlProbe() = default;

QString NvmlProbe::name() const
{
    return QStringLiteral("nvml");
}

QString NvmlProbe::defaultLibraryFile()
{
    return NvmlLibrary::defaultFileName();
}

std::function<ProbeResult()> NvmlProbe::job() const
{
    return [library = m_library] { return library->read(); };
}

QString NvmlProbe::stalledMessage(std::chrono::milliseconds timeout) const
{
    return QStringLiteral("NVML: no answer within %1 ms (a GPU fallen off the bus or a wedged driver?)")
        .arg(timeout.count());
}

} // namespace coderai
