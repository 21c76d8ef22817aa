#include "servingrulessettings.h"

#include "policy/weeklyschedule.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

QSpinBox *spinBox(const QString &name, int min, int max, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    return box;
}

} // namespace

ServingRulesSettings::ServingRulesSettings(QWidget *parent)
    : QGroupBox(tr("Serving rules"), parent)
    , m_schedule(new QLineEdit(this))
    , m_scheduleError(new QLabel(this))
    , m_owner(new QCheckBox(tr("Serve less while I use this computer"), this))
    , m_idleMinutes(spinBox(u"ownerIdleSpin"_s, 1, 240, this))
    , m_ownerCap(spinBox(u"ownerCapSpin"_s, 0, 64, this))
    , m_gpuUse(new QCheckBox(tr("Serve less while other programs use a GPU"), this))
    , m_processNames(new QLineEdit(this))
    , m_thermal(new QCheckBox(tr("Thermal guard"), this))
    , m_limitC(spinBox(u"thermalLimitSpin"_s, 50, 110, this))
    , m_powerPercent(spinBox(u"powerLimitSpin"_s, 0, 100, this))
{
    setObjectName(u"servingRulesGroup"_s);
    m_schedule->setObjectName(u"scheduleEdit"_s);
    m_schedule->setPlaceholderText(tr("Empty: every hour"));
    m_scheduleError->setObjectName(u"scheduleError"_s);
    m_scheduleError->setWordWrap(true);
    m_scheduleError->setStyleSheet(u"color: #c0392b;"_s); // as the dialog's other field errors
    m_scheduleError->hide();
    m_owner->setObjectName(u"ownerActivityCheck"_s);
    m_idleMinutes->setSuffix(tr(" min"));
    m_ownerCap->setSpecialValueText(tr("0 (pause)"));
    m_gpuUse->setObjectName(u"gpuUseCheck"_s);
    m_processNames->setObjectName(u"localProcessesEdit"_s);
    m_processNames->setPlaceholderText(tr("For example llama-server, ollama"));
    m_thermal->setObjectName(u"thermalGuardCheck"_s);
    m_limitC->setSuffix(tr(" °C"));
    m_powerPercent->setSuffix(tr(" %"));
    m_powerPercent->setSpecialValueText(tr("off"));

    // One form for the whole section, so every field lines up; check boxes and hints span it.
    auto *form = new QFormLayout(this);
    auto *scheduleBox = new QWidget(this);
    auto *scheduleColumn = new QVBoxLayout(scheduleBox);
    scheduleColumn->setContentsMargins(0, 0, 0, 0);
    scheduleColumn->addWidget(m_schedule);
    scheduleColumn->addWidget(m_scheduleError);
    form->addRow(tr("Serving hours:"), scheduleBox);
    form->addRow(hint(tr("Weekly hours when serving is allowed, in local time, for example "
                         "\"Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00\"."),
                      this));

    form->addRow(m_owner);
    form->addRow(tr("Count me as away after:"), m_idleMinutes);
    form->addRow(tr("Requests at a time while you use the computer:"), m_ownerCap);
    form->addRow(hint(tr("Uses your keyboard and mouse activity; 0 pauses serving until you are away."), this));
    form->addRow(m_gpuUse);
    form->addRow(hint(tr("A game or another program on a GPU gets the same limit; the local model server "
                         "does not count."),
                      this));
    form->addRow(tr("Local server processes:"), m_processNames);
    form->addRow(hint(tr("Names of the model server's processes, used when they cannot be found from its "
                         "address."),
                      this));

    form->addRow(m_thermal);
    form->addRow(tr("GPU temperature limit:"), m_limitC);
    form->addRow(tr("Power draw limit, % of the GPU's:"), m_powerPercent);
    form->addRow(hint(tr("A GPU at either limit takes no new work, and serving stops after 2 minutes; it "
                         "resumes once the GPU has stayed 8 °C below the limit for a minute."),
                      this));

    connect(m_schedule, &QLineEdit::textChanged, this, &ServingRulesSettings::validate);
    for (QCheckBox *box : {m_owner, m_gpuUse, m_thermal}) {
        connect(box, &QCheckBox::toggled, this, &ServingRulesSettings::updateEnabled);
        connect(box, &QCheckBox::toggled, this, &ServingRulesSettings::changed);
    }
    for (QSpinBox *box : {m_idleMinutes, m_ownerCap, m_limitC, m_powerPercent})
        connect(box, &QSpinBox::valueChanged, this, &ServingRulesSettings::changed);
    connect(m_processNames, &QLineEdit::textChanged, this, &ServingRulesSettings::changed);

    setConfig(SellerConfig{});
}

ServingRulesSettings::~ServingRulesSettings() = default;

void ServingRulesSettings::setConfig(const SellerConfig &config)
{
    m_schedule->setText(config.servingSchedule);
    m_owner->setChecked(config.ownerActivityRule);
    m_idleMinutes->setValue(static_cast<int>(
        std::chrono::duration_cast<std::chrono::minutes>(config.ownerIdleThreshold).count()));
    m_ownerCap->setValue(config.ownerCap);
    m_gpuUse->setChecked(config.gpuUseRule);
    m_processNames->setText(config.localServerProcessNames.join(u", "_s));
    m_thermal->setChecked(config.thermalGuard);
    m_limitC->setValue(config.thermalLimitC);
    m_powerPercent->setValue(config.powerLimitPercent);
    validate();
    updateEnabled();
}

void ServingRulesSettings::applyTo(SellerConfig &config) const
{
    config.servingSchedule = m_schedule->text().trimmed();
    config.ownerActivityRule = m_owner->isChecked();
    // Whole minutes are what the field shows; a finer value from the file is kept if unchanged.
    const std::chrono::minutes shown(m_idleMinutes->value());
    if (std::chrono::duration_cast<std::chrono::minutes>(config.ownerIdleThreshold) != shown)
        config.ownerIdleThreshold = shown;
    config.ownerCap = m_ownerCap->value();
    config.gpuUseRule = m_gpuUse->isChecked();
    QStringList names;
    for (const QString &name : m_processNames->text().split(QRegularExpression(u"[,;\\s]+"_s), Qt::SkipEmptyParts))
        names << name;
    config.localServerProcessNames = names;
    config.thermalGuard = m_thermal->isChecked();
    config.thermalLimitC = m_limitC->value();
    config.powerLimitPercent = m_powerPercent->value();
}

bool ServingRulesSettings::isValid() const { return m_valid; }

void ServingRulesSettings::validate()
{
    QString error;
    m_valid = WeeklySchedule::parse(m_schedule->text(), &error).has_value();
    m_scheduleError->setText(m_valid ? QString() : tr("Schedule: %1").arg(error));
    m_scheduleError->setVisible(!m_valid);
    emit changed();
}

void ServingRulesSettings::updateEnabled()
{
    m_idleMinutes->setEnabled(m_owner->isChecked());
    // The cap serves both owner-first rules.
    m_ownerCap->setEnabled(m_owner->isChecked() || m_gpuUse->isChecked());
    m_processNames->setEnabled(m_gpuUse->isChecked());
    m_limitC->setEnabled(m_thermal->isChecked());
    m_powerPercent->setEnabled(m_thermal->isChecked());
}

} // namespace coderai
