#pragma once

#include "localprobe.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace coderai {

/// \brief A local model server that answered a probe.
struct DetectedServer
{
    QUrl url;            ///< the base URL to configure, e.g. http://127.0.0.1:11434
    quint16 port = 0;
    QString product;     ///< what usually listens on that port, translated; empty if unknown
    QStringList models;  ///< model ids from GET /v1/models
    bool needsApiKey = false; ///< it answered 401/403: a server, but it wants a key to list models
};

/// \brief Finds OpenAI-compatible servers on this machine and lists a server's models.
///
/// detect() asks GET /v1/models on 127.0.0.1 at the ports the common servers use by default
/// (CoderAI and llama.cpp 8080, Ollama 11434, vLLM 8000, LM Studio 1234) plus any extra ports,
/// all at once and with a short timeout, because a closed port answers at once but a firewalled
/// or hung one would otherwise hold the seller's click for the whole default timeout.
/// listModels() fetches one configured server's models the way the seller will (path prefix and
/// API key included) for the allowlist.
class LocalServerDetector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServerDetector)

public:
    explicit LocalServerDetector(QObject *parent = nullptr);
    ~LocalServerDetector() override;

    static QList<quint16> wellKnownPorts();
    /// Ports probed after the well-known ones (tests use a DemoModelServer's port).
    void setExtraPorts(const QList<quint16> &ports);
    QList<quint16> probedPorts() const;
    /// Per probe and per model listing; 1.5 s by default.
    void setTimeout(std::chrono::milliseconds timeout);

    bool isDetecting() const;

public slots:
    /// Probes \a typed first (the address the seller typed, path prefix kept; ignored unless it
    /// is an http(s) URL with a host), then every port; a detection still running is abandoned.
    void detect(const QUrl &typed = QUrl());
    /// Lists the models of the server at \a baseUrl; a listing still running is abandoned.
    void listModels(const QUrl &baseUrl, const QString &apiKey);

signals:
    /// Every server that answered: the typed address first, then in the order of probedPorts().
    void detectionFinished(const QList<coderai::DetectedServer> &servers);
    /// \a error is empty on success and then \a models holds the ids (possibly none).
    void modelsListed(const QStringList &models, const QString &error);

private:
    void onProbeFinished(QNetworkReply *reply, const QUrl &base, int order);
    void onModelsAnswered(const LocalProbe::Answer &answer);
    QString productFor(quint16 port) const;

    QNetworkAccessManager *m_network;
    QList<quint16> m_extraPorts;
    std::chrono::milliseconds m_timeout;
    QList<QPointer<QNetworkReply>> m_probes;
    QList<QPair<int, DetectedServer>> m_found; ///< with the probe's place in the order
    LocalProbe *m_listProbe;
};

/// The model ids of a /v1/models answer, or an error sentence in \a error.
QStringList modelIdsFromJson(const QByteArray &json, QString *error);

} // namespace coderai

Q_DECLARE_METATYPE(coderai::DetectedServer)
