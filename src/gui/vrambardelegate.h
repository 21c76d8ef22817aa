#pragma once

#include <QStyledItemDelegate>

namespace coderai {

/// \brief Paints the GPU table's memory cell as a bar of used over total memory, with the
/// figures as its text; cells without GpuTableModel::MemoryFractionRole paint as usual.
class VramBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VramBarDelegate)

public:
    explicit VramBarDelegate(QObject *parent = nullptr);
    ~VramBarDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace coderai
