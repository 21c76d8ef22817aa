#include "config/settings.h"

#include "logging.h"

#include <QLocale>
#include <QSettings>

#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>
#include <variant>
#include <vector>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

// A duration the file states in seconds (the limits/*_s keys), where a person edits it by
// hand; fractions are allowed, and only a positive value is taken.
struct Seconds
{
    std::chrono::milliseconds SellerConfig::*field;
};

// The longest limit in seconds the file may state: about 31 years, far from overflowing
// milliseconds, so a typo cannot wrap into a negative duration.
constexpr double kMaxSeconds = 1e9;

// A pointer to the SellerConfig field a key stores; the variant's alternative picks the
// conversion, so the table needs no per-key code.
using Member = std::variant<QUrl SellerConfig::*, BrokerScope SellerConfig::*, QString SellerConfig::*,
                            bool SellerConfig::*, int SellerConfig::*, qint64 SellerConfig::*,
                            QStringList SellerConfig::*, std::chrono::milliseconds SellerConfig::*, Seconds>;

struct Entry
{
    QLatin1StringView key;
    Member member;
    QVariant defaultValue; ///< filled from a default SellerConfig, the one source of defaults
};

// Older versions wrote the token in plain text under one of these.
constexpr std::array kLegacyTokenKeys{"broker/registration_token"_L1, "registration_token"_L1};

// Last path segments that name a secret, after lower-casing and mapping '-' to '_'.
constexpr std::array kForbiddenNames{
    "registration_token"_L1, "token"_L1, "api_key"_L1, "local_api_key"_L1, "password"_L1, "secret"_L1,
};

// Clang 14 takes its only use, in a discarded `if constexpr` branch, for none.
template<typename T> [[maybe_unused]] constexpr bool kAlwaysFalse = false;

template<typename T> QVariant toStoredValue(const T &value)
{
    if constexpr (std::is_same_v<T, QUrl>)
        return value.toString(QUrl::FullyEncoded);
    else if constexpr (std::is_same_v<T, BrokerScope>)
        return scopeToString(value);
    else if constexpr (std::is_same_v<T, std::chrono::milliseconds>)
        return qint64(value.count());
    else
        return QVariant::fromValue(value);
}

// Whole seconds as an integer, the usual case; a fraction as a decimal number.
QVariant secondsToStored(std::chrono::milliseconds value)
{
    if (value.count() % 1000 == 0)
        return qint64(value.count() / 1000);
    return double(value.count()) / 1000.0;
}

std::optional<std::chrono::milliseconds> parseSeconds(const QVariant &stored)
{
    bool ok = false;
    const double seconds = stored.toString().trimmed().toDouble(&ok);
    if (!ok || !(seconds > 0) || seconds > kMaxSeconds)
        return std::nullopt;
    const auto value = std::chrono::milliseconds(std::llround(seconds * 1000.0));
    if (value.count() <= 0)
        return std::nullopt; // under half a millisecond: not a usable limit
    return value;
}

QVariant toStored(const SellerConfig &config, const Member &member)
{
    return std::visit(
        [&config](auto field) -> QVariant {
            if constexpr (std::is_same_v<decltype(field), Seconds>)
                return secondsToStored(config.*field.field);
            else
                return toStoredValue(config.*field);
        },
        member);
}

// INI files hand every value back as text, so parse strictly instead of trusting
// QVariant's lenient conversions (which turn "abc" into 0 or "yes" into true).
std::optional<bool> parseBool(const QVariant &stored)
{
    if (stored.typeId() == QMetaType::Bool)
        return stored.toBool();
    const QString text = stored.toString().trimmed();
    if (text.compare("true"_L1, Qt::CaseInsensitive) == 0 || text == "1"_L1)
        return true;
    if (text.compare("false"_L1, Qt::CaseInsensitive) == 0 || text == "0"_L1)
        return false;
    return std::nullopt;
}

QStringList parseStringList(const QVariant &stored)
{
    // QSettings writes a one-element list as a plain string and reads it back as one.
    if (stored.typeId() == QMetaType::QString) {
        const QString text = stored.toString();
        return text.isEmpty() ? QStringList{} : QStringList{text};
    }
    return stored.toStringList();
}

