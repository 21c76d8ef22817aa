// The table bench_broker_hop prints: direct, via broker, the difference, the ratio and the
// DESIGN.md budget beside each number. No pass/fail: the machines are shared and noisy.
#include "hopbench.h"

#include <QFile>
#include <QLibraryInfo>
#include <QSysInfo>

#include <thread>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

QString cpuModel()
{
    QFile file(u"/proc/cpuinfo"_s);
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return u"unknown CPU"_s;
}

QString ms(double us, int decimals = 3)
{
    return fmt(us / 1000.0, decimals);
}

QString signedMs(double us, int decimals = 3)
{
    return (us >= 0 ? u"+"_s : QString()) + ms(us, decimals);
}

double maxOf(const std::vector<double> &values)
{
    return values.empty() ? std::nan("") : *std::max_element(values.begin(), values.end());
}

double minOf(const std::vector<double> &values)
{
    return values.empty() ? std::nan("") : *std::min_element(values.begin(), values.end());
}

void streamRows(Table &table, const QString &label, const std::vector<double> &direct, const std::vector<double> &hop,
                const std::vector<double> &directRunP99, const std::vector<double> &hopRunP99)
{
    const Percentiles d = Percentiles::of(direct);
    const Percentiles h = Percentiles::of(hop);
    table.addRow({ label + u" (%1 events): delay p50 (ms)"_s.arg(hop.size()), ms(d.p50), {}, ms(h.p50), signedMs(h.p50 - d.p50),
                   ratio(h.p50, d.p50), {}, {} });
    table.addRow({ u"  delay p90 (ms)"_s, ms(d.p90), {}, ms(h.p90), signedMs(h.p90 - d.p90), ratio(h.p90, d.p90), {}, {} });
    table.addRow({ u"  delay p99, all runs pooled (ms)"_s, ms(d.p99), {}, ms(h.p99), signedMs(h.p99 - d.p99), ratio(h.p99, d.p99),
                   {}, u"<= 0.5 ms p99"_s });
    const double dRun = median(directRunP99);
    const double hRun = median(hopRunP99);
    table.addRow({ u"  delay p99, median of %1 runs (ms)"_s.arg(hopRunP99.size()), ms(dRun), {}, ms(hRun), signedMs(hRun - dRun),
                   ratio(hRun, dRun), {}, {} });
}

} // namespace

