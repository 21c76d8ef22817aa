#pragma once

#include "throughputseries.h"

#include <QString>

namespace coderai {

class Settings;

/// \brief Which notifications the seller wants, kind by kind (issue 11, item 9).
///
/// The defaults interrupt only for what needs the seller: a connection lost for a while, a
/// rejection, a local server that stopped. The first request of the day and the daily summary are
/// pleasant but chatty, so they are opt-in.
struct NotificationPrefs
{
    bool backOnline = true;
    bool wentOffline = true;
    /// "Went offline" waits this long: a blip that reconnects within it is no news.
    int offlineMinutes = 5;
    bool rejected = true;
    bool localServerLost = true;
    bool firstRequestOfDay = false;
    bool dailySummary = false;

    static constexpr int MinOfflineMinutes = 1;
    static constexpr int MaxOfflineMinutes = 24 * 60;

    /// Stored beside the DesktopPrefs, with load and save of their own: the settings dialog
    /// saves DesktopPrefs whole and must not reset these choices made in a menu.
    static NotificationPrefs load(const Settings &settings);
    bool save(const Settings &settings) const;

    friend bool operator==(const NotificationPrefs &, const NotificationPrefs &) = default;
};

/// \brief Desktop-only preferences (start at login, notifications) kept beside the seller
/// settings, in the same file under "desktop/".
///
/// They are not part of SellerConfig because the headless seller has no use for them, and the
/// core must not learn about desktop concerns (DESIGN.md).
struct DesktopPrefs
{
    bool startAtLogin = false;
    bool notifications = true; ///< all of them: off overrides NotificationPrefs

    /// Reads the preferences stored next to \a settings; missing keys take the defaults above.
    static DesktopPrefs load(const Settings &settings);
    /// Writes them and flushes the file; false when it could not be written.
    bool save(const Settings &settings) const;

    /// True when the file holds any seller setting: a first run has none, which is when the
    /// welcome dialog is shown.
    static bool hasSellerSettings(const Settings &settings);

    /// The span the throughput chart shows, as the seller last picked it; kept apart from the
    /// fields above for the same reason as NotificationPrefs.
    static ThroughputRange chartRange(const Settings &settings);
    static bool saveChartRange(const Settings &settings, ThroughputRange range);

    friend bool operator==(const DesktopPrefs &, const DesktopPrefs &) = default;
};

} // namespace coderai
