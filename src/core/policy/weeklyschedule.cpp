#include "weeklyschedule.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace coderai {

namespace {

constexpr int kMinutesPerDay = 24 * 60;
const char *const kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> dayNumber(QStringView name)
{
    for (int d = 0; d < 7; ++d) {
        if (name.compare(QLatin1String(kDayNames[d]), Qt::CaseInsensitive) == 0)
            return d + 1;
    }
    return std::nullopt;
}

std::optional<quint8> parseDays(const QString &text)
{
    if (text.compare(QLatin1String("daily"), Qt::CaseInsensitive) == 0)
        return quint8(0x7f);
    const QStringList ends = text.split(QLatin1Char('-'));
    if (ends.size() > 2)
        return std::nullopt;
    const auto first = dayNumber(ends.front());
    const auto last = dayNumber(ends.back());
    if (!first || !last)
        return std::nullopt;
    quint8 days = 0;
    for (int d = *first;; d = d % 7 + 1) {
        days |= quint8(1 << (d - 1));
        if (d == *last)
            break;
    }
    return days;
}

/// "08:00" → 480; "24:00" → 1440 (only where \a allowEndOfDay).
std::optional<int> parseMinutes(const QString &text, bool allowEndOfDay)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    const auto match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int hours = match.captured(1).toInt();
    const int minutes = match.captured(2).toInt();
    if (minutes > 59 || hours > 24 || (hours == 24 && (minutes != 0 || !allowEndOfDay)))
        return std::nullopt;
    return hours * 60 + minutes;
}

QString minutesText(int minutes)
{
    return QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

/// Each run of consecutive days as "Mon" or "Mon-Fri" (a window's days need not be one run).
QStringList dayRuns(quint8 days)
{
    if (days == 0x7f)
        return {QStringLiteral("daily")};
    QStringList parts;
    for (int d = 0; d < 7; ++d) {
        if (!(days & (1 << d)) || (d > 0 && (days & (1 << (d - 1)))))
            continue;
        int last = d;
        while (last + 1 < 7 && (days & (1 << (last + 1))))
            ++last;
        auto name = [](int i) {
            QString n = QLatin1String(kDayNames[i]);
            n[0] = n[0].toUpper();
            return n;
        };
        parts << (last == d ? name(d) : name(d) + QLatin1Char('-') + name(last));
    }
    return parts;
}

} // namespace

std::optional<WeeklySchedule> WeeklySchedule::parse(const QString &text, QString *error)
{
    static const QRegularExpression separators(QStringLiteral("[,;]"));
    WeeklySchedule schedule;
    const QStringList entries = text.split(separators);
    int number = 0;
    for (const QString &raw : entries) {
        const QString entry = raw.simplified();
        ++number;
        if (entry.isEmpty())
            continue;
        auto fail = [&](const QString &why) {
            if (error)
                *error = QStringLiteral("window %1 (\"%2\"): %3").arg(number).arg(entry, why);
            return std::nullopt;
        };
        const QStringList words = entry.split(QLatin1Char(' '));
        if (words.size() != 2)
            return fail(QStringLiteral("expected days and a time range, like \"Mon-Fri 19:00-08:00\""));
        const auto days = parseDays(words[0]);
        if (!days)
            return fail(QStringLiteral("unknown days \"%1\" (Mon..Sun, a range like Mon-Fri, or daily)").arg(words[0]));
        const QStringList times = words[1].split(QLatin1Char('-'));
        if (times.size() != 2)
            return fail(QStringLiteral("expected a time range like 19:00-08:00"));
        const auto start = parseMinutes(times[0], false);
        const auto end = parseMinutes(times[1], true);
        if (!start || !end)
            return fail(QStringLiteral("times are HH:MM, from 00:00 to 24:00"));
        const int endMinutes = *end == 0 ? kMinutesPerDay : *end;
        schedule.m_windows.append({*days, QTime(*start / 60, *start % 60), endMinutes});
    }
    return schedule;
}

QString WeeklySchedule::toString() const
{
    QStringList parts;
    for (const Window &w : m_windows) {
        const int start = w.start.hour() * 60 + w.start.minute();
        for (const QString &days : dayRuns(w.days))
            parts << QStringLiteral("%1 %2-%3").arg(days, minutesText(start), minutesText(w.endMinutes));
    }
    return parts.join(QStringLiteral(", "));
}

bool WeeklySchedule::allows(const QDateTime &moment) const
{
    if (m_windows.isEmpty())
        return true;
    const QDateTime local = moment.toLocalTime();
    const int day = local.date().dayOfWeek();
    const int yesterday = day == 1 ? 7 : day - 1;
    const int minute = local.time().hour() * 60 + local.time().minute();
    for (const Window &w : m_windows) {
        const int start = w.start.hour() * 60 + w.start.minute();
        const bool today = w.days & (1 << (day - 1));
        if (w.endMinutes > start) {
            if (today && minute >= start && minute < w.endMinutes)
                return true;
        } else {
            // Past midnight: the evening part belongs to today, the morning part to yesterday's window.
            if (today && minute >= start)
                return true;
            if ((w.days & (1 << (yesterday - 1))) && minute < w.endMinutes)
                return true;
        }
    }
    return false;
}

QDateTime WeeklySchedule::nextChange(const QDateTime &moment) const
{
    if (m_windows.isEmpty())
        return {};
    // The state can only change at a window's start or end on some day, or where a DST change
    // skips the wall time of one (Qt 6.4 makes such a QDateTime invalid): try those moments in
    // order.
    const QDateTime local = moment.toLocalTime();
    QList<QDateTime> candidates;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    for (const QTimeZone::OffsetData &change : zone.transitions(local, local.addDays(9)))
        candidates << change.atUtc.toLocalTime();
    for (int offset = 0; offset <= 8; ++offset) {
        const QDate date = local.date().addDays(offset);
        for (const Window &w : m_windows) {
            candidates << QDateTime(date, w.start);
            candidates << (w.endMinutes == kMinutesPerDay ? QDateTime(date.addDays(1), QTime(0, 0))
                                                          : QDateTime(date, QTime(w.endMinutes / 60, w.endMinutes % 60)));
        }
    }
    candidates.removeIf([](const QDateTime &c) { return !c.isValid(); });
    std::sort(candidates.begin(), candidates.end());
    const bool now = allows(moment);
    for (const QDateTime &candidate : std::as_const(candidates)) {
        if (candidate > moment && allows(candidate) != now)
            return candidate;
    }
    return {};
}

} // namespace coderai
