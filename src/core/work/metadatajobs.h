#pragma once

#include "ledger/prices.h"
#include "work/job.h"

#include <QJsonArray>
#include <QStringList>

namespace coderai {

/// \brief A metadata job that may have to ask the local server for its model list.
class ModelFetchingJob : public Job
{
    Q_OBJECT

public:
    using Job::Job;

protected:
    /// Fetches `v1/models` once; calls done with the normalized list or an error. The request
    /// is the job's (Job::track): cancel() and abortWith() abort it and free it, and done is
    /// not called then.
    void fetchModels(const std::function<void(const QJsonArray &, const WorkError *)> &done);
};

/// \brief `models.list`: the local model list, filtered by the seller's allowlist, from cache.
///
/// AISBF waits only 30 s for this answer and asks right after every register, so it comes from
/// the monitor's cache whenever there is one; only a cold cache goes to the local server.
class ModelsListJob final : public ModelFetchingJob
{
    Q_OBJECT

public:
    using ModelFetchingJob::ModelFetchingJob;
    void start() override;

    /// `{"object":"list","data":[…]}` with only the allowed models ('*' wildcards allowed), each
    /// with the seller's metadata from \a prices (sellerMetadata()).
    static QJsonObject listPayload(const QJsonArray &models, const QStringList &allowlist,
                                   const PriceSettings &prices = {});
    /// \a model with the seller's `description` when one is set for it, and `pricing` when the
    /// seller chose to show prices in the model list (PriceSettings::sendsPricing()).
    static QJsonObject sellerMetadata(QJsonObject model, const PriceSettings &prices);
    /// Whether the seller offers this model: an empty allowlist offers every model.
    static bool isAllowed(const QString &modelId, const QStringList &allowlist);
};

/// \brief `capabilities`: the backend's own document when it has one, else one we build.
class CapabilitiesJob final : public ModelFetchingJob
{
    Q_OBJECT

public:
    using ModelFetchingJob::ModelFetchingJob;
    void start() override;

    /// The document of PROTOCOL.md §5 from models, hardware and performance.
    static QJsonObject synthesize(const JobContext &context, const QJsonArray &models);

private:
    void answerSynthesized();
};

} // namespace coderai
