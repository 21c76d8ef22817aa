#include "benchutil.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

#include <unistd.h>

namespace coderai::bench {

using namespace Qt::StringLiterals;

qint64 nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double percentile(std::vector<double> samples, double q)
{
    if (samples.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<size_t>(std::ceil(q * double(samples.size())));
    return samples[std::clamp<size_t>(rank, 1, samples.size()) - 1];
}

double median(std::vector<double> samples)
{
    return percentile(std::move(samples), 0.5);
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double timeIt(int repeats, const std::function<void()> &body)
{
    std::vector<double> samples;
    for (int i = 0; i < repeats; ++i) {
        const qint64 start = threadCpuNs();
        body();
        samples.push_back(double(threadCpuNs() - start));
    }
    return median(samples);
}

Percentiles Percentiles::of(const std::vector<double> &samples)
{
    return { percentile(samples, 0.5), percentile(samples, 0.9), percentile(samples, 0.99) };
}

bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    QTimer tick;
    tick.start(10);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

void spin(std::chrono::milliseconds duration)
{
    waitFor([] { return false; }, duration);
}

namespace proc {
namespace {

QByteArray readProc(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: read until EOF
}

} // namespace

std::optional<qint64> cpuMicros(qint64 pid)
{
    const QByteArray stat = readProc(u"/proc/%1/stat"_s.arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime 14, stime 15 (proc(5)).
    if (fields.size() < 13)
        return std::nullopt;
    const qint64 ticks = fields[11].toLongLong() + fields[12].toLongLong();
    const long perSecond = sysconf(_SC_CLK_TCK);
    return ticks * 1'000'000 / (perSecond > 0 ? perSecond : 100);
}

std::optional<qint64> schedNs(qint64 pid)
{
    const QDir tasks(u"/proc/%1/task"_s.arg(pid));
    const QStringList ids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (ids.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    for (const QString &id : ids) {
        const QByteArray line = readProc(tasks.filePath(id + u"/schedstat"_s));
        if (line.isEmpty())
            return std::nullopt;
        total += line.split(' ').value(0).toLongLong();
    }
    return total;
}

std::optional<qint64> statusKb(qint64 pid, const char *field)
{
    const QByteArray status = readProc(u"/proc/%1/status"_s.arg(pid));
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return std::nullopt;
}

bool resetPeakRss(qint64 pid)
{
    QFile file(u"/proc/%1/clear_refs"_s.arg(pid));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

} // namespace proc

Table::Table(QStringList header)
    : m_header(std::move(header))
{
}

void Table::addRow(QStringList cells)
{
    m_rows.push_back(std::move(cells));
}

void Table::addSeparator()
{
    m_rows.emplace_back();
}

QString Table::render() const
{
    std::vector<qsizetype> widths(size_t(m_header.size()), 0);
    auto measure = [&widths](const QStringList &row) {
        for (qsizetype i = 0; i < row.size() && size_t(i) < widths.size(); ++i)
            widths[size_t(i)] = std::max(widths[size_t(i)], row[i].size());
    };
    measure(m_header);
    for (const QStringList &row : m_rows)
        measure(row);
    qsizetype total = 0;
    for (qsizetype w : widths)
        total += w + 2;
    const QString rule = QString(total, u'-') + u'\n';
    auto line = [&widths](const QStringList &row) {
        QString out;
        for (size_t i = 0; i < widths.size(); ++i) {
            const QString cell = row.value(qsizetype(i));
            // First column left-aligned (labels), the rest right-aligned (numbers).
            out += (i == 0 ? cell.leftJustified(widths[i]) : cell.rightJustified(widths[i])) + u"  "_s;
        }
        return out.trimmed().isEmpty() ? QString() : out + u'\n';
    };
    QString out = line(m_header) + rule;
    for (const QStringList &row : m_rows)
        out += row.isEmpty() ? rule : line(row);
    return out;
}

QString fmt(double value, int decimals)
{
    if (std::isnan(value))
        return u"n/a"_s;
    return QString::number(value, 'f', decimals);
}

QString ratio(double numerator, double denominator, int decimals)
{
    if (std::isnan(numerator) || std::isnan(denominator) || denominator == 0)
        return u"n/a"_s;
    return QString::number(numerator / denominator, 'f', decimals) + u'x';
}

} // namespace coderai::bench
