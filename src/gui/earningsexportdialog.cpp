#include "earningsexportdialog.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace coderai {

EarningsExportDialog::EarningsExportDialog(QDate today, QWidget *parent)
    : QDialog(parent)
    , m_first(new QDateEdit(today.addDays(-29), this))
    , m_last(new QDateEdit(today, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("earningsExportDialog"));
    setWindowTitle(tr("Export CSV"));
    m_first->setObjectName(QStringLiteral("exportFrom"));
    m_last->setObjectName(QStringLiteral("exportTo"));
    for (QDateEdit *edit : {m_first, m_last}) {
        edit->setCalendarPopup(true);
        edit->setMaximumDate(today);
        connect(edit, &QDateEdit::dateChanged, this, &EarningsExportDialog::check);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose file…"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *explanation = new QLabel(tr("Every request finished on these days (your local time), one row each. "
                                      "Times in the file are UTC."),
                                   this);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&From:"), m_first);
    form->addRow(tr("&To:"), m_last);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
}

EarningsExportDialog::~EarningsExportDialog() = default;

QDate EarningsExportDialog::firstDay() const { return m_first->date(); }

QDate EarningsExportDialog::lastDay() const { return m_last->date(); }

void EarningsExportDialog::check()
{
    // A range that ends before it starts would write an empty file: not offered.
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(firstDay() <= lastDay());
}

} // namespace coderai
