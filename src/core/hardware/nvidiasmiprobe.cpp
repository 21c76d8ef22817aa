#include "nvidiasmiprobe.h"

#include <utility>

namespace coderai {
namespace {

// The query columns, in the order the tool prints them.
enum Column {
    Index,
    Name,
    Uuid,
    PciBusId,
    Driver,
    MemTotal,
    MemUsed,
    MemFree,
    Util,
    Temp,
    PowerDraw,
    PowerLimit,
    ColumnCount
};

constexpr const char *columnNames[ColumnCount]
    = {"index",        "name",        "uuid",        "pci.bus_id",      "driver_version",
       "memory.total", "memory.used", "memory.free", "utilization.gpu", "temperature.gpu",
       "power.draw",   "power.limit"};

/// \brief One CSV line being read; knows which fields hold "no value" markers.
class Fields final
{
public:
    Fields(QStringList fields, QStringList &diagnostics)
        : m_fields(std::move(fields))
        , m_diagnostics(diagnostics)
    {
    }

    /// The text of \a column, or empty when the tool had no value for it.
    QString text(Column column) const
    {
        const QString value = m_fields.at(column);
        if (value.isEmpty() || value == u"N/A")
            return {};
        if (value.startsWith(u'[') && value.endsWith(u']')) {
            // [N/A] and [Not Supported] only mean "unknown"; anything else is the GPU in trouble.
            if (value != u"[N/A]" && value != u"[Not Supported]")
                m_diagnostics.append(QStringLiteral("nvidia-smi: GPU %1 %2: %3")
                                         .arg(m_fields.at(Index), QLatin1StringView(columnNames[column]), value));
            return {};
        }
        return value;
    }

    std::optional<qint64> integer(Column column) const
    {
        bool ok = false;
        const qint64 value = text(column).toLongLong(&ok);
        return ok ? std::optional<qint64>(value) : std::nullopt;
    }

    std::optional<double> real(Column column) const
    {
        bool ok = false;
        const double value = text(column).toDouble(&ok);
        return ok ? std::optional<double>(value) : std::nullopt;
    }

private:
    QStringList m_fields;
    QStringList &m_diagnostics;
};

std::optional<int> toInt(std::optional<qint64> value)
{
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

} // namespace

NvidiaSmiProbe::NvidiaSmiProbe(const QString &program, QObject *parent)
    : ProcessProbe(program, parent)
{
}

NvidiaSmiProbe::~NvidiaSmiProbe() = default;

QString NvidiaSmiProbe::name() const
{
    return QStringLiteral("nvidia-smi");
}

QStringList NvidiaSmiProbe::queryArguments()
{
    QStringList columns;
    for (const char *column : columnNames)
        columns.append(QLatin1StringView(column));
    return {QStringLiteral("--query-gpu=") + columns.join(u','), QStringLiteral("--format=csv,noheader,nounits")};
}

ProbeResult NvidiaSmiProbe::parse(const QByteArray &csv)
{
    ProbeResult result;
    for (const QByteArray &rawLine : csv.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields = line.split(u',');
        for (QString &field : fields)
            field = field.trimmed();
        // A name with a comma in it would add fields: glue the surplus back into the name.
        while (fields.size() > ColumnCount)
            fields[Name] += u',' + fields.takeAt(Name + 1);
        bool isIndex = false;
        const int index = fields.first().toInt(&isIndex);
        if (fields.size() != ColumnCount || !isIndex) {
            result.diagnostics.append(QStringLiteral("nvidia-smi: ") + line);
            continue;
        }
        const Fields values(fields, result.diagnostics);
        GpuInfo gpu;
        gpu.index = index;
        gpu.vendor = QStringLiteral("nvidia");
        gpu.name = values.text(Name);
        if (gpu.name.isEmpty())
            gpu.name = GpuInfo::genericName(gpu.vendor);
        gpu.uuid = values.text(Uuid);
        gpu.pciBusId = GpuInfo::normalizePciBusId(values.text(PciBusId));
        gpu.driverVersion = values.text(Driver);
        gpu.totalVramMb = values.integer(MemTotal);
        gpu.usedVramMb = values.integer(MemUsed);
        gpu.availableVramMb = values.integer(MemFree);
        gpu.utilizationPct = toInt(values.integer(Util));
        gpu.temperatureC = toInt(values.integer(Temp));
        gpu.powerDrawW = values.real(PowerDraw);
        gpu.powerLimitW = values.real(PowerLimit);
        result.gpus.append(gpu);
    }
    return result;
}

QStringList NvidiaSmiProbe::arguments() const
{
    return queryArguments();
}

ProbeResult NvidiaSmiProbe::interpret(int exitCode, const QByteArray &standardOutput,
                                      const QByteArray &standardError) const
{
    ProbeResult result = parse(standardOutput);
    const QString complaint = firstLine(standardError);
    if (exitCode != 0 && result.diagnostics.isEmpty()) {
        result.diagnostics.append(
            complaint.isEmpty() ? QStringLiteral("nvidia-smi: exited with code %1").arg(exitCode)
                                : QStringLiteral("nvidia-smi: exited with code %1: %2").arg(exitCode).arg(complaint));
    }
    return result;
}

} // namespace coderai
