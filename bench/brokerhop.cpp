// bench_broker_hop: what the broker hop costs compared with calling the local server directly.
// See docs/PERFORMANCE.md for what each number means and the results on the project machine.
#include "hopbench.h"
#include "processes.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <algorithm>
#include <cstdio>

using namespace coderai::bench;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kUsage = "usage: bench_broker_hop [--quick] [--seller PATH]\n"
                        "  --quick        about 15 s instead of about 1 minute (3 at most), with fewer samples\n"
                        "  --seller PATH  coderai-seller binary (default: next to this one)\n"
                        "  --profile chat|large SECONDS  only keep that load on the seller (at most 300 s),\n"
                        "                 for a profiler attached to the pid it prints; no table\n"
                        "  --serve-model [--port N] [--token-interval-ms M]  child mode: model server only\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains(u"--serve-model"_s))
        return serveModel(arguments);
    if (arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        std::fputs(kUsage, stdout);
        return 0;
    }

    // The demo broker narrates every connection at info level; only problems matter here.
    QLoggingCategory::setFilterRules(u"coderai.*.info=false"_s);
    HopSettings settings = arguments.contains(u"--quick"_s) ? HopSettings::quickSettings() : HopSettings {};
    settings.sellerBinary = sellerBinaryArgument(arguments, "bench_broker_hop");
    if (settings.sellerBinary.isEmpty())
        return 2;
    if (const qsizetype at = arguments.indexOf(u"--profile"_s); at > 0 && at + 2 < arguments.size()) {
        settings.profileLoad = arguments.at(at + 1);
        settings.profileTime = std::chrono::seconds(std::clamp(arguments.at(at + 2).toInt(), 1, 300));
    }
    HopBench bench(settings);
    if (!bench.run())
        return 1;
    if (settings.profileLoad.isEmpty())
        std::fputs(qUtf8Printable(bench.report()), stdout);
    return 0;
}
