#include "hardwaretable.h"

#include "hardwaresnapshot.h"

#include <QCoreApplication>

#include <array>

namespace coderai {
namespace {

constexpr std::size_t columnCount = 6;
using Row = std::array<QString, columnCount>;

template<typename T> QString known(const std::optional<T> &value)
{
    return value ? QString::number(*value) : QStringLiteral("-");
}

QString watts(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 0) : QStringLiteral("-");
}

Row rowOf(const GpuInfo &gpu)
{
    QString vram = known(gpu.usedVramMb) + u'/' + known(gpu.totalVramMb);
    if (gpu.estimated)
        vram += u'~';
    QString power = watts(gpu.powerDrawW);
    if (gpu.powerLimitW)
        power += u'/' + watts(gpu.powerLimitW);
    return {QString::number(gpu.index), gpu.name, vram, known(gpu.utilizationPct), known(gpu.temperatureC), power};
}

QString hostLine(const HardwareSnapshot &snapshot)
{
    QString line = snapshot.hostname + QStringLiteral(" (") + snapshot.platform + u')';
    if (!snapshot.cpuModel.isEmpty())
        line += QStringLiteral(", ") + snapshot.cpuModel;
    if (snapshot.logicalCores > 0)
        line += QStringLiteral(", ")
            + QCoreApplication::translate("HardwareTable", "%1 logical cores").arg(snapshot.logicalCores);
    if (snapshot.ramTotalMb) {
        line += QStringLiteral(", ")
            + QCoreApplication::translate("HardwareTable", "RAM %1/%2 MiB available")
                  .arg(known(snapshot.ramAvailableMb), known(snapshot.ramTotalMb));
    }
    return line;
}

} // namespace

QString HardwareTable::format(const HardwareSnapshot &snapshot)
{
    QString text = hostLine(snapshot) + u'\n';
    if (snapshot.gpus.isEmpty()) {
        text += QCoreApplication::translate("HardwareTable", "No GPU found") + u'\n';
    } else {
        static constexpr const char *headings[columnCount] = {QT_TRANSLATE_NOOP("HardwareTable", "#"),
                                                              QT_TRANSLATE_NOOP("HardwareTable", "Name"),
                                                              QT_TRANSLATE_NOOP("HardwareTable", "VRAM used/total MiB"),
                                                              QT_TRANSLATE_NOOP("HardwareTable", "Util %"),
                                                              QT_TRANSLATE_NOOP("HardwareTable", "Temp °C"),
                                                              QT_TRANSLATE_NOOP("HardwareTable", "Power W")};
        Row heading;
        for (std::size_t column = 0; column < columnCount; ++column)
            heading[column] = QCoreApplication::translate("HardwareTable", headings[column]);
        QList<Row> rows {heading};
        for (const GpuInfo &gpu : snapshot.gpus)
            rows.append(rowOf(gpu));
        std::array<qsizetype, columnCount> widths {};
        for (const Row &row : rows) {
            for (std::size_t column = 0; column < columnCount; ++column)
                widths[column] = std::max(widths[column], row[column].size());
        }
        for (const Row &row : rows) {
            QString line;
            for (std::size_t column = 0; column < columnCount; ++column) {
                // Text left, numbers right: the way columns of figures read best.
                const bool numeric = column != 1;
                if (column > 0)
                    line += QStringLiteral("  ");
                line
                    += numeric ? row[column].rightJustified(widths[column]) : row[column].leftJustified(widths[column]);
            }
            while (line.endsWith(u' '))
                line.chop(1);
            text += line + u'\n';
        }
    }
    for (const QString &diagnostic : snapshot.diagnostics)
        text += QCoreApplication::translate("HardwareTable", "note: ") + diagnostic + u'\n';
    return text;
}

} // namespace coderai
