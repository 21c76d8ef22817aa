#include "commandline.h"

#include <QCommandLineParser>

namespace coderai {
namespace {

class Options final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    Options()
        : helpOption(parser.addHelpOption())
        , versionOption(parser.addVersionOption())
    {
        parser.setApplicationDescription(
            tr("Sell your machine's local model server through the AISBF broker."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOptions({
            {QStringLiteral("headless"), tr("Run without a desktop: log to stderr, stop on SIGINT/SIGTERM.")},
            {QStringLiteral("demo"), tr("Run against the embedded demo broker; no account needed.")},
            {QStringLiteral("windowed"), tr("Desktop: show the status window instead of a tray icon.")},
            {QStringLiteral("list-gpus"), tr("Print the GPU and host inventory and exit.")},
            {QStringLiteral("json"), tr("With --list-gpus: print the exact JSON sent to AISBF.")},
            {QStringLiteral("config"), tr("Import a CoderAI config file ({\"broker\":{…}})."), tr("FILE")},
            {QStringLiteral("settings"), tr("Use this settings file instead of the stored settings."), tr("FILE")},
            {QStringLiteral("base-url"), tr("AISBF base URL (https, http, wss or ws)."), tr("URL")},
            {QStringLiteral("scope"), tr("Provider scope: global or user."), tr("SCOPE")},
            {QStringLiteral("username"), tr("AISBF user owning the provider (user scope)."), tr("NAME")},
            {QStringLiteral("provider-id"), tr("AISBF provider id."), tr("ID")},
            {QStringLiteral("client-id"), tr("Stable id of this machine."), tr("ID")},
            {QStringLiteral("local-url"), tr("Base URL of the local model server."), tr("URL")},
            {QStringLiteral("ca-file"), tr("Extra CA certificate (PEM) to trust for the broker."), tr("FILE")},
            {QStringLiteral("token-file"),
             tr("Read the registration token from FILE (default: $CODERAI_SELLER_TOKEN)."), tr("FILE")},
            {QStringLiteral("token-in-url"), tr("Also send the token in the URL, for proxies that strip headers.")},
            {QStringLiteral("max-concurrent"), tr("Local requests run at once."), tr("N")},
            {QStringLiteral("metrics-listen"),
             tr("Serve /metrics, /healthz and /readyz on [ADDR:]PORT (default address 127.0.0.1)."),
             tr("[ADDR:]PORT")},
            {QStringLiteral("ledger"), tr("Print the earnings ledger (rows, or totals with --by) and exit.")},
            {QStringLiteral("since"), tr("With --ledger: from this local day on."), tr("YYYY-MM-DD")},
            {QStringLiteral("until"), tr("With --ledger: up to this local day, included."), tr("YYYY-MM-DD")},
            {QStringLiteral("format"), tr("With --ledger: csv (default) or json."), tr("FORMAT")},
            {QStringLiteral("by"), tr("With --ledger: totals per day or per model."), tr("day|model")},
            {QStringLiteral("no-ledger"), tr("Headless: keep no ledger of finished requests (no earnings history).")},
        });
    }

    QCommandLineParser parser;
    const QCommandLineOption helpOption;
    const QCommandLineOption versionOption;

    static QString invalidValue(const QString &name, const QString &value)
    {
        return tr("--%1: '%2' is not a valid value.").arg(name, value);
    }
};

std::optional<QUrl> urlOption(const QCommandLineParser &parser, const QString &name,
                              QList<ConfigProblem> &problems)
{
    if (!parser.isSet(name))
        return std::nullopt;
    const QUrl url(parser.value(name), QUrl::StrictMode);
    if (!url.isValid()) {
        problems.append({name, Options::invalidValue(name, parser.value(name))});
        return std::nullopt;
    }
    return url;
}

QDate dateOption(const QCommandLineParser &parser, const QString &name, QList<ConfigProblem> &problems)
{
    if (!parser.isSet(name))
        return {};
    const QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid())
        problems.append({name, Options::tr("--%1 must be a date like 2026-12-31, not '%2'.")
                                   .arg(name, parser.value(name))});
    return date;
}

LedgerRequest ledgerRequest(const QCommandLineParser &parser, QList<ConfigProblem> &problems)
{
    LedgerRequest request;
    request.wanted = parser.isSet(QStringLiteral("ledger"));
    request.since = dateOption(parser, QStringLiteral("since"), problems);
    request.until = dateOption(parser, QStringLiteral("until"), problems);
    if (request.since.isValid() && request.until.isValid() && request.since > request.until)
        problems.append({QStringLiteral("since"), Options::tr("--since is after --until.")});
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1StringView("json"))
        request.format = LedgerRequest::Format::Json;
    else if (parser.isSet(QStringLiteral("format")) && format != QLatin1StringView("csv"))
        problems.append({QStringLiteral("format"), Options::tr("--format must be 'csv' or 'json', not '%1'.").arg(format)});
    const QString by = parser.value(QStringLiteral("by"));
    if (by == QLatin1StringView("day"))
        request.by = LedgerRequest::Grouping::Day;
    else if (by == QLatin1StringView("model"))
        request.by = LedgerRequest::Grouping::Model;
    else if (parser.isSet(QStringLiteral("by")))
        problems.append({QStringLiteral("by"), Options::tr("--by must be 'day' or 'model', not '%1'.").arg(by)});
    return request;
}

std::optional<QString> stringOption(const QCommandLineParser &parser, const QString &name)
{
    return parser.isSet(name) ? std::optional(parser.value(name)) : std::nullopt;
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    Options options;
    QCommandLineParser &parser = options.parser;
    CommandLine result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        result.problems.append({QStringLiteral("command-line"), parser.errorText()});
        return result;
    }
    result.showHelp = parser.isSet(options.helpOption);
    result.showVersion = parser.isSet(options.versionOption);
    result.headless = parser.isSet(QStringLiteral("headless"));
    result.demo = parser.isSet(QStringLiteral("demo"));
    result.windowed = parser.isSet(QStringLiteral("windowed"));
    result.listGpus = parser.isSet(QStringLiteral("list-gpus"));
    result.json = parser.isSet(QStringLiteral("json"));
    result.configFile = parser.value(QStringLiteral("config"));
    result.settingsFile = parser.value(QStringLiteral("settings"));
    result.tokenFile = parser.value(QStringLiteral("token-file"));
    result.ledger = ledgerRequest(parser, result.problems);
    result.noLedger = parser.isSet(QStringLiteral("no-ledger"));
    for (const QString &extra : parser.positionalArguments())
        result.problems.append({QStringLiteral("command-line"), Options::tr("Unexpected argument '%1'.").arg(extra)});

