#include "config/sellerconfig.h"
#include "ops/metricsserver.h"
#include "policy/weeklyschedule.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSysInfo>

#include <algorithm>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

// validate() is a free function; this gives its messages a translation context lupdate can see.
class ConfigText final
{
    Q_DECLARE_TR_FUNCTIONS(SellerConfig)
};

constexpr int kMinConcurrent = 1;
constexpr int kMaxConcurrent = 256;
// Far below the 30 s default; tests and demos drive heartbeats fast, but anything quicker than
// this would only flood the broker.
constexpr std::chrono::milliseconds kMinHeartbeatInterval{100};

bool isIdCharacterAllowed(QChar ch)
{
    return !ch.isSpace() && ch.category() != QChar::Other_Control && ch.category() != QChar::Other_Format;
}

bool isCleanId(const QString &id)
{
    return std::all_of(id.cbegin(), id.cend(), isIdCharacterAllowed);
}

// A username travels percent-encoded as one path segment and in a header, so a space is fine
// (PROTOCOL.md §2); control characters and surrounding blanks are typing accidents.
bool isCleanUsername(const QString &name)
{
    return name == name.trimmed() && std::none_of(name.cbegin(), name.cend(), [](QChar ch) {
               return ch.category() == QChar::Other_Control || ch.category() == QChar::Other_Format;
           });
}

// Only scheme, host, port and path are shown: a URL typed by the seller may carry credentials.
QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

bool hasSchemeAndHost(const QUrl &url, std::initializer_list<QLatin1StringView> schemes)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return std::any_of(schemes.begin(), schemes.end(),
                       [&scheme](QLatin1StringView allowed) { return scheme == allowed; });
}

enum class IdProblem { None, Empty, Unclean };

IdProblem idProblem(const QString &id)
{
    if (id.isEmpty())
        return IdProblem::Empty;
    return isCleanId(id) ? IdProblem::None : IdProblem::Unclean;
}

// Whole sentences per field, not a shared template with the field's name spliced in: a
// translator needs the full sentence to get grammar right.
void checkIds(QList<ConfigProblem> &problems, const SellerConfig &config)
{
    const QString providerField = u"provider-id"_s;
    switch (idProblem(config.providerId)) {
    case IdProblem::None:
        break;
    case IdProblem::Empty:
        problems.append({providerField,
                         ConfigText::tr("The provider id (%1) must not be empty; "
                                        "use the provider id configured in AISBF.")
                             .arg(providerField)});
        break;
    case IdProblem::Unclean:
        problems.append({providerField,
                         ConfigText::tr("The provider id (%1) must not contain "
                                        "spaces or control characters.")
                             .arg(providerField)});
        break;
    }

    const QString clientField = u"client-id"_s;
    switch (idProblem(config.clientId)) {
    case IdProblem::None:
        break;
    case IdProblem::Empty:
        problems.append({clientField,
                         ConfigText::tr("The client id (%1) must not be empty; it "
                                        "names this machine in AISBF.")
                             .arg(clientField)});
        break;
    case IdProblem::Unclean:
        problems.append({clientField,
                         ConfigText::tr("The client id (%1) must not contain spaces "
                                        "or control characters.")
                             .arg(clientField)});
        break;
    }
}

void checkScopeAndUsername(QList<ConfigProblem> &problems, const SellerConfig &config)
{
    const QString field = u"username"_s;
    const QString global = u"global"_s;
    switch (config.scope) {
    case BrokerScope::Global:
        if (config.username != global) {
            problems.append({field,
                             ConfigText::tr("With scope \"global\" the username (%1) must "
                                            "be \"global\", not \"%2\". For a provider "
                                            "owned by an AISBF user, use scope \"user\".")
                                 .arg(field, config.username)});
        }
        break;
    case BrokerScope::User:
        if (config.username.isEmpty()) {
            problems.append({field,
                             ConfigText::tr("With scope \"user\" the username (%1) must name "
                                            "the AISBF user who owns the provider.")
                                 .arg(field)});
        } else if (config.username == global) {
            problems.append({field,
                             ConfigText::tr("With scope \"user\" the username (%1) cannot be "
                                            "\"global\". Use scope \"global\" instead, or "
                                            "the owner's AISBF username.")
                                 .arg(field)});
        } else if (!isCleanUsername(config.username)) {
            problems.append({field,
                             ConfigText::tr("The username (%1) must not start or end with a space "
                                            "or contain control characters.")
                                 .arg(field)});
        }
        break;
    }
}

} // namespace