template<typename T> bool fromStoredValue(T &target, const QVariant &stored)
{
    bool ok = true;
    if constexpr (std::is_same_v<T, QUrl>) {
        const QUrl url(stored.toString());
        ok = url.isValid();
        if (ok)
            target = url;
    } else if constexpr (std::is_same_v<T, BrokerScope>) {
        const auto scope = scopeFromString(stored.toString());
        ok = scope.has_value();
        if (ok)
            target = *scope;
    } else if constexpr (std::is_same_v<T, QString>) {
        target = stored.toString();
    } else if constexpr (std::is_same_v<T, bool>) {
        const auto value = parseBool(stored);
        ok = value.has_value();
        if (ok)
            target = *value;
    } else if constexpr (std::is_same_v<T, int>) {
        const int value = stored.toString().trimmed().toInt(&ok);
        if (ok)
            target = value;
    } else if constexpr (std::is_same_v<T, qint64>) {
        const qint64 value = stored.toString().trimmed().toLongLong(&ok);
        if (ok)
            target = value;
    } else if constexpr (std::is_same_v<T, QStringList>) {
        target = parseStringList(stored);
    } else if constexpr (std::is_same_v<T, std::chrono::milliseconds>) {
        const qint64 value = stored.toString().trimmed().toLongLong(&ok);
        if (ok)
            target = std::chrono::milliseconds(value);
    } else {
        static_assert(kAlwaysFalse<T>, "no conversion for this SellerConfig field type");
    }
    return ok;
}

bool fromStored(SellerConfig &config, const Member &member, const QVariant &stored)
{
    return std::visit(
        [&config, &stored](auto field) -> bool {
            if constexpr (std::is_same_v<decltype(field), Seconds>) {
                const auto value = parseSeconds(stored);
                if (value)
                    config.*field.field = *value;
                return value.has_value();
            } else {
                return fromStoredValue(config.*field, stored);
            }
        },
        member);
}

const std::vector<Entry> &entries()
{
    static const std::vector<Entry> table = [] {
        std::vector<Entry> list{
            {"broker/base_url"_L1, &SellerConfig::baseUrl, {}},
            {"broker/scope"_L1, &SellerConfig::scope, {}},
            {"broker/username"_L1, &SellerConfig::username, {}},
            {"broker/provider_id"_L1, &SellerConfig::providerId, {}},
            {"broker/client_id"_L1, &SellerConfig::clientId, {}},
            {"broker/token_in_url"_L1, &SellerConfig::tokenInUrl, {}},
            {"broker/ca_file"_L1, &SellerConfig::caFile, {}},
            {"local/url"_L1, &SellerConfig::localUrl, {}},
            {"local/model_allowlist"_L1, &SellerConfig::modelAllowlist, {}},
            {"limits/max_concurrent"_L1, &SellerConfig::maxConcurrent, {}},
            {"limits/max_queued"_L1, &SellerConfig::maxQueued, {}},
            {"limits/max_outgoing_message_bytes"_L1, &SellerConfig::maxOutgoingMessageBytes, {}},
            {"limits/max_incoming_message_bytes"_L1, &SellerConfig::maxIncomingMessageBytes, {}},
            {"limits/chat_deadline_s"_L1, Seconds{&SellerConfig::chatDeadline}, {}},
            {"limits/chat_inactivity_s"_L1, Seconds{&SellerConfig::chatInactivityTimeout}, {}},
            {"limits/proxy_deadline_s"_L1, Seconds{&SellerConfig::proxyDeadline}, {}},
            {"limits/proxy_stream_deadline_s"_L1, Seconds{&SellerConfig::proxyStreamDeadline}, {}},
            {"limits/proxy_inactivity_s"_L1, Seconds{&SellerConfig::proxyInactivityTimeout}, {}},
            {"policy/schedule"_L1, &SellerConfig::servingSchedule, {}},
            {"policy/owner_activity"_L1, &SellerConfig::ownerActivityRule, {}},
            {"policy/owner_idle_s"_L1, Seconds{&SellerConfig::ownerIdleThreshold}, {}},
            {"policy/owner_cap"_L1, &SellerConfig::ownerCap, {}},
            {"policy/gpu_use"_L1, &SellerConfig::gpuUseRule, {}},
            {"policy/local_server_processes"_L1, &SellerConfig::localServerProcessNames, {}},
            {"policy/thermal_guard"_L1, &SellerConfig::thermalGuard, {}},
            {"policy/thermal_limit_c"_L1, &SellerConfig::thermalLimitC, {}},
            {"policy/power_limit_percent"_L1, &SellerConfig::powerLimitPercent, {}},
            {"metrics/listen"_L1, &SellerConfig::metricsListen, {}},
            {"timing/heartbeat_interval_ms"_L1, &SellerConfig::heartbeatInterval, {}},
            {"timing/connect_timeout_ms"_L1, &SellerConfig::connectTimeout, {}},
            {"timing/register_timeout_ms"_L1, &SellerConfig::registerTimeout, {}},
            {"timing/ping_interval_ms"_L1, &SellerConfig::pingInterval, {}},
            {"timing/peer_timeout_ms"_L1, &SellerConfig::peerTimeout, {}},
            {"timing/drain_timeout_ms"_L1, &SellerConfig::drainTimeout, {}},
            {"timing/first_retry_delay_ms"_L1, &SellerConfig::firstRetryDelay, {}},
            {"timing/max_retry_delay_ms"_L1, &SellerConfig::maxRetryDelay, {}},
            {"timing/lost_session_retry_delay_ms"_L1, &SellerConfig::lostSessionRetryDelay, {}},
            {"timing/stable_online_reset_ms"_L1, &SellerConfig::stableOnlineReset, {}},
            {"timing/rejected_retry_delay_ms"_L1, &SellerConfig::rejectedRetryDelay, {}},
            {"timing/max_rejected_retry_delay_ms"_L1, &SellerConfig::maxRejectedRetryDelay, {}},
        };
        const SellerConfig defaults;
        for (Entry &entry : list) {
            Q_ASSERT(!Settings::isForbiddenKey(QString(entry.key)));
            entry.defaultValue = toStored(defaults, entry.member);
        }
        return list;
    }();
    return table;
}

