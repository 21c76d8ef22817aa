#include "desktopprefs.h"

#include "config/settings.h"
#include "logging.h"

#include <QSettings>

#include <algorithm>
#include <memory>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kStartAtLoginKey = "desktop/start_at_login"_L1;
constexpr auto kNotificationsKey = "desktop/notifications"_L1;
constexpr auto kBackOnlineKey = "desktop/notify_back_online"_L1;
constexpr auto kWentOfflineKey = "desktop/notify_went_offline"_L1;
constexpr auto kOfflineMinutesKey = "desktop/notify_offline_minutes"_L1;
constexpr auto kRejectedKey = "desktop/notify_rejected"_L1;
constexpr auto kLocalServerLostKey = "desktop/notify_local_server_lost"_L1;
constexpr auto kFirstRequestKey = "desktop/notify_first_request_of_day"_L1;
constexpr auto kDailySummaryKey = "desktop/notify_daily_summary"_L1;
constexpr auto kChartRangeKey = "desktop/chart_range"_L1;
constexpr auto kHourRange = "1h"_L1;
constexpr auto kDayRange = "24h"_L1;

bool readBool(const QSettings &store, QLatin1StringView key, bool fallback)
{
    const QVariant value = store.value(key);
    if (!value.isValid())
        return fallback;
    const QString text = value.toString().trimmed().toLower();
    if (text == "true"_L1 || text == "1"_L1)
        return true;
    if (text == "false"_L1 || text == "0"_L1)
        return false;
    qCWarning(lcConfig) << "Ignoring the unreadable setting" << key << "and using its default";
    return fallback;
}

int readMinutes(const QSettings &store, QLatin1StringView key, int fallback)
{
    const QVariant value = store.value(key);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    const int minutes = value.toString().trimmed().toInt(&ok);
    if (!ok || minutes < NotificationPrefs::MinOfflineMinutes || minutes > NotificationPrefs::MaxOfflineMinutes) {
        qCWarning(lcConfig) << "Ignoring the unreadable setting" << key << "and using its default";
        return fallback;
    }
    return minutes;
}

ThroughputRange readRange(const QSettings &store, ThroughputRange fallback)
{
    const QString text = store.value(kChartRangeKey).toString().trimmed();
    if (text == kHourRange)
        return ThroughputRange::Hour;
    if (text == kDayRange)
        return ThroughputRange::Day;
    if (!text.isEmpty())
        qCWarning(lcConfig) << "Ignoring the unreadable setting" << kChartRangeKey << "and using its default";
    return fallback;
}

bool flushed(QSettings &store, const Settings &settings)
{
    store.sync();
    if (store.status() != QSettings::NoError) {
        qCWarning(lcConfig) << "Could not write the desktop preferences to" << settings.fileName();
        return false;
    }
    return true;
}

} // namespace

DesktopPrefs DesktopPrefs::load(const Settings &settings)
{
    const auto store = settings.openCompanion();
    DesktopPrefs prefs;
    prefs.startAtLogin = readBool(*store, kStartAtLoginKey, prefs.startAtLogin);
    prefs.notifications = readBool(*store, kNotificationsKey, prefs.notifications);
    return prefs;
}

bool DesktopPrefs::save(const Settings &settings) const
{
    const auto store = settings.openCompanion();
    store->setValue(kStartAtLoginKey, startAtLogin);
    store->setValue(kNotificationsKey, notifications);
    return flushed(*store, settings);
}

NotificationPrefs NotificationPrefs::load(const Settings &settings)
{
    const auto store = settings.openCompanion();
    NotificationPrefs notify;
    notify.backOnline = readBool(*store, kBackOnlineKey, notify.backOnline);
    notify.wentOffline = readBool(*store, kWentOfflineKey, notify.wentOffline);
    notify.offlineMinutes = readMinutes(*store, kOfflineMinutesKey, notify.offlineMinutes);
    notify.rejected = readBool(*store, kRejectedKey, notify.rejected);
    notify.localServerLost = readBool(*store, kLocalServerLostKey, notify.localServerLost);
    notify.firstRequestOfDay = readBool(*store, kFirstRequestKey, notify.firstRequestOfDay);
    notify.dailySummary = readBool(*store, kDailySummaryKey, notify.dailySummary);
    return notify;
}

bool NotificationPrefs::save(const Settings &settings) const
{
    const auto store = settings.openCompanion();
    store->setValue(kBackOnlineKey, backOnline);
    store->setValue(kWentOfflineKey, wentOffline);
    store->setValue(kOfflineMinutesKey, offlineMinutes);
    store->setValue(kRejectedKey, rejected);
    store->setValue(kLocalServerLostKey, localServerLost);
    store->setValue(kFirstRequestKey, firstRequestOfDay);
    store->setValue(kDailySummaryKey, dailySummary);
    return flushed(*store, settings);
}

ThroughputRange DesktopPrefs::chartRange(const Settings &settings)
{
    return readRange(*settings.openCompanion(), ThroughputRange::Hour);
}

bool DesktopPrefs::saveChartRange(const Settings &settings, ThroughputRange range)
{
    const auto store = settings.openCompanion();
    store->setValue(kChartRangeKey, range == ThroughputRange::Day ? kDayRange : kHourRange);
    return flushed(*store, settings);
}

bool DesktopPrefs::hasSellerSettings(const Settings &settings)
{
    // Only the seller's own groups count: the desktop prefs and today's totals live in the
    // same file and say nothing about whether a broker was ever configured.
    const auto store = settings.openCompanion();
    const QStringList keys = store->allKeys();
    return std::any_of(keys.cbegin(), keys.cend(), [](const QString &key) {
        return key.startsWith(QLatin1StringView("broker/")) || key.startsWith(QLatin1StringView("local/"))
            || key.startsWith(QLatin1StringView("limits/")) || key.startsWith(QLatin1StringView("timing/"));
    });
}

} // namespace coderai
