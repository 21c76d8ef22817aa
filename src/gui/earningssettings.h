#pragma once

#include "ledger/prices.h"

#include <QGroupBox>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace coderai {

/// \brief The settings dialog's "Earnings" section: currency, default prices, per-model prices
/// and descriptions, and whether models.list shows the prices.
///
/// Prices are typed in the seller's locale and checked as typed; each problem shows under its
/// field (the table's under the table, by row). prices() is meaningful only while isValid().
class EarningsSettings final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarningsSettings)

public:
    explicit EarningsSettings(QWidget *parent = nullptr);
    ~EarningsSettings() override;

    void setPrices(const PriceSettings &prices);
    /// What the section says now; fields with a problem count as empty.
    PriceSettings prices() const;
    bool isValid() const;

    /// Model ids the local server listed, offered in the table's model column (typing stays
    /// possible: the server may be down while the seller sets prices).
    void setKnownModels(const QStringList &models);

    /// Appends a row, for the Add button and for tests; returns its index.
    int addRow(const ModelPrice &entry = {});

signals:
    void changed();

private:
    enum Column { ModelColumn, PerMillionColumn, PerThousandColumn, DescriptionColumn, ColumnCount };

    void removeSelectedRows();
    void validate();
    QString rowProblems() const;
    QString textAt(int row, int column) const;
    QString priceText(money::Micros micros) const;
    std::optional<money::Micros> priceAt(const QLineEdit *edit) const;
    QString priceProblem(const QString &text) const;

    QLineEdit *m_currency;
    QLineEdit *m_perMillion;
    QLabel *m_perMillionError;
    QLineEdit *m_perThousand;
    QLabel *m_perThousandError;
    QTableWidget *m_table;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QLabel *m_tableError;
    QCheckBox *m_showInList;
    QLabel *m_showHint;
    QStringList m_knownModels;
    bool m_valid = true;
};

} // namespace coderai
