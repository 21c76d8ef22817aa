#include "hostprobe.h"

#include "hardwaresnapshot.h"

#include <QDir>
#include <QFile>

#if defined(Q_OS_WIN)
#include <QSettings>
#include <qt_windows.h>
#elif defined(Q_OS_MACOS)
#include <sys/sysctl.h>
#include <sys/types.h>
#endif

namespace coderai {
namespace {

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // procfs reports a size of 0; readAll() reads on to the end regardless.
    return file.readAll();
}

std::optional<qint64> kibToMib(const QByteArray &line)
{
    // "MemTotal:       65843212 kB"
    const qsizetype colon = line.indexOf(':');
    QByteArray value = line.mid(colon + 1).trimmed();
    if (value.endsWith(" kB"))
        value.chop(3);
    bool ok = false;
    const qint64 kib = value.trimmed().toLongLong(&ok);
    if (!ok || kib < 0)
        return std::nullopt;
    return kib / 1024;
}

void readFromOperatingSystem(HardwareSnapshot &snapshot)
{
#if defined(Q_OS_WIN)
    if (snapshot.cpuModel.isEmpty()) {
        const QSettings cpu(QStringLiteral("HKEY_LOCAL_MACHINE\\HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0"),
                            QSettings::NativeFormat);
        snapshot.cpuModel = cpu.value(QStringLiteral("ProcessorNameString")).toString().trimmed();
    }
    MEMORYSTATUSEX status;
    status.dwLength = sizeof(status);
    if (!snapshot.ramTotalMb && GlobalMemoryStatusEx(&status)) {
        snapshot.ramTotalMb = static_cast<qint64>(status.ullTotalPhys / (1024 * 1024));
        snapshot.ramAvailableMb = static_cast<qint64>(status.ullAvailPhys / (1024 * 1024));
    }
#elif defined(Q_OS_MACOS)
    if (snapshot.cpuModel.isEmpty()) {
        char brand[256] = {};
        size_t size = sizeof(brand) - 1;
        if (sysctlbyname("machdep.cpu.brand_string", brand, &size, nullptr, 0) == 0)
            snapshot.cpuModel = QString::fromUtf8(brand).trimmed();
    }
    // macOS has no single honest "available" figure (compressed and purgeable pages), so only
    // the total is reported.
    quint64 memsize = 0;
    size_t size = sizeof(memsize);
    if (!snapshot.ramTotalMb && sysctlbyname("hw.memsize", &memsize, &size, nullptr, 0) == 0)
        snapshot.ramTotalMb = static_cast<qint64>(memsize / (1024 * 1024));
#else
    Q_UNUSED(snapshot)
#endif
}

} // namespace

void HostProbe::read(const QString &root, HardwareSnapshot &snapshot)
{
    const QDir base(root);
    snapshot.cpuModel = parseCpuModel(readSmallFile(base.filePath(QStringLiteral("proc/cpuinfo"))));
    const Memory memory = parseMemInfo(readSmallFile(base.filePath(QStringLiteral("proc/meminfo"))));
    snapshot.ramTotalMb = memory.totalMb;
    snapshot.ramAvailableMb = memory.availableMb;
    if (base.isRoot())
        readFromOperatingSystem(snapshot);
}

QString HostProbe::parseCpuModel(const QByteArray &cpuinfo)
{
    for (const QByteArray &line : cpuinfo.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() != "model name")
            continue;
        const QString model = QString::fromUtf8(line.mid(colon + 1).trimmed()).simplified();
        if (!model.isEmpty())
            return model;
    }
    return {};
}

HostProbe::Memory HostProbe::parseMemInfo(const QByteArray &meminfo)
{
    Memory memory;
    for (const QByteArray &line : meminfo.split('\n')) {
        if (line.startsWith("MemTotal:"))
            memory.totalMb = kibToMib(line);
        else if (line.startsWith("MemAvailable:"))
            memory.availableMb = kibToMib(line);
    }
    return memory;
}

} // namespace coderai
