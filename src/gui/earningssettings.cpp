#include "earningssettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

QLabel *errorLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #c0392b;"_s); // as the dialog's other field errors
    label->hide();
    return label;
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

// The field's text with a problem shown under it, in one column of the form.
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

EarningsSettings::EarningsSettings(QWidget *parent)
    : QGroupBox(tr("Earnings"), parent)
    , m_currency(new QLineEdit(this))
    , m_perMillion(new QLineEdit(this))
    , m_perMillionError(errorLabel(u"perMillionError"_s, this))
    , m_perThousand(new QLineEdit(this))
    , m_perThousandError(errorLabel(u"perThousandError"_s, this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_addButton(new QPushButton(tr("Add model"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
    , m_tableError(errorLabel(u"modelPricesError"_s, this))
    , m_showInList(new QCheckBox(tr("Show my prices in the model list"), this))
    , m_showHint(hintLabel(QString(), this))
{
    setObjectName(u"earningsGroup"_s);
    m_currency->setObjectName(u"currencyEdit"_s);
    m_currency->setPlaceholderText(tr("For example USD, EUR or €; empty: no prices"));
    m_perMillion->setObjectName(u"perMillionEdit"_s);
    m_perThousand->setObjectName(u"perThousandEdit"_s);
    for (QLineEdit *edit : {m_perMillion, m_perThousand})
        edit->setPlaceholderText(priceText(0));
    m_table->setObjectName(u"modelPriceTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Model"), tr("Per million tokens"), tr("Per 1000 requests"), tr("Description for buyers")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(fontMetrics().height() * 8); // a few rows; it scrolls beyond
    m_addButton->setObjectName(u"addModelPriceButton"_s);
    m_removeButton->setObjectName(u"removeModelPriceButton"_s);
    m_showInList->setObjectName(u"showPricesCheck"_s);
    m_showHint->setObjectName(u"showPricesHint"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hintLabel(tr("Earnings are estimated at your prices; AISBF's statement is what pays. "
                                   "Prices are in AISBF's market units. Leave the currency empty to show "
                                   "no money."),
                                this));
    auto *form = new QFormLayout;
    form->addRow(tr("Currency:"), m_currency);
    form->addRow(tr("Price per million tokens:"), withError(m_perMillion, m_perMillionError, this));
    form->addRow(tr("Price per 1000 requests:"), withError(m_perThousand, m_perThousandError, this));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Per-model prices (an empty price uses the one above):"), this));
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addWidget(m_tableError);
    layout->addWidget(m_showInList);
    layout->addWidget(m_showHint);

    for (QLineEdit *edit : {m_currency, m_perMillion, m_perThousand})
        connect(edit, &QLineEdit::textChanged, this, &EarningsSettings::validate);
    connect(m_showInList, &QCheckBox::toggled, this, &EarningsSettings::changed);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        const int row = addRow();
        if (QWidget *model = m_table->cellWidget(row, ModelColumn))
            model->setFocus();
    });
    connect(m_removeButton, &QPushButton::clicked, this, &EarningsSettings::removeSelectedRows);
    validate();
}

EarningsSettings::~EarningsSettings() = default;

QString EarningsSettings::priceText(money::Micros micros) const
{
    // No grouping: the field must read back what it shows, and parsing refuses group marks.
    QLocale shown = locale();
    shown.setNumberOptions(QLocale::OmitGroupSeparator);
    return money::format(micros, QString(), shown);
}

void EarningsSettings::setPrices(const PriceSettings &prices)
{
    m_currency->setText(prices.currency);
    m_perMillion->setText(prices.perMillionTokens ? priceText(prices.perMillionTokens) : QString());
    m_perThousand->setText(prices.perThousandRequests ? priceText(prices.perThousandRequests) : QString());
    m_table->setRowCount(0);
    for (const ModelPrice &entry : prices.models)
        addRow(entry);
    m_showInList->setChecked(prices.showInModelList);
    validate();
}

int EarningsSettings::addRow(const ModelPrice &entry)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *model = new QComboBox(m_table);
    model->setEditable(true);
    model->setInsertPolicy(QComboBox::NoInsert);
    model->addItems(m_knownModels);
    model->setEditText(entry.model);
    model->lineEdit()->setPlaceholderText(tr("Model id"));
    connect(model, &QComboBox::editTextChanged, this, &EarningsSettings::validate);
    m_table->setCellWidget(row, ModelColumn, model);

    const auto price = [this](const std::optional<money::Micros> &value) {
        auto *edit = new QLineEdit(value ? priceText(*value) : QString(), m_table);
        edit->setPlaceholderText(tr("default"));
        connect(edit, &QLineEdit::textChanged, this, &EarningsSettings::validate);
        return edit;
    };
    m_table->setCellWidget(row, PerMillionColumn, price(entry.perMillionTokens));
    m_table->setCellWidget(row, PerThousandColumn, price(entry.perThousandRequests));
    auto *description = new QLineEdit(entry.description, m_table);
    connect(description, &QLineEdit::textChanged, this, &EarningsSettings::changed);
    m_table->setCellWidget(row, DescriptionColumn, description);
    validate();
    return row;
}

void EarningsSettings::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow()); // focus inside a cell widget selects no row
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_table->removeRow(row);
    validate();
}

