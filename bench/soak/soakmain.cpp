// bench_soak: the chaos soak of issue 10 (docs/RELIABILITY.md, "Chaos soak"). Mixed traffic
// through the real coderai-seller while its broker and local model server are killed and
// restarted; exits non-zero when a check fails.
#include "soakchildren.h"
#include "soakdriver.h"
#include "processes.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace coderai::bench;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kUsage = "usage: bench_soak [--minutes N] [--seller PATH] [--seed S]\n"
                        "  --minutes N    traffic and chaos for N minutes (default 2, at least 0.5)\n"
                        "  --seller PATH  coderai-seller binary (default: next to this one)\n"
                        "  --seed S       seeds the traffic mix and the chaos schedule (default 1)\n"
                        "  --soak-broker ..., --soak-model ...  child modes used by the soak itself\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    // The demo broker narrates every connection at info level; only problems matter here.
    QLoggingCategory::setFilterRules(u"coderai.*.info=false"_s);
    if (arguments.contains(u"--soak-broker"_s))
        return soakBroker(arguments);
    if (arguments.contains(u"--soak-model"_s))
        return soakModel(arguments);
    if (arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        std::fputs(kUsage, stdout);
        return 0;
    }

    SoakSettings settings;
    const qsizetype minutesAt = arguments.indexOf(u"--minutes"_s);
    const double minutes = minutesAt > 0 && minutesAt + 1 < arguments.size() ? arguments.at(minutesAt + 1).toDouble() : 2;
    if (minutes < 0.5) {
        std::fprintf(stderr, "bench_soak: --minutes must be at least 0.5\n");
        return 2;
    }
    settings.duration = std::chrono::seconds(qint64(minutes * 60));
    settings.seed = quint32(std::max(0, intArgument(arguments, u"--seed"_s, 1)));
    settings.sellerBinary = sellerBinaryArgument(arguments, "bench_soak");
    if (settings.sellerBinary.isEmpty())
        return 2;
    SoakDriver driver(settings);
    return driver.run() ? 0 : 1;
}
