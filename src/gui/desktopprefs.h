#pragma once

#include <QString>

namespace coderai {

class Settings;

/// \brief Desktop-only preferences (start at login, notifications) kept beside the seller
/// settings, in the same file under "desktop/".
///
/// They are not part of SellerConfig because the headless seller has no use for them, and the
/// core must not learn about desktop concerns (DESIGN.md).
struct DesktopPrefs
{
    bool startAtLogin = false;
    bool notifications = true;

    /// Reads the preferences stored next to \a settings; missing keys take the defaults above.
    static DesktopPrefs load(const Settings &settings);
    /// Writes them and flushes the file; false when it could not be written.
    bool save(const Settings &settings) const;

    /// True when the file holds any seller setting: a first run has none, which is when the
    /// welcome dialog is shown.
    static bool hasSellerSettings(const Settings &settings);

    friend bool operator==(const DesktopPrefs &, const DesktopPrefs &) = default;
};

} // namespace coderai