void EarningsSettings::setKnownModels(const QStringList &models)
{
    m_knownModels = models;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, ModelColumn));
        if (!combo)
            continue;
        const QString typed = combo->currentText();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItems(models);
        combo->setEditText(typed);
    }
}

QString EarningsSettings::textAt(int row, int column) const
{
    QWidget *cell = m_table->cellWidget(row, column);
    if (auto *combo = qobject_cast<QComboBox *>(cell))
        return combo->currentText().trimmed();
    if (auto *edit = qobject_cast<QLineEdit *>(cell))
        return edit->text().trimmed();
    return {};
}

std::optional<money::Micros> EarningsSettings::priceAt(const QLineEdit *edit) const
{
    return money::parse(edit->text(), locale());
}

QString EarningsSettings::priceProblem(const QString &text) const
{
    money::ParseError error = money::ParseError::None;
    if (text.trimmed().isEmpty() || money::parse(text, locale(), &error))
        return {};
    switch (error) {
    case money::ParseError::None:
    case money::ParseError::Empty:
        return {};
    case money::ParseError::NotANumber:
        return tr("Enter the price as a number, for example %1, without thousands separators.")
            .arg(priceText(money::kMicrosPerUnit / 5));
    case money::ParseError::Negative:
        return tr("A price cannot be negative.");
    case money::ParseError::TooManyDecimals:
        return tr("A price can have at most %n decimal place(s).", nullptr, money::kMaxDecimals);
    case money::ParseError::TooLarge:
        return tr("That price is too large: at most %1.").arg(priceText(money::kMaxPriceMicros));
    }
    return {};
}

QString EarningsSettings::rowProblems() const
{
    QStringList lines;
    QSet<QString> seen;
    const QStringList columnNames{QString(), tr("per million tokens"), tr("per 1000 requests")};
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString model = textAt(row, ModelColumn);
        if (model.isEmpty())
            lines << tr("Row %1: enter the model's id.").arg(row + 1);
        else if (seen.contains(model))
            lines << tr("Row %1: \"%2\" is listed twice.").arg(row + 1).arg(model);
        seen.insert(model);
        for (int column : {PerMillionColumn, PerThousandColumn}) {
            const QString problem = priceProblem(textAt(row, column));
            if (!problem.isEmpty())
                lines << tr("Row %1, price %2: %3").arg(row + 1).arg(columnNames.at(column), problem);
        }
    }
    return lines.join(u'\n');
}

void EarningsSettings::validate()
{
    const auto show = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    const QString perMillion = priceProblem(m_perMillion->text());
    const QString perThousand = priceProblem(m_perThousand->text());
    const QString rows = rowProblems();
    show(m_perMillionError, perMillion);
    show(m_perThousandError, perThousand);
    show(m_tableError, rows);
    m_valid = perMillion.isEmpty() && perThousand.isEmpty() && rows.isEmpty();

    // AISBF's model list prices models in US dollars per token; other currencies would be
    // read as dollars, so the choice is offered only for USD (and kept, unused, otherwise).
    PriceSettings current;
    current.currency = m_currency->text();
    const bool usd = current.isUsd();
    m_showInList->setEnabled(usd);
    m_showHint->setText(usd ? tr("AISBF's buyers then see your prices, per token and per request, next to each "
                                 "model you offer.")
                            : tr("Only for prices in USD: AISBF's model list shows prices in US dollars."));
    m_removeButton->setEnabled(m_table->rowCount() > 0);
    emit changed();
}

bool EarningsSettings::isValid() const
{
    return m_valid;
}

PriceSettings EarningsSettings::prices() const
{
    PriceSettings prices;
    prices.currency = m_currency->text().trimmed();
    prices.perMillionTokens = priceAt(m_perMillion).value_or(0);
    prices.perThousandRequests = priceAt(m_perThousand).value_or(0);
    prices.showInModelList = m_showInList->isChecked();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        ModelPrice entry;
        entry.model = textAt(row, ModelColumn);
        if (entry.model.isEmpty())
            continue;
        entry.perMillionTokens = priceAt(qobject_cast<QLineEdit *>(m_table->cellWidget(row, PerMillionColumn)));
        entry.perThousandRequests = priceAt(qobject_cast<QLineEdit *>(m_table->cellWidget(row, PerThousandColumn)));
        entry.description = textAt(row, DescriptionColumn);
        prices.models.append(entry);
    }
    return prices;
}

} // namespace coderai
