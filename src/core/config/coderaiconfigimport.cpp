#include "config/coderaiconfigimport.h"

#include "config/tokensource.h"
#include "logging.h"
#include "redact.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

class ImportText final
{
    Q_DECLARE_TR_FUNCTIONS(CoderAiConfigImport)
};

// A CoderAI config is a few hundred bytes; anything far larger is not one.
constexpr qint64 kMaxConfigFileBytes = 1024 * 1024;

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return ImportText::tr("null");
    case QJsonValue::Bool:
        return ImportText::tr("true or false");
    case QJsonValue::Double:
        return ImportText::tr("a number");
    case QJsonValue::String:
        return ImportText::tr("text");
    case QJsonValue::Array:
        return ImportText::tr("a list");
    case QJsonValue::Object:
        return ImportText::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return ImportText::tr("nothing");
}

// Problems name settings the way the command line spells them (base_url -> base-url).
QString fieldName(QLatin1StringView jsonKey)
{
    return QString(jsonKey).replace(u'_', u'-');
}

/// Reads the fields of the "broker" object into a CoderAiImport, collecting type problems.
class BrokerReader final
{
public:
    BrokerReader(const QJsonObject &broker, CoderAiImport &result)
        : m_broker(broker)
        , m_result(result)
    {
    }

    // null counts as absent: CoderAI writes null for settings the user never filled in.
    std::optional<QString> string(QLatin1StringView key)
    {
        const QJsonValue value = m_broker.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isString()) {
            const QString field = fieldName(key);
            m_result.problems.append({field,
                                      ImportText::tr("\"%1\" in the CoderAI config (%2) must be text, not %3.")
                                          .arg(key, field, jsonTypeName(value))});
            return std::nullopt;
        }
        return value.toString();
    }

    std::optional<bool> boolean(QLatin1StringView key)
    {
        const QJsonValue value = m_broker.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isBool()) {
            const QString field = fieldName(key);
            m_result.problems.append({field,
                                      ImportText::tr("\"%1\" in the CoderAI config (%2) must be true or false, "
                                                     "not %3.")
                                          .arg(key, field, jsonTypeName(value))});
            return std::nullopt;
        }
        return value.toBool();
    }

    void problem(const QString &field, const QString &message) { m_result.problems.append({field, message}); }

private:
    const QJsonObject &m_broker;
    CoderAiImport &m_result;
};

void readBroker(const QJsonObject &broker, CoderAiImport &result)
{
    BrokerReader reader(broker, result);
    SellerConfigOverlay &overlay = result.overlay;

    if (const auto enabled = reader.boolean("enabled"_L1))
        result.enabled = *enabled;
    if (const auto baseUrl = reader.string("base_url"_L1))
        overlay.baseUrl = QUrl(baseUrl->trimmed());
    if (const auto scopeText = reader.string("scope"_L1)) {
        overlay.scope = scopeFromString(*scopeText);
        if (!overlay.scope) {
            const QString field = u"scope"_s;
            reader.problem(field,
                           ImportText::tr("The scope (%1) \"%2\" in the CoderAI config is "
                                          "unknown; expected \"global\" or \"user\".")
                               .arg(field, *scopeText));
        }
    }
    if (const auto username = reader.string("username"_L1))
        overlay.username = username->trimmed();
    if (const auto providerId = reader.string("provider_id"_L1))
        overlay.providerId = providerId->trimmed();
    if (const auto clientId = reader.string("client_id"_L1))
        overlay.clientId = clientId->trimmed();
    if (const auto token = reader.string("registration_token"_L1))
        result.token = token->trimmed();
    if (const auto transport = reader.string("transport"_L1)) {
        if (transport->trimmed().compare("websocket"_L1, Qt::CaseInsensitive) != 0) {
            const QString field = u"transport"_s;
            reader.problem(field,
                           ImportText::tr("The transport (%1) \"%2\" in the CoderAI config "
                                          "is not supported; CoderAI Seller speaks only "
                                          "\"websocket\".")
                               .arg(field, *transport));
        }
    }

    // CoderAI leaves the username out for global providers; the broker expects "global".
    if (overlay.scope == BrokerScope::Global && !overlay.username)
        overlay.username = u"global"_s;
}

// A token pasted into the wrong field must not come back in a message shown to the seller.
void scrubToken(CoderAiImport &result)
{
    if (result.token.isEmpty())
        return;
    for (ConfigProblem &problem : result.problems)
        problem.message.replace(result.token, redact::kMask);
}

} // namespace

CoderAiImport importCoderAiConfig(QByteArrayView json)
{
    CoderAiImport result;
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.problems.append({QString(),
                                ImportText::tr("The CoderAI config is not valid JSON: "
                                               "%1 at byte %2.")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset)});
        return result;
    }
    if (!document.isObject()) {
        result.problems.append({QString(),
                                ImportText::tr("The CoderAI config must be a JSON "
                                               "object of the form "
                                               "{\"broker\": {...}}.")});
        return result;
    }

    const QJsonValue broker = document.object().value("broker"_L1);
    if (broker.isUndefined()) {
        result.problems.append({QString(),
                                ImportText::tr("The CoderAI config has no \"broker\" "
                                               "object; expected a file of the form "
                                               "{\"broker\": {\"base_url\": ...}}.")});
        return result;
    }
    if (!broker.isObject()) {
        result.problems.append({QString(),
                                ImportText::tr("\"broker\" in the CoderAI config must "
                                               "be an object, not %1.")
                                    .arg(jsonTypeName(broker))});
        return result;
    }

    readBroker(broker.toObject(), result);
    scrubToken(result);
    return result;
}

CoderAiImport importCoderAiConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        CoderAiImport result;
        result.problems.append({QString(),
                                ImportText::tr("Cannot read the CoderAI config \"%1\": "
                                               "%2.")
                                    .arg(path, file.errorString())});
        return result;
    }
    // Read one byte past the limit rather than trusting size(): pipes and /proc files report 0.
    const QByteArray data = file.read(kMaxConfigFileBytes + 1);
    if (data.size() > kMaxConfigFileBytes) {
        CoderAiImport result;
        result.problems.append({QString(),
                                ImportText::tr("The CoderAI config \"%1\" is larger "
                                               "than %2 KiB; it is not a CoderAI "
                                               "config file.")
                                    .arg(path)
                                    .arg(kMaxConfigFileBytes / 1024)});
        return result;
    }

    CoderAiImport result = importCoderAiConfig(data);
    if (!result.token.isEmpty())
        warnIfReadableByOthers(file);
    qCDebug(lcConfig) << "Imported the CoderAI config" << path << "with" << result.problems.size() << "problem(s)";
    return result;
}

} // namespace coderai
