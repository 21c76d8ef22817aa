#pragma once

#include <QDate>
#include <QDialog>

class QDateEdit;
class QDialogButtonBox;

namespace coderai {

/// \brief Asks which local days "Export CSV…" writes: from and to, both included, the last 30
/// days unless the seller picks others. The file name is asked for afterwards.
class EarningsExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarningsExportDialog)

public:
    explicit EarningsExportDialog(QDate today, QWidget *parent = nullptr);
    ~EarningsExportDialog() override;

    QDate firstDay() const;
    QDate lastDay() const;

private:
    void check();

    QDateEdit *m_first;
    QDateEdit *m_last;
    QDialogButtonBox *m_buttons;
};

} // namespace coderai
