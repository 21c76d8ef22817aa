#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class WelcomeDialog;
}

namespace coderai {

/// \brief The first-run greeting: nothing is configured yet, so offer the two ways forward.
///
/// exec() (or finished()) returns a Choice; closing the dialog returns Closed.
class WelcomeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeDialog)

public:
    /// Result codes; Closed is QDialog::Rejected so closing the window means "decide later".
    enum Choice { Closed = QDialog::Rejected, OpenSettings = 2, TryDemo = 3 };
    Q_ENUM(Choice)

    explicit WelcomeDialog(QWidget *parent = nullptr);
    ~WelcomeDialog() override;

private:
    std::unique_ptr<Ui::WelcomeDialog> m_ui;
};

} // namespace coderai
