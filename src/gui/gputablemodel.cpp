#include "gputablemodel.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace coderai {
namespace {

std::optional<qint64> usedMemory(const GpuInfo &gpu)
{
    if (gpu.usedVramMb)
        return gpu.usedVramMb;
    if (gpu.totalVramMb && gpu.availableVramMb)
        return std::max<qint64>(0, *gpu.totalVramMb - *gpu.availableVramMb);
    return std::nullopt;
}

} // namespace

GpuTableModel::GpuTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

GpuTableModel::~GpuTableModel() = default;

void GpuTableModel::setGpus(const QList<GpuInfo> &gpus)
{
    if (gpus.size() == m_gpus.size()) {
        // Same GPUs, new readings: keep the view's selection and scroll position.
        m_gpus = gpus;
        if (!gpus.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_gpus = gpus;
    endResetModel();
}

QList<GpuInfo> GpuTableModel::gpus() const { return m_gpus; }

int GpuTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_gpus.size());
}

int GpuTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString GpuTableModel::memoryText(const GpuInfo &gpu) const
{
    const QLocale locale;
    const auto used = usedMemory(gpu);
    if (used && gpu.totalVramMb)
        return tr("%1 / %2 MiB").arg(locale.toString(*used), locale.toString(*gpu.totalVramMb));
    if (gpu.totalVramMb)
        return tr("? / %1 MiB").arg(locale.toString(*gpu.totalVramMb));
    if (used)
        return tr("%1 MiB used").arg(locale.toString(*used));
    return tr("—");
}

QString GpuTableModel::powerText(const GpuInfo &gpu) const
{
    const QLocale locale;
    // Probes that cannot read a figure leave it empty; NaN or negative readings are as good as none.
    auto known = [](const std::optional<double> &watts) -> std::optional<double> {
        if (watts && std::isfinite(*watts) && *watts >= 0)
            return watts;
        return std::nullopt;
    };
    const auto draw = known(gpu.powerDrawW);
    const auto limit = known(gpu.powerLimitW);
    if (draw && limit)
        return tr("%1 / %2 W").arg(locale.toString(*draw, 'f', 0), locale.toString(*limit, 'f', 0));
    if (draw)
        return tr("%1 W").arg(locale.toString(*draw, 'f', 0));
    if (limit)
        return tr("? / %1 W").arg(locale.toString(*limit, 'f', 0));
    return tr("—");
}

QVariant GpuTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_gpus.size())
        return {};
    const GpuInfo &gpu = m_gpus.at(index.row());
    const QLocale locale;
    if (role == MemoryFractionRole) {
        const auto used = usedMemory(gpu);
        if (index.column() != MemoryColumn || !used || !gpu.totalVramMb || *gpu.totalVramMb <= 0)
            return {};
        return std::clamp(static_cast<double>(*used) / static_cast<double>(*gpu.totalVramMb), 0.0, 1.0);
    }
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ToolTipRole && index.column() == NameColumn) {
        QString tip = tr("GPU %1, %2").arg(gpu.index).arg(gpu.vendor.isEmpty() ? tr("unknown vendor") : gpu.vendor);
        if (!gpu.driverVersion.isEmpty())
            tip += QLatin1Char('\n') + tr("Driver %1").arg(gpu.driverVersion);
        if (!gpu.pciBusId.isEmpty())
            tip += QLatin1Char('\n') + tr("PCI %1").arg(gpu.pciBusId);
        if (gpu.estimated)
            tip += QLatin1Char('\n') + tr("Some figures are estimates.");
        return tip;
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return gpu.name.isEmpty() ? tr("GPU %1").arg(gpu.index) : gpu.name;
    case MemoryColumn:
        return memoryText(gpu);
    case UtilizationColumn:
        return gpu.utilizationPct ? tr("%1 %").arg(locale.toString(*gpu.utilizationPct)) : tr("—");
    case TemperatureColumn:
        return gpu.temperatureC ? tr("%1 °C").arg(locale.toString(*gpu.temperatureC)) : tr("—");
    case PowerColumn:
        return powerText(gpu);
    default:
        return {};
    }
}

QVariant GpuTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("GPU");
    case MemoryColumn:
        return tr("Memory");
    case UtilizationColumn:
        return tr("Utilization");
    case TemperatureColumn:
        return tr("Temperature");
    case PowerColumn:
        return tr("Power");
    default:
        return {};
    }
}

} // namespace coderai
