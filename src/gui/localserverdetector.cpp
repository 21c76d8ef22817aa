#include "localserverdetector.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace coderai {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr quint16 kCoderAiPort = 8080; // also llama.cpp's llama-server
constexpr quint16 kOllamaPort = 11434;
constexpr quint16 kVllmPort = 8000;
constexpr quint16 kLmStudioPort = 1234;

int httpStatus(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

QStringList modelIdsFromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonValue data = document.object().value("data"_L1);
    if (parseError.error != QJsonParseError::NoError || !data.isArray()) {
        if (error)
            *error = LocalServerDetector::tr("The server did not answer with an OpenAI-style model list.");
        return {};
    }
    QStringList ids;
    for (const QJsonValue &model : data.toArray()) {
        const QString id = model.toObject().value("id"_L1).toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    if (error)
        error->clear();
    return ids;
}

LocalServerDetector::LocalServerDetector(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_timeout(1500ms)
    , m_listProbe(new LocalProbe(this))
{
    connect(m_listProbe, &LocalProbe::modelsAnswered, this, &LocalServerDetector::onModelsAnswered);
    qRegisterMetaType<DetectedServer>();
    qRegisterMetaType<QList<DetectedServer>>();
    // Probes go to this machine only: never through a system proxy, never elsewhere by redirect.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

LocalServerDetector::~LocalServerDetector() = default;

QList<quint16> LocalServerDetector::wellKnownPorts()
{
    return {kCoderAiPort, kOllamaPort, kVllmPort, kLmStudioPort};
}

void LocalServerDetector::setExtraPorts(const QList<quint16> &ports)
{
    m_extraPorts = ports;
}

QList<quint16> LocalServerDetector::probedPorts() const
{
    QList<quint16> ports = wellKnownPorts();
    for (quint16 port : m_extraPorts) {
        if (port != 0 && !ports.contains(port))
            ports.append(port);
    }
    return ports;
}

void LocalServerDetector::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = std::max(timeout, 1ms);
}

bool LocalServerDetector::isDetecting() const
{
    return std::any_of(m_probes.cbegin(), m_probes.cend(), [](const auto &reply) { return !reply.isNull(); });
}

void LocalServerDetector::detect(const QUrl &typed)
{
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_probes)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
    m_probes.clear();
    m_found.clear();

    QList<QUrl> bases;
    const QString typedScheme = typed.scheme().toLower();
    if ((typedScheme == "http"_L1 || typedScheme == "https"_L1) && !typed.host().isEmpty()) {
        QUrl base = typed.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
        if (base.path() == "/"_L1) // StripTrailingSlash keeps a lone slash
            base.setPath(QString());
        bases.append(base);
    }
    for (quint16 port : probedPorts()) {
        QUrl url;
        url.setScheme(u"http"_s);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(port);
        if (!bases.contains(url))
            bases.append(url);
    }

    for (int order = 0; order < bases.size(); ++order) {
        const QUrl base = bases.at(order);
        QUrl url = base;
        url.setPath(base.path() + u"/v1/models"_s);
        QNetworkRequest request(url);
        request.setTransferTimeout(static_cast<int>(m_timeout.count()));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply = m_network->get(request);
        m_probes.append(reply);
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, base, order] { onProbeFinished(reply, base, order); });
    }
    qCDebug(lcApp) << "probing local servers on ports" << probedPorts() << (bases.size() > probedPorts().size()
                                                                                ? "after the typed address"
                                                                                : "");
}

void LocalServerDetector::onProbeFinished(QNetworkReply *reply, const QUrl &base, int order)
{
    reply->deleteLater();
    const int status = httpStatus(reply);
    DetectedServer server;
    const bool loopback = base.host() == "127.0.0.1"_L1 || base.host() == "localhost"_L1;
    server.port = static_cast<quint16>(base.port(base.scheme() == "https"_L1 ? 443 : 80));
    server.product = loopback ? productFor(server.port) : QString();
    server.url = base;
    bool answered = false;
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        QString error;
        server.models = modelIdsFromJson(reply->readAll(), &error);
        answered = error.isEmpty();
    } else if (status == 401 || status == 403) {
        server.needsApiKey = true;
        answered = true;
    }
    if (answered) {
        qCInfo(lcApp) << "found a local model server on port" << server.port << "with" << server.models.size()
                      << "model(s)";
        m_found.append({order, server});
    }

    m_probes.removeAll(reply);
    if (isDetecting())
        return;
    m_probes.clear();
    std::sort(m_found.begin(), m_found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<DetectedServer> servers;
    for (const auto &found : std::as_const(m_found))
        servers.append(found.second);
    m_found.clear();
    emit detectionFinished(servers);
}

QString LocalServerDetector::productFor(quint16 port) const
{
    switch (port) {
    case kCoderAiPort:
        return tr("CoderAI or llama.cpp");
    case kOllamaPort:
        return tr("Ollama");
    case kVllmPort:
        return tr("vLLM");
    case kLmStudioPort:
        return tr("LM Studio");
    default:
        return {};
    }
}

void LocalServerDetector::listModels(const QUrl &baseUrl, const QString &apiKey)
{
    // The seller's own client, so a path prefix and the API key are applied exactly as when
    // serving.
    m_listProbe->listModels(baseUrl, apiKey, std::max(m_timeout, std::chrono::milliseconds(5s)));
}

void LocalServerDetector::onModelsAnswered(const LocalProbe::Answer &answer)
{
    const int status = answer.httpStatus;
    QString error;
    QStringList models;
    if (status == 401 || status == 403) {
        error = tr("The local server refused to list its models (HTTP %1): check the local API key.").arg(status);
    } else if (answer.failed && status == 0) {
        error = tr("The local server did not answer: %1").arg(answer.errorString);
    } else if (status != 200) {
        error = tr("The local server answered HTTP %1 to GET /v1/models.").arg(status);
    } else {
        models = modelIdsFromJson(answer.body, &error);
    }
    emit modelsListed(models, error);
}

} // namespace coderai
