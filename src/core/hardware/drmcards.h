#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace coderai {

/// \brief The GPUs the Linux kernel lists under /sys/class/drm, and small readers for their
/// sysfs attributes. Shared by the sysfs probes of each vendor.
class DrmCards final
{
public:
    /// \brief One cardN entry: a GPU the kernel's DRM layer knows.
    struct Card
    {
        int number = 0; ///< N of cardN
        QString deviceDir; ///< …/cardN/device
        QString vendorId; ///< "0x1002", "0x8086", "0x10de"
        QString pciBusId; ///< normalized, empty when unknown
    };

    /// The cardN entries below \a root (connectors such as card0-DP-1 skipped), in card order,
    /// optionally only those of one PCI \a vendorId.
    static QList<Card> list(const QString &root, const QString &vendorId = {});

    /// The trimmed first line of a sysfs attribute, empty when it cannot be read.
    static QString readText(const QString &path);
    static std::optional<qint64> readInteger(const QString &path);
    /// The first hwmon/hwmonN folder of a device, empty when it has none.
    static QString hwmonDir(const QString &deviceDir);
};

} // namespace coderai