    SellerConfigOverlay &overlay = result.overlay;
    overlay.baseUrl = urlOption(parser, QStringLiteral("base-url"), result.problems);
    overlay.localUrl = urlOption(parser, QStringLiteral("local-url"), result.problems);
    if (parser.isSet(QStringLiteral("scope"))) {
        overlay.scope = scopeFromString(parser.value(QStringLiteral("scope")));
        if (!overlay.scope)
            result.problems.append({QStringLiteral("scope"),
                                    Options::tr("--scope must be 'global' or 'user', not '%1'.")
                                        .arg(parser.value(QStringLiteral("scope")))});
    }
    overlay.username = stringOption(parser, QStringLiteral("username"));
    // "--scope global" alone must not inherit a stored user name that only user scope allows.
    if (overlay.scope == BrokerScope::Global && !overlay.username)
        overlay.username = QStringLiteral("global");
    overlay.providerId = stringOption(parser, QStringLiteral("provider-id"));
    overlay.clientId = stringOption(parser, QStringLiteral("client-id"));
    overlay.caFile = stringOption(parser, QStringLiteral("ca-file"));
    overlay.metricsListen = stringOption(parser, QStringLiteral("metrics-listen"));
    if (parser.isSet(QStringLiteral("token-in-url")))
        overlay.tokenInUrl = true;
    if (parser.isSet(QStringLiteral("max-concurrent"))) {
        bool ok = false;
        const int value = parser.value(QStringLiteral("max-concurrent")).toInt(&ok);
        if (ok)
            overlay.maxConcurrent = value;
        else
            result.problems.append({QStringLiteral("max-concurrent"),
                                    Options::invalidValue(QStringLiteral("max-concurrent"),
                                                          parser.value(QStringLiteral("max-concurrent")))});
    }
    return result;
}

} // namespace coderai
