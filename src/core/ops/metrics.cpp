#include "metrics.h"

#include "hardware/hardwaresnapshot.h"
#include "ledger/money.h"
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "sessioninfo.h"
#include "stats/sessionstats.h"
#include "work/workdispatcher.h"

#include <QCoreApplication>
#include <QMetaEnum>

namespace coderai {
namespace {

constexpr std::array<const char *, 4> kOutcomes{"served", "failed", "cancelled", "refused"};
const QString kOther = QStringLiteral("other");

/// "LocalServerDown" → "local_server_down": label values in Prometheus' usual spelling.
QByteArray snakeCase(const char *camel)
{
    QByteArray out;
    for (const char *c = camel; *c; ++c) {
        if (*c >= 'A' && *c <= 'Z') {
            if (c != camel)
                out += '_';
            out += char(*c - 'A' + 'a');
        } else {
            out += *c;
        }
    }
    return out;
}

/// A label value as the text format wants it: backslash, double quote and newline escaped.
QByteArray labelValue(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(QByteArray &out, const char *name, const QByteArray &labels, const QByteArray &value)
{
    out += name;
    if (!labels.isEmpty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += value;
    out += '\n';
}

void sample(QByteArray &out, const char *name, const QByteArray &labels, qint64 value)
{
    sample(out, name, labels, QByteArray::number(value));
}

void sample(QByteArray &out, const char *name, const QByteArray &labels, double value)
{
    sample(out, name, labels, QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
}

QByteArray seconds(double value)
{
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

SellerMetrics::SellerMetrics(SellerService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    connect(service->stats(), &SessionStats::requestRecorded, this, &SellerMetrics::record);
    connect(service, &SellerService::stateChanged, this, &SellerMetrics::onStateChanged);
}

SellerMetrics::~SellerMetrics() = default;

template<typename Series>
Series &SellerMetrics::bounded(QHash<QString, Series> &series, const QString &key, int limit)
{
    auto it = series.find(key);
    if (it != series.end())
        return *it;
    // One slot is kept for "other", so the bound holds with it included.
    return series[series.size() < limit - 1 ? key : kOther];
}

void SellerMetrics::record(const RequestRecord &record)
{
    const auto outcome = static_cast<std::size_t>(record.outcome);
    OpSeries &op = bounded(m_ops, record.op, MaxOps);
    ++op.byOutcome[outcome];
    const double duration = std::chrono::duration<double>(record.latency).count();
    const auto bucket = std::lower_bound(DurationBuckets.begin(), DurationBuckets.end(), duration);
    if (bucket != DurationBuckets.end())
        ++op.buckets[std::size_t(bucket - DurationBuckets.begin())];
    ++op.count;
    op.sumSeconds += duration;

    ModelSeries &model = bounded(m_models, record.model, MaxModels);
    // The op under the same name as in m_ops, "other" included, so the two never disagree.
    ++model.requestsByOp[m_ops.contains(record.op) ? record.op : kOther][outcome];
    model.promptTokens += record.promptTokens;
    model.completionTokens += record.completionTokens;
    if (record.outcome == RequestOutcome::Served) {
        ++model.servedRequests;
        model.servedTokens += record.promptTokens + record.completionTokens;
    }
}

void SellerMetrics::onStateChanged(SessionState state, SessionState previous)
{
    if (state == SessionState::Connecting)
        ++m_connectAttempts;
    if (state == SessionState::Online)
        ++m_connects;
    if (previous != SessionState::Online || state == SessionState::Online)
        return;
    // Why the session ended: the failure when there is one, else what the seller (or a serving
    // rule) asked for, which shows as the state it went to.
    const SessionFailure &failure = m_service->lastFailure();
    const char *key = failure.kind != SessionFailure::Kind::None
        ? QMetaEnum::fromType<SessionFailure::Kind>().valueToKey(int(failure.kind))
        : QMetaEnum::fromType<SessionState>().valueToKey(int(state));
    ++m_disconnects[QString::fromLatin1(snakeCase(key))];
}

SellerMetrics::Readiness SellerMetrics::readiness() const
{
    const SessionState state = m_service->state();
    if (state != SessionState::Online)
        return {false, "not ready: session is " + snakeCase(QMetaEnum::fromType<SessionState>().valueToKey(int(state)))};
    if (!m_service->isLocalServerUp())
        return {false, QByteArrayLiteral("not ready: the local model server does not answer")};
    return {true, QByteArrayLiteral("ready")};
}

QByteArray SellerMetrics::render() const
{
    QByteArray out;
    out.reserve(8192);
    renderSession(out);
    renderRequests(out);
    renderGpus(out);
    renderEarnings(out);
    return out;
}

void SellerMetrics::renderSession(QByteArray &out) const
{
    family(out, "coderai_seller_build_info", "gauge", "Always 1; the version in a label.");
    sample(out, "coderai_seller_build_info", "version=\"" + labelValue(QCoreApplication::applicationVersion()) + '"',
           qint64(1));

    family(out, "coderai_seller_session_state", "gauge", "1 for the session's current state, 0 for the others.");
    const QMetaEnum states = QMetaEnum::fromType<SessionState>();
    const int current = int(m_service->state());
    for (int i = 0; i < states.keyCount(); ++i)
        sample(out, "coderai_seller_session_state", "state=\"" + snakeCase(states.key(i)) + '"',
               qint64(states.value(i) == current ? 1 : 0));

    family(out, "coderai_seller_local_server_up", "gauge", "1 while the local model server answers.");
    sample(out, "coderai_seller_local_server_up", {}, qint64(m_service->isLocalServerUp() ? 1 : 0));

    family(out, "coderai_seller_connect_attempts_total", "counter", "Connections to AISBF started.");
    sample(out, "coderai_seller_connect_attempts_total", {}, m_connectAttempts);
    family(out, "coderai_seller_connects_total", "counter", "Sessions with AISBF that got online.");
    sample(out, "coderai_seller_connects_total", {}, m_connects);
    family(out, "coderai_seller_disconnects_total", "counter", "Online sessions that ended, by reason.");
    for (auto it = m_disconnects.cbegin(); it != m_disconnects.cend(); ++it)
        sample(out, "coderai_seller_disconnects_total", "reason=\"" + labelValue(it.key()) + '"', it.value());

    const SessionStats::Totals totals = m_service->stats()->totals();
    family(out, "coderai_seller_online_seconds_total", "counter", "Time spent online with AISBF.");
    sample(out, "coderai_seller_online_seconds_total", {}, qint64(totals.uptime.count()));
    family(out, "coderai_seller_received_bytes_total", "counter", "Request payload bytes received from AISBF.");
    sample(out, "coderai_seller_received_bytes_total", {}, totals.bytesIn);
    family(out, "coderai_seller_sent_bytes_total", "counter", "Reply payload bytes sent to AISBF.");
    sample(out, "coderai_seller_sent_bytes_total", {}, totals.bytesOut);
}

void SellerMetrics::renderRequests(QByteArray &out) const
{
    const WorkDispatcher *dispatcher = m_service->dispatcher();
    family(out, "coderai_seller_requests_in_flight", "gauge", "Requests running against the local model server.");
    sample(out, "coderai_seller_requests_in_flight", {}, qint64(dispatcher->running()));
    family(out, "coderai_seller_requests_queued", "gauge", "Requests waiting for a free slot.");
    sample(out, "coderai_seller_requests_queued", {}, qint64(dispatcher->queued()));
    family(out, "coderai_seller_concurrency_cap", "gauge",
           "Requests allowed at once now: max_concurrent, or less while a serving rule limits it.");
    sample(out, "coderai_seller_concurrency_cap", {}, qint64(m_service->servingPolicy()->decision().cap));

    family(out, "coderai_seller_requests_total", "counter", "Finished requests by op, model and outcome.");
    for (auto model = m_models.cbegin(); model != m_models.cend(); ++model) {
        const QByteArray modelLabel = "model=\"" + labelValue(model.key()) + '"';
        for (auto op = model->requestsByOp.cbegin(); op != model->requestsByOp.cend(); ++op) {
            const QByteArray opLabel = "op=\"" + labelValue(op.key()) + "\"," + modelLabel;
            for (std::size_t i = 0; i < kOutcomes.size(); ++i)
                sample(out, "coderai_seller_requests_total", opLabel + ",outcome=\"" + kOutcomes[i] + '"',
                       (*op)[i]);
        }
    }
    family(out, "coderai_seller_prompt_tokens_total", "counter", "Prompt tokens of finished requests, by model.");
    for (auto model = m_models.cbegin(); model != m_models.cend(); ++model)
        sample(out, "coderai_seller_prompt_tokens_total", "model=\"" + labelValue(model.key()) + '"',
               model->promptTokens);
    family(out, "coderai_seller_completion_tokens_total", "counter",
           "Completion tokens of finished requests (cancelled streams too), by model.");
    for (auto model = m_models.cbegin(); model != m_models.cend(); ++model)
        sample(out, "coderai_seller_completion_tokens_total", "model=\"" + labelValue(model.key()) + '"',
               model->completionTokens);

    family(out, "coderai_seller_request_duration_seconds", "histogram",
           "Time from a request's start to its last byte, by op.");
    for (auto op = m_ops.cbegin(); op != m_ops.cend(); ++op) {
        const QByteArray opLabel = "op=\"" + labelValue(op.key()) + '"';
        qint64 cumulative = 0;
        for (std::size_t i = 0; i < DurationBuckets.size(); ++i) {
            cumulative += op->buckets[i];
            sample(out, "coderai_seller_request_duration_seconds_bucket",
                   opLabel + ",le=\"" + seconds(DurationBuckets[i]) + '"', cumulative);
        }
        sample(out, "coderai_seller_request_duration_seconds_bucket", opLabel + ",le=\"+Inf\"", op->count);
        sample(out, "coderai_seller_request_duration_seconds_sum", opLabel, op->sumSeconds);
        sample(out, "coderai_seller_request_duration_seconds_count", opLabel, op->count);
    }
}

void SellerMetrics::renderGpus(QByteArray &out) const
{
    const QList<GpuInfo> &gpus = m_service->hardware().gpus;
    QList<QByteArray> labels;
    labels.reserve(gpus.size());
    for (const GpuInfo &gpu : gpus)
        labels.append("gpu=\"" + QByteArray::number(gpu.index) + "\",name=\"" + labelValue(gpu.name) + "\",uuid=\""
                      + labelValue(gpu.uuid) + '"');

    // One family at a time, as the format wants; GPUs whose probe lacks a figure have no sample.
    const auto gauge = [&](const char *name, const char *help, auto value) {
        family(out, name, "gauge", help);
        for (qsizetype i = 0; i < gpus.size(); ++i) {
            if (const auto figure = value(gpus[i]))
                sample(out, name, labels[i], *figure);
        }
    };
    gauge("coderai_seller_gpu_temperature_celsius", "GPU temperature.",
          [](const GpuInfo &gpu) { return gpu.temperatureC ? std::optional<double>(*gpu.temperatureC) : std::nullopt; });
    gauge("coderai_seller_gpu_utilization_ratio", "GPU busy time, 0 to 1.", [](const GpuInfo &gpu) {
        return gpu.utilizationPct ? std::optional<double>(*gpu.utilizationPct / 100.0) : std::nullopt;
    });
    constexpr double kBytesPerMiB = 1024.0 * 1024.0;
    gauge("coderai_seller_gpu_memory_used_bytes", "GPU memory in use.", [](const GpuInfo &gpu) {
        return gpu.usedVramMb ? std::optional<double>(double(*gpu.usedVramMb) * kBytesPerMiB) : std::nullopt;
    });
    gauge("coderai_seller_gpu_memory_total_bytes", "GPU memory in all.", [](const GpuInfo &gpu) {
        return gpu.totalVramMb ? std::optional<double>(double(*gpu.totalVramMb) * kBytesPerMiB) : std::nullopt;
    });
    gauge("coderai_seller_gpu_power_watts", "GPU power draw.", [](const GpuInfo &gpu) { return gpu.powerDrawW; });
    gauge("coderai_seller_gpu_power_limit_watts", "GPU power limit.", [](const GpuInfo &gpu) { return gpu.powerLimitW; });
}

void SellerMetrics::renderEarnings(QByteArray &out) const
{
    const PriceSettings &prices = m_service->config().prices;
    if (!prices.isSet())
        return; // no prices, no money shown anywhere
    family(out, "coderai_seller_estimated_earnings_total", "counter",
           "Estimated earnings of served requests at the seller's prices, in the currency's units; "
           "AISBF's statement is what pays.");
    const QByteArray currency = "currency=\"" + labelValue(prices.currency) + '"';
    for (auto model = m_models.cbegin(); model != m_models.cend(); ++model) {
        const money::Micros micros = prices.estimate(model.key(), {model->servedRequests, model->servedTokens});
        sample(out, "coderai_seller_estimated_earnings_total",
               currency + ",model=\"" + labelValue(model.key()) + '"', money::toPlainText(micros).toLatin1());
    }
}

} // namespace coderai
