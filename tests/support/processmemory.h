#pragma once

#include <QtGlobal>

namespace coderai::test {

/// \brief Resident memory of a process as Linux reports it in /proc/<pid>/status.
///
/// `pid` 0 means this process. Values are bytes; -1 where /proc cannot be read (not Linux,
/// or the process is gone).
namespace processmemory {

/// VmRSS: what is resident now.
qint64 residentBytes(qint64 pid = 0);
/// VmHWM: the most that was resident since the process started or since resetPeak().
qint64 peakBytes(qint64 pid = 0);
/// Sets VmHWM back to the current VmRSS (writes "5" to /proc/<pid>/clear_refs, Linux ≥ 4.0).
bool resetPeak(qint64 pid = 0);

} // namespace processmemory

/// \brief How far a process's peak RSS rose above its RSS at the start of a measurement.
///
/// Growth, not the absolute peak, is what a bound can hold on: the baseline differs between a
/// Release and a sanitizer build, and between a first and a later test case.
class PeakGrowth final
{
public:
    explicit PeakGrowth(qint64 pid = 0);

    /// Resets the peak and takes the baseline; false where /proc does not allow it.
    bool start();
    /// Peak minus baseline so far, in bytes (never below 0); -1 when not started or unreadable.
    qint64 growthBytes() const;

private:
    qint64 m_pid;
    qint64 m_baseline = -1;
};

} // namespace coderai::test
