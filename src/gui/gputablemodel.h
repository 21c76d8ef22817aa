#pragma once

#include "hardware/hardwaresnapshot.h"

#include <QAbstractTableModel>
#include <QList>


namespace coderai {

/// \brief One row per GPU: name, memory used of total, utilization, temperature and power.
///
/// Unknown values show as a dash, never as zero: a probe that cannot read a figure says nothing
/// about it (PROTOCOL.md §3).
class GpuTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GpuTableModel)

public:
    enum Column { NameColumn, MemoryColumn, UtilizationColumn, TemperatureColumn, PowerColumn, ColumnCount };
    enum Role {
        /// double in [0, 1]: used / total memory; invalid when either is unknown.
        MemoryFractionRole = Qt::UserRole + 1,
    };

    explicit GpuTableModel(QObject *parent = nullptr);
    ~GpuTableModel() override;

    void setGpus(const QList<GpuInfo> &gpus);
    QList<GpuInfo> gpus() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString memoryText(const GpuInfo &gpu) const;
    QString powerText(const GpuInfo &gpu) const;

    QList<GpuInfo> m_gpus;
};

} // namespace coderai