// The prices live in their own group, not in the table: the per-model entries form an array
// (QSettings' numbered entries), because model ids hold '/', ':' and spaces, which a key
// cannot carry; in an array they are values. Amounts are plain decimal text ("0.2"), so the
// file reads and edits by hand.
constexpr auto kPricesGroup = "prices"_L1;
constexpr auto kModelsArray = "models"_L1;
constexpr auto kCurrencyKey = "currency"_L1;
constexpr auto kPerMillionKey = "per_million_tokens"_L1;
constexpr auto kPerThousandKey = "per_1000_requests"_L1;
constexpr auto kShowKey = "show_in_model_list"_L1;
constexpr auto kModelKey = "model"_L1;
constexpr auto kDescriptionKey = "description"_L1;

// An amount as stored, or nothing for a missing or unreadable one (which is logged by key).
std::optional<money::Micros> readAmount(const QSettings &backend, QLatin1StringView key)
{
    const QVariant stored = backend.value(key);
    if (!stored.isValid())
        return std::nullopt;
    const auto micros = money::parse(stored.toString(), QLocale::c());
    if (!micros)
        qCWarning(lcConfig) << "Ignoring the unreadable price" << backend.group() << key << "in" << backend.fileName();
    return micros;
}

PriceSettings readPrices(QSettings &backend)
{
    PriceSettings prices;
    backend.beginGroup(kPricesGroup);
    prices.currency = backend.value(kCurrencyKey).toString().trimmed();
    prices.perMillionTokens = readAmount(backend, kPerMillionKey).value_or(0);
    prices.perThousandRequests = readAmount(backend, kPerThousandKey).value_or(0);
    if (const QVariant show = backend.value(kShowKey); show.isValid())
        prices.showInModelList = parseBool(show).value_or(false);
    const int count = backend.beginReadArray(kModelsArray);
    for (int i = 0; i < count; ++i) {
        backend.setArrayIndex(i);
        ModelPrice entry;
        entry.model = backend.value(kModelKey).toString();
        if (entry.model.isEmpty() || prices.find(entry.model))
            continue; // a hand-edited file's blank or repeated entry: the first one counts
        entry.perMillionTokens = readAmount(backend, kPerMillionKey);
        entry.perThousandRequests = readAmount(backend, kPerThousandKey);
        entry.description = backend.value(kDescriptionKey).toString();
        prices.models.append(entry);
    }
    backend.endArray();
    backend.endGroup();
    return prices;
}

