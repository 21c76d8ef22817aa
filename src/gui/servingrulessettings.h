#pragma once

#include "config/sellerconfig.h"

#include <QGroupBox>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace coderai {

/// \brief The settings dialog's "Serving rules" section: the weekly schedule, owner first
/// (desktop activity and GPU use by other programs), the local server's process names and the
/// thermal guard; one line under each says what the rule does.
///
/// The schedule is checked as typed by WeeklySchedule's parser; its error shows under the field
/// and makes isValid() false.
class ServingRulesSettings final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServingRulesSettings)

public:
    explicit ServingRulesSettings(QWidget *parent = nullptr);
    ~ServingRulesSettings() override;

    /// Shows the rules' fields of \a config.
    void setConfig(const SellerConfig &config);
    /// Writes the section's fields into \a config; the other fields stay as they are.
    void applyTo(SellerConfig &config) const;
    bool isValid() const;

signals:
    void changed();

private:
    void validate();
    void updateEnabled();

    QLineEdit *m_schedule;
    QLabel *m_scheduleError;
    QCheckBox *m_owner;
    QSpinBox *m_idleMinutes;
    QSpinBox *m_ownerCap;
    QCheckBox *m_gpuUse;
    QLineEdit *m_processNames;
    QCheckBox *m_thermal;
    QSpinBox *m_limitC;
    QSpinBox *m_powerPercent;
    bool m_valid = true;
};

} // namespace coderai
