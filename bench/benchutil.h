#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace coderai::bench {

/// Nanoseconds on the monotonic clock that QElapsedTimer and every process on the machine share.
qint64 nowNs();

/// The q-quantile (0..1) by nearest rank; NaN for no samples.
double percentile(std::vector<double> samples, double q);
double median(std::vector<double> samples);

/// CPU time of this thread in nanoseconds: on a shared machine, time spent preempted is not
/// the measured code's.
qint64 threadCpuNs();
/// Median thread-CPU nanoseconds of \a repeats runs of \a body.
double timeIt(int repeats, const std::function<void()> &body);

/// \brief p50/p90/p99 of a set of samples, in the samples' unit.
struct Percentiles
{
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    static Percentiles of(const std::vector<double> &samples);
};

/// Processes Qt events until `done` says so or `timeout` passes; returns done(). A 10 ms timer
/// guarantees wake-ups, so the bound holds even when nothing else happens.
bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout);
/// Processes Qt events for `duration`.
void spin(std::chrono::milliseconds duration);

/// \brief What /proc says about one process (Linux only).
namespace proc {
/// utime + stime of every thread, dead ones included, in microseconds (clock-tick resolution).
std::optional<qint64> cpuMicros(qint64 pid);
/// Sum of the live threads' run time from /proc/<pid>/task/*/schedstat in nanoseconds (finer
/// than clock ticks); nullopt where the kernel has no schedstat.
std::optional<qint64> schedNs(qint64 pid);
/// A "VmRSS" style field of /proc/<pid>/status in KiB.
std::optional<qint64> statusKb(qint64 pid, const char *field);
/// Resets VmHWM to the current RSS (writes 5 to /proc/<pid>/clear_refs).
bool resetPeakRss(qint64 pid);
} // namespace proc

/// \brief A plain text table: a header row, then rows; columns padded to their widest cell.
class Table final
{
public:
    explicit Table(QStringList header);
    void addRow(QStringList cells);
    void addSeparator();
    QString render() const;

private:
    QStringList m_header;
    std::vector<QStringList> m_rows; // an empty row is a separator
};

QString fmt(double value, int decimals = 1);
/// "1.23x" style ratio; "n/a" when the denominator is zero or either value is NaN.
QString ratio(double numerator, double denominator, int decimals = 2);

} // namespace coderai::bench
