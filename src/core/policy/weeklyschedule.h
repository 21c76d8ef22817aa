#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace coderai {

/// \brief Weekly windows in local time when serving is allowed.
///
/// The text form, for a person editing the settings file: windows separated by commas or
/// semicolons, each "DAYS HH:MM-HH:MM" where DAYS is a day ("Mon"), a range ("Mon-Fri", "Fri-Mon"
/// wraps) or "daily". An end at or before the start runs past midnight into the next day, and
/// "24:00" is the end of the day: "Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00". An empty text
/// allows every hour. Times are wall-clock times, so a window keeps its hours across a
/// daylight-saving change (the changed day is an hour shorter or longer).
class WeeklySchedule final
{
public:
    struct Window
    {
        quint8 days = 0; ///< bit d-1 for Qt's day of week d (Monday = 1)
        QTime start;
        int endMinutes = 0; ///< minutes after midnight, 1..1440; <= start minutes: next day
        bool operator==(const Window &) const = default;
    };

    /// Every hour allowed.
    WeeklySchedule() = default;

    /// The schedule in \a text, or nothing with a reason in \a error ("window 2: unknown day
    /// 'Mon-Fry'").
    static std::optional<WeeklySchedule> parse(const QString &text, QString *error = nullptr);
    /// The canonical text form: parse(toString()) allows the same hours.
    QString toString() const;

    bool alwaysAllowed() const { return m_windows.isEmpty(); }
    bool allows(const QDateTime &moment) const;
    /// The first moment after \a moment at which allows() changes, searched a week ahead;
    /// invalid when it never changes.
    QDateTime nextChange(const QDateTime &moment) const;

    bool operator==(const WeeklySchedule &) const = default;

private:
    QList<Window> m_windows;
};

} // namespace coderai