QString HopBench::report() const
{
    const HopResults &r = m_results;
    QString out = u"\nbench_broker_hop (%1): %2 cores, %3, Qt %4 (built with %5), %6\n"_s
                      .arg(m_settings.quick ? u"quick"_s : u"full"_s)
                      .arg(std::thread::hardware_concurrency())
                      .arg(cpuModel(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                           QSysInfo::prettyProductName());
    out += u"load average (1/5/15 min) before: %1, after: %2\n"_s.arg(r.loadBefore, r.loadAfter);
    out += u"direct QNAM = the bench calls the model server with QNetworkAccessManager (the seller's client stack before LocalHttpClient);\n"_s
           u"direct raw = the same requests over 16 keep-alive QTcpSockets (a nearly free client);\n"_s
           u"via broker = DemoBroker (in the bench) -> seller (WebSocket) -> model server (LocalHttpClient); model servers in\n"_s
           u"their own process. added/vs = via broker compared with the direct column(s) of this run.\n\n"_s;

    Table table({ u"metric"_s, u"direct QNAM"_s, u"direct raw"_s, u"via broker"_s, u"added"_s, u"vs QNAM"_s, u"vs raw"_s,
                  u"budget"_s });
    const Percentiles d = Percentiles::of(r.directSeqUs);
    const Percentiles w = Percentiles::of(r.rawSeqUs);
    const Percentiles h = Percentiles::of(r.hopSeqUs);
    auto latencyRow = [&table](const QString &label, double direct, double raw, double hop, const QString &budget) {
        table.addRow({ label, ms(direct), ms(raw), ms(hop), signedMs(hop - direct), ratio(hop, direct), ratio(hop, raw), budget });
    };
    latencyRow(u"sequential latency p50 (ms)"_s, d.p50, w.p50, h.p50, u"added <= 0.1 ms"_s);
    latencyRow(u"sequential latency p90 (ms)"_s, d.p90, w.p90, h.p90, {});
    latencyRow(u"sequential latency p99 (ms)"_s, d.p99, w.p99, h.p99, {});
    table.addRow({ u"  added p50 per block: median (min..max)"_s, {}, {}, {},
                   signedMs(median(r.blockP50DiffUs)) + u" ("_s + ms(minOf(r.blockP50DiffUs)) + u".."_s
                       + ms(maxOf(r.blockP50DiffUs)) + u')',
                   {}, {}, {} });
    table.addRow({ u"seller CPU per request, sequential (us)"_s, {}, {}, fmt(r.sellerCpuPerSeqUs, 0), {}, {}, {},
                   u"<= 50 us"_s });
    table.addSeparator();
    const double directRps = median(r.directRps);
    const double rawRps = median(r.rawRps);
    const double hopRps = median(r.hopRps);
    table.addRow({ u"%1 concurrent: requests/s (median of %2)"_s.arg(m_settings.concurrency).arg(r.directRps.size()),
                   fmt(directRps, 0), fmt(rawRps, 0), fmt(hopRps, 0), {}, ratio(hopRps, directRps), ratio(hopRps, rawRps),
                   u">= 15000/s"_s });
    table.addRow({ u"  per-round ratio, median"_s, {}, {}, {}, {}, fmt(median(r.rpsRatios), 2) + u'x',
                   fmt(median(r.rawRatios), 2) + u'x', {} });
    table.addRow({ u"seller CPU per request (us)"_s, {}, {}, fmt(median(r.sellerCpuPerReqUs), 0), {}, {}, {}, u"<= 50 us"_s });
    table.addRow({ u"bench CPU per request: client (+ broker) (us)"_s, fmt(median(r.benchCpuDirectUs), 0),
                   fmt(median(r.benchCpuRawUs), 0), fmt(median(r.benchCpuHopUs), 0), {}, {}, {}, {} });
    table.addRow({ u"model server CPU per request (us)"_s, fmt(median(r.modelCpuDirectUs), 0), fmt(median(r.modelCpuRawUs), 0),
                   fmt(median(r.modelCpuHopUs), 0), {}, {}, {}, {} });
    table.addSeparator();
    const double mib = double(m_settings.largeBytes) / (1024.0 * 1024.0);
    const double firstGrowth = r.largeGrowthMb.empty() ? std::nan("") : r.largeGrowthMb.front();
    table.addRow({ u"%1 MiB binary: time, median (ms)"_s.arg(mib), fmt(median(r.largeDirectMs), 1), {},
                   fmt(median(r.largeHopMs), 1), {}, ratio(median(r.largeHopMs), median(r.largeDirectMs)), {}, {} });
    table.addRow({ u"  seller peak RSS growth, run 1 (MiB; x size)"_s, {}, {}, fmt(firstGrowth, 1), ratio(firstGrowth, mib), {},
                   {}, u"<= 3x size"_s });
    table.addRow({ u"  seller peak RSS growth, max of %1 runs"_s.arg(r.largeGrowthMb.size()), {}, {},
                   fmt(maxOf(r.largeGrowthMb), 1), ratio(maxOf(r.largeGrowthMb), mib), {}, {}, {} });
    table.addRow({ u"  seller RSS kept after run 1 (MiB)"_s, {}, {}, fmt(r.largeRetainedMb, 1), {}, {}, {}, {} });
    table.addSeparator();
    streamRows(table, u"proxy SSE, %1 ms apart"_s.arg(m_settings.sseIntervalMs), r.sseDirectUs, r.sseHopUs, r.sseDirectRunP99,
               r.sseHopRunP99);
    streamRows(table, u"chat stream, %1 ms/token"_s.arg(m_settings.chatTokenInterval.count()), r.chatDirectUs, r.chatHopUs,
               r.chatDirectRunP99, r.chatHopRunP99);
    table.addSeparator();
    table.addRow({ u"idle seller CPU over %1 s (% of a core)"_s.arg(m_settings.idle.count() / 1000.0), {}, {},
                   fmt(r.idleCpuPercent, 3), {}, {}, {}, u"<= 0.5 %"_s });
    table.addRow({ u"idle seller RSS, fresh (MB)"_s, {}, {}, fmt(r.idleRssMb * 1.048576, 1), {}, {}, {}, u"<= 40 MB"_s });
    table.addRow({ u"seller RSS after all load (MB)"_s, {}, {}, fmt(r.rssAfterLoadMb * 1.048576, 1), {}, {}, {}, {} });
    out += table.render();

    out += u"\nfailed requests: %1; 8 MiB reply verified byte for byte: %2; peak-RSS reset via clear_refs: %3; "
           u"seller exit code after SIGTERM: %4\n"_s
               .arg(r.failures)
               .arg(r.largeBodyVerified ? u"yes"_s : u"NO"_s)
               .arg(r.peakResetWorked ? u"yes"_s : u"no (growth is then measured from start-up)"_s)
               .arg(r.sellerExitCode);
    for (const QString &line : r.streamNotes)
        out += u"note: "_s + line + u'\n';
    return out;
}

} // namespace coderai::bench