void writePrices(QSettings &backend, const PriceSettings &prices)
{
    // Rewritten whole, so a removed model leaves no entry behind; nothing at all when
    // everything is at its default.
    backend.remove(kPricesGroup);
    if (prices == PriceSettings{})
        return;
    backend.beginGroup(kPricesGroup);
    if (!prices.currency.isEmpty())
        backend.setValue(kCurrencyKey, prices.currency);
    if (prices.perMillionTokens != 0)
        backend.setValue(kPerMillionKey, money::toPlainText(prices.perMillionTokens));
    if (prices.perThousandRequests != 0)
        backend.setValue(kPerThousandKey, money::toPlainText(prices.perThousandRequests));
    if (prices.showInModelList)
        backend.setValue(kShowKey, true);
    if (!prices.models.isEmpty()) {
        backend.beginWriteArray(kModelsArray, int(prices.models.size()));
        for (int i = 0; i < prices.models.size(); ++i) {
            const ModelPrice &entry = prices.models.at(i);
            backend.setArrayIndex(i);
            backend.setValue(kModelKey, entry.model);
            if (entry.perMillionTokens)
                backend.setValue(kPerMillionKey, money::toPlainText(*entry.perMillionTokens));
            if (entry.perThousandRequests)
                backend.setValue(kPerThousandKey, money::toPlainText(*entry.perThousandRequests));
            if (!entry.description.isEmpty())
                backend.setValue(kDescriptionKey, entry.description);
        }
        backend.endArray();
    }
    backend.endGroup();
}

} // namespace

Settings::Settings(std::unique_ptr<QSettings> backend)
    : m_backend(std::move(backend))
{
    Q_ASSERT(m_backend);
}

Settings::~Settings() = default;

std::unique_ptr<Settings> Settings::openDefault()
{
    return std::make_unique<Settings>(
        std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, u"CoderAI"_s, u"coderai-seller"_s));
}

std::unique_ptr<Settings> Settings::openFile(const QString &iniPath)
{
    return std::make_unique<Settings>(std::make_unique<QSettings>(iniPath, QSettings::IniFormat));
}

bool Settings::isForbiddenKey(QStringView key)
{
    const qsizetype slash = key.lastIndexOf(u'/');
    const QString name = key.mid(slash + 1).toString().toLower().replace(u'-', u'_');
    return std::find(kForbiddenNames.begin(), kForbiddenNames.end(), name) != kForbiddenNames.end();
}

SellerConfig Settings::load() const
{
    SellerConfig config;
    for (const Entry &entry : entries()) {
        const QVariant stored = m_backend->value(entry.key);
        if (!stored.isValid())
            continue;
        // Values are not logged: a hand-edited file may hold anything.
        if (!fromStored(config, entry.member, stored)) {
            qCWarning(lcConfig) << "Ignoring the unreadable setting" << entry.key << "in" << fileName()
                                << "and using its default";
        }
    }
    config.prices = readPrices(*m_backend);
    if (m_backend->status() != QSettings::NoError)
        qCWarning(lcConfig) << "Could not read all settings from" << fileName();
    if (config.clientId.isEmpty())
        config.clientId = SellerConfig::defaultClientId();
    return config;
}

bool Settings::save(const SellerConfig &config)
{
    for (const Entry &entry : entries()) {
        const QVariant value = toStored(config, entry.member);
        if (value == entry.defaultValue)
            m_backend->remove(entry.key);
        else
            m_backend->setValue(entry.key, value);
    }
    writePrices(*m_backend, config.prices);
    // Flush now: callers report success to the seller, and QSettings would otherwise write
    // whenever the event loop gets round to it.
    m_backend->sync();
    if (m_backend->status() != QSettings::NoError) {
        qCWarning(lcConfig) << "Could not write the settings to" << fileName();
        return false;
    }
    return true;
}

QString Settings::legacyToken() const
{
    for (QLatin1StringView key : kLegacyTokenKeys) {
        const QString token = m_backend->value(key).toString().trimmed();
        if (!token.isEmpty())
            return token;
    }
    return {};
}

QString Settings::removeLegacyToken()
{
    const QString token = legacyToken();
    bool found = false;
    for (QLatin1StringView key : kLegacyTokenKeys) {
        if (m_backend->contains(key)) {
            m_backend->remove(key);
            found = true;
        }
    }
    if (!found)
        return token;
    m_backend->sync();
    if (m_backend->status() == QSettings::NoError)
        qCInfo(lcConfig) << "Removed a plain-text registration token from" << fileName();
    else
        qCWarning(lcConfig) << "Could not remove the plain-text registration token from" << fileName();
    return token;
}

QString Settings::fileName() const
{
    return m_backend->fileName();
}

std::unique_ptr<QSettings> Settings::openCompanion() const
{
    return std::make_unique<QSettings>(m_backend->fileName(), m_backend->format());
}

} // namespace coderai
