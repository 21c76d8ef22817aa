#include "processmemory.h"

#include <algorithm>

#include <QByteArray>
#include <QFile>
#include <QString>

using namespace Qt::StringLiterals;

namespace coderai::test {
namespace processmemory {
namespace {

QString procPath(qint64 pid, QStringView file)
{
    return pid == 0 ? u"/proc/self/"_s + file : u"/proc/%1/%2"_s.arg(pid).arg(file);
}

// A "Name:   1234 kB" line of /proc/<pid>/status, in bytes.
qint64 statusBytes(qint64 pid, QByteArrayView field)
{
    QFile file(procPath(pid, u"status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.size() > field.size() && line.startsWith(field) && line.at(field.size()) == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

qint64 residentBytes(qint64 pid) { return statusBytes(pid, "VmRSS"); }
qint64 peakBytes(qint64 pid) { return statusBytes(pid, "VmHWM"); }

bool resetPeak(qint64 pid)
{
    QFile file(procPath(pid, u"clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

} // namespace processmemory

PeakGrowth::PeakGrowth(qint64 pid)
    : m_pid(pid)
{
}

bool PeakGrowth::start()
{
    m_baseline = -1;
    if (!processmemory::resetPeak(m_pid))
        return false;
    m_baseline = processmemory::residentBytes(m_pid);
    return m_baseline >= 0;
}

qint64 PeakGrowth::growthBytes() const
{
    const qint64 peak = processmemory::peakBytes(m_pid);
    if (m_baseline < 0 || peak < 0)
        return -1;
    // The kernel's RSS counters are per-thread and folded in lazily, so a peak read after memory
    // was returned can come out a few hundred KiB under the baseline: that is no growth, not -1.
    return std::max<qint64>(peak - m_baseline, 0);
}

} // namespace coderai::test