QString scopeToString(BrokerScope scope)
{
    switch (scope) {
    case BrokerScope::Global:
        return u"global"_s;
    case BrokerScope::User:
        return u"user"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<BrokerScope> scopeFromString(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare("global"_L1, Qt::CaseInsensitive) == 0)
        return BrokerScope::Global;
    if (trimmed.compare("user"_L1, Qt::CaseInsensitive) == 0)
        return BrokerScope::User;
    return std::nullopt;
}

QString SellerConfig::defaultClientId()
{
    // The client id travels in the query string and must stay stable, so keep it to characters
    // that never need encoding and that every host name maps onto the same way.
    QString id = QSysInfo::machineHostName().toLower();
    for (QChar &ch : id) {
        const bool allowed
            = (ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9') || ch == u'.' || ch == u'_' || ch == u'-';
        if (!allowed)
            ch = u'-';
    }
    return id.isEmpty() ? u"seller"_s : id;
}

void SellerConfigOverlay::applyTo(SellerConfig &config) const
{
    if (baseUrl)
        config.baseUrl = *baseUrl;
    if (scope)
        config.scope = *scope;
    if (username)
        config.username = *username;
    if (providerId)
        config.providerId = *providerId;
    if (clientId)
        config.clientId = *clientId;
    if (localUrl)
        config.localUrl = *localUrl;
    if (tokenInUrl)
        config.tokenInUrl = *tokenInUrl;
    if (caFile)
        config.caFile = *caFile;
    if (maxConcurrent)
        config.maxConcurrent = *maxConcurrent;
    if (heartbeatInterval)
        config.heartbeatInterval = *heartbeatInterval;
    if (metricsListen)
        config.metricsListen = *metricsListen;
}

QList<ConfigProblem> validate(const SellerConfig &config)
{
    QList<ConfigProblem> problems;

    if (!hasSchemeAndHost(config.baseUrl, {"https"_L1, "http"_L1, "wss"_L1, "ws"_L1})) {
        const QString field = u"base-url"_s;
        problems.append({field,
                         ConfigText::tr("The broker URL (%1) must start with https://, "
                                        "http://, wss:// or ws:// and name a host; got "
                                        "\"%2\".")
                             .arg(field, displayUrl(config.baseUrl))});
    }

    checkScopeAndUsername(problems, config);
    checkIds(problems, config);

    if (!hasSchemeAndHost(config.localUrl, {"http"_L1, "https"_L1})) {
        const QString field = u"local-url"_s;
        problems.append({field,
                         ConfigText::tr("The local server URL (%1) must start with "
                                        "http:// or https:// and name a host; got \"%2\".")
                             .arg(field, displayUrl(config.localUrl))});
    }

    if (config.maxConcurrent < kMinConcurrent || config.maxConcurrent > kMaxConcurrent) {
        const QString field = u"max-concurrent"_s;
        problems.append({field,
                         ConfigText::tr("The number of concurrent requests (%1) must be "
                                        "between %2 and %3; got %4.")
                             .arg(field)
                             .arg(kMinConcurrent)
                             .arg(kMaxConcurrent)
                             .arg(config.maxConcurrent)});
    }

    QString scheduleError;
    if (!WeeklySchedule::parse(config.servingSchedule, &scheduleError)) {
        const QString field = u"schedule"_s;
        // The detail names the window and the expected form; it stays in English, like the file's keys.
        problems.append({field, ConfigText::tr("The serving schedule (%1) cannot be read: %2.").arg(field, scheduleError)});
    }

    if (config.heartbeatInterval < kMinHeartbeatInterval) {
        const QString field = u"heartbeat-interval"_s;
        problems.append({field,
                         ConfigText::tr("The heartbeat interval (%1) must be at least "
                                        "%2 ms; got %3 ms.")
                             .arg(field)
                             .arg(kMinHeartbeatInterval.count())
                             .arg(config.heartbeatInterval.count())});
    }

    if (!config.caFile.isEmpty()) {
        const QString field = u"ca-file"_s;
        const QFileInfo info(config.caFile);
        if (!info.exists()) {
            problems.append({field,
                             ConfigText::tr("The CA certificate file (%1) \"%2\" does not "
                                            "exist.")
                                 .arg(field, config.caFile)});
        } else if (!info.isFile() || !info.isReadable()) {
            problems.append({field,
                             ConfigText::tr("The CA certificate file (%1) \"%2\" is not a "
                                            "readable file.")
                                 .arg(field, config.caFile)});
        }
    }

    if (!config.metricsListen.isEmpty() && !MetricsListen::parse(config.metricsListen)) {
        const QString field = u"metrics-listen"_s;
        problems.append({field,
                         ConfigText::tr("The metrics address (%1) must be a port, or an address "
                                        "and a port like 127.0.0.1:9464; got \"%2\".")
                             .arg(field, config.metricsListen)});
    }

    return problems;
}

} // namespace coderai
