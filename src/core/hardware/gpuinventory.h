#pragma once

#include "hardwaresnapshot.h"

namespace coderai {

/// \brief Joins what several probes saw into one list with each physical GPU once: NVML and
/// nvidia-smi see the same cards, sysfs and rocm-smi too.
class GpuInventory final
{
public:
    /// \a sources in order of trust: a device's first record wins, and later records of the
    /// same device (same uuid or PCI bus id) only fill values it lacks, or replace a generic
    /// name ("AMD GPU") with a real one.
    static QList<GpuInfo> merge(const QList<QList<GpuInfo>> &sources);
};

} // namespace coderai
