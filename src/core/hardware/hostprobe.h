#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace coderai {

struct HardwareSnapshot;

/// \brief Host facts beyond Qt's QSysInfo: CPU model and RAM. Reads small kernel files
/// (/proc on Linux) or asks the OS directly elsewhere; cheap enough for the event loop.
class HostProbe final
{
public:
    /// \brief RAM in MiB; a figure the system does not give stays empty.
    struct Memory
    {
        std::optional<qint64> totalMb;
        std::optional<qint64> availableMb;
    };

    /// Fills cpuModel and RAM of \a snapshot; \a root prefixes /proc (tests pass a fixture tree).
    static void read(const QString &root, HardwareSnapshot &snapshot);

    /// The first "model name" of /proc/cpuinfo (x86, most ARM servers), else empty.
    static QString parseCpuModel(const QByteArray &cpuinfo);
    /// MemTotal and MemAvailable of /proc/meminfo, in MiB.
    static Memory parseMemInfo(const QByteArray &meminfo);
};

} // namespace coderai
