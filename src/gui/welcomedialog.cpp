#include "welcomedialog.h"

#include "ui_welcomedialog.h"

namespace coderai {

WelcomeDialog::WelcomeDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::WelcomeDialog>())
{
    m_ui->setupUi(this);
    // done() with our own codes rather than accept(): "Open settings" and "Try the demo" are two
    // different answers, and neither is a plain OK.
    connect(m_ui->openSettingsButton, &QPushButton::clicked, this, [this] { done(OpenSettings); });
    connect(m_ui->tryDemoButton, &QPushButton::clicked, this, [this] { done(TryDemo); });
}

WelcomeDialog::~WelcomeDialog() = default;

} // namespace coderai
