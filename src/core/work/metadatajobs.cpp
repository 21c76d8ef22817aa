#include "metadatajobs.h"

#include "config/sellerconfig.h"
#include "local/localmonitor.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "work/localerror.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace coderai {
namespace {

constexpr auto kMetadataTimeout = std::chrono::seconds(25); // inside AISBF's 30 s

bool allowed(const QString &id, const QStringList &allowlist)
{
    if (allowlist.isEmpty())
        return true;
    for (const QString &pattern : allowlist) {
        if (pattern == id)
            return true;
        if (!pattern.contains(QLatin1Char('*')))
            continue;
        // '*' matches anything, '/' included (model ids look like "org/name"), which Qt 6.4's
        // wildcard conversion does not allow.
        QStringList parts = pattern.split(QLatin1Char('*'));
        for (QString &part : parts)
            part = QRegularExpression::escape(part);
        const QRegularExpression expression(QRegularExpression::anchoredPattern(parts.join(QLatin1StringView(".*"))),
                                            QRegularExpression::CaseInsensitiveOption);
        if (expression.match(id).hasMatch())
            return true;
    }
    return false;
}

} // namespace

bool ModelsListJob::isAllowed(const QString &modelId, const QStringList &allowlist)
{
    return allowed(modelId, allowlist);
}

QJsonObject ModelsListJob::sellerMetadata(QJsonObject model, const PriceSettings &prices)
{
    // AISBF's CoderAI provider (aisbf/providers/coderai.py, _extract_models) copies `description`
    // and `pricing` of each model object as they are into its Model (aisbf/models.py: pricing is
    // a dict of prompt/completion), next to id, name, context_window/context_length,
    // architecture, supported_parameters and capabilities.
    const QString id = model.value(QLatin1StringView("id")).toString();
    if (const ModelPrice *own = prices.find(id); own && !own->description.trimmed().isEmpty())
        model.insert(QLatin1StringView("description"), own->description.trimmed());
    if (prices.sendsPricing())
        model.insert(QLatin1StringView("pricing"), prices.openRouterPricing(id));
    return model;
}

QJsonObject ModelsListJob::listPayload(const QJsonArray &models, const QStringList &allowlist,
                                       const PriceSettings &prices)
{
    QJsonArray data;
    for (const QJsonValue &model : models) {
        if (allowed(model.toObject().value(QLatin1StringView("id")).toString(), allowlist))
            data.append(sellerMetadata(model.toObject(), prices));
    }
    return {{QLatin1StringView("object"), QLatin1StringView("list")}, {QLatin1StringView("data"), data}};
}

void ModelFetchingJob::fetchModels(const std::function<void(const QJsonArray &, const WorkError *)> &done)
{
    LocalRequest request;
    request.path = QStringLiteral("v1/models");
    request.transferTimeout = kMetadataTimeout;
    LocalReply *reply = context().local->send(request);
    reply->setBodyLimit(LocalReply::kDocumentBodyLimit);
    track(reply);
    connect(reply, &LocalReply::finished, this, [reply, done] {
        reply->deleteLater();
        const QByteArray body = reply->readAll();
        const int status = reply->statusCode();
        const QJsonValue data = QJsonDocument::fromJson(body).object().value(QLatin1StringView("data"));
        if (reply->error() == LocalReply::Error::None && status >= 200 && status < 300 && data.isArray()) {
            done(normalizedModels(data.toArray()), nullptr);
            return;
        }
        // A transfer that failed says why (too large, cut short), whatever its status line said.
        const WorkError error = reply->error() == LocalReply::Error::None && status >= 200 && status < 300
            ? WorkError{ErrorCode::UpstreamError,
                        QStringLiteral("The local server's model list is not valid."), {}}
            : localError(reply, body);
        done({}, &error);
    });
}

void ModelsListJob::start()
{
    const QStringList &allowlist = context().config->modelAllowlist;
    const PriceSettings &prices = context().config->prices;
    if (context().monitor && context().monitor->hasModels()) {
        succeed(listPayload(context().monitor->models(), allowlist, prices));
        return;
    }
    fetchModels([this, allowlist](const QJsonArray &models, const WorkError *error) {
        if (error)
            fail(*error);
        else
            succeed(listPayload(models, allowlist, context().config->prices));
    });
}

void CapabilitiesJob::start()
{
    LocalRequest request;
    request.path = QStringLiteral("coderai/capabilities");
    request.transferTimeout = kMetadataTimeout;
    LocalReply *reply = context().local->send(request);
    reply->setBodyLimit(LocalReply::kDocumentBodyLimit);
    track(reply);
    connect(reply, &LocalReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->statusCode();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        if (status >= 200 && status < 300 && document.isObject()) {
            succeed(document.object()); // CoderAI describes itself best
            return;
        }
        answerSynthesized(); // llama.cpp, Ollama, vLLM, LM Studio: no such endpoint
    });
}

void CapabilitiesJob::answerSynthesized()
{
    if (context().monitor && context().monitor->hasModels()) {
        succeed(synthesize(context(), context().monitor->models()));
        return;
    }
    fetchModels([this](const QJsonArray &models, const WorkError *) {
        succeed(synthesize(context(), models));
    });
}

QJsonObject CapabilitiesJob::synthesize(const JobContext &context, const QJsonArray &models)
{
    const QJsonArray allowedModels =
        ModelsListJob::listPayload(models, context.config->modelAllowlist).value(QLatin1StringView("data")).toArray();
    QJsonArray modelEntries;
    for (const QJsonValue &value : allowedModels) {
        const QJsonObject model = value.toObject();
        QJsonObject entry{{QLatin1StringView("id"), model.value(QLatin1StringView("id"))}};
        if (model.contains(QLatin1StringView("context_length")))
            entry.insert(QLatin1StringView("context_length"), model.value(QLatin1StringView("context_length")));
        modelEntries.append(entry);
    }
    QJsonObject performance{{QLatin1StringView("max_concurrent"), context.config->maxConcurrent}};
    if (context.throughputHint) {
        if (const double hint = context.throughputHint(); hint > 0)
            performance.insert(QLatin1StringView("throughput_hint_tps"), hint);
    }
    return {
        {QLatin1StringView("server"),
         QJsonObject{{QLatin1StringView("name"), QLatin1StringView("coderai-seller")},
                     {QLatin1StringView("version"), QCoreApplication::applicationVersion()}}},
        {QLatin1StringView("transports"), QJsonObject{{QLatin1StringView("websocket"), true}}},
        {QLatin1StringView("openai_compat"),
         QJsonObject{{QLatin1StringView("chat_completions"), true},
                     {QLatin1StringView("models"), true},
                     {QLatin1StringView("embeddings"), false}}},
        {QLatin1StringView("studio"),
         QJsonObject{{QLatin1StringView("enabled"), false},
                     {QLatin1StringView("endpoints"), QJsonArray{}},
                     {QLatin1StringView("endpoint_capabilities"), QJsonObject{}}}},
        {QLatin1StringView("models"), modelEntries},
        {QLatin1StringView("hardware"), context.hardware ? context.hardware() : QJsonObject{}},
        {QLatin1StringView("performance"), performance},
    };
}

} // namespace coderai
