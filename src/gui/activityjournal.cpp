#include "activityjournal.h"

#include "logging.h"
#include "stats/sessionstats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace coderai {
namespace {

// Model names come from buyers; one absurd name must not bloat every row of the file.
constexpr qsizetype kMaxNameLength = 200;
// Far above MaxRows honest lines: a larger file is not ours, and is not read whole.
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

QString outcomeName(RequestOutcome outcome)
{
    switch (outcome) {
    case RequestOutcome::Served:
        return u"served"_s;
    case RequestOutcome::Failed:
        return u"failed"_s;
    case RequestOutcome::Cancelled:
        return u"cancelled"_s;
    case RequestOutcome::Refused:
        return u"refused"_s;
    }
    return {};
}

bool outcomeFromName(const QString &name, RequestOutcome *outcome)
{
    for (const auto candidate : {RequestOutcome::Served, RequestOutcome::Failed, RequestOutcome::Cancelled,
                                 RequestOutcome::Refused}) {
        if (name == outcomeName(candidate)) {
            *outcome = candidate;
            return true;
        }
    }
    return false;
}

} // namespace

ActivityJournal::ActivityJournal(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushDelay);
    connect(&m_flushTimer, &QTimer::timeout, this, &ActivityJournal::flush);
    m_changedTimer.setSingleShot(true);
    m_changedTimer.setInterval(ChangedDelay);
    connect(&m_changedTimer, &QTimer::timeout, this, &ActivityJournal::changed);
    load();
}

ActivityJournal::~ActivityJournal()
{
    flush();
}

QString ActivityJournal::fileIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"activity.jsonl"_s);
}

QString ActivityJournal::filePath() const { return m_filePath; }

QList<RequestRecord> ActivityJournal::records() const { return m_records; }

void ActivityJournal::append(const RequestRecord &record)
{
    RequestRecord row = record;
    row.model.truncate(kMaxNameLength);
    row.op.truncate(kMaxNameLength);
    row.errorCode.truncate(kMaxNameLength);
    if (!row.finishedAt.isValid())
        row.finishedAt = QDateTime::currentDateTimeUtc();
    m_records.prepend(std::move(row));
    if (m_records.size() > MaxRows)
        m_records.resize(MaxRows);
    m_dirty = true;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
    if (!m_changedTimer.isActive())
        m_changedTimer.start();
}

void ActivityJournal::follow(SessionStats *stats)
{
    if (m_stats)
        m_stats->disconnect(this);
    m_stats = stats;
    if (stats)
        connect(stats, &SessionStats::requestRecorded, this, &ActivityJournal::append);
}

QByteArray ActivityJournal::encode(const RequestRecord &record)
{
    QJsonObject row{
        {u"at"_s, record.finishedAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"op"_s, record.op},
        {u"outcome"_s, outcomeName(record.outcome)},
        {u"latency_ms"_s, qint64(record.latency.count())},
    };
    if (!record.model.isEmpty())
        row.insert(u"model"_s, record.model);
    if (!record.errorCode.isEmpty())
        row.insert(u"error"_s, record.errorCode);
    if (record.stream)
        row.insert(u"stream"_s, true);
    if (record.promptTokens || record.completionTokens) {
        row.insert(u"prompt_tokens"_s, record.promptTokens);
        row.insert(u"completion_tokens"_s, record.completionTokens);
    }
    if (record.tokensEstimated)
        row.insert(u"estimated"_s, true);
    if (record.tokensPerSecond > 0 && std::isfinite(record.tokensPerSecond))
        row.insert(u"tokens_per_s"_s, std::round(record.tokensPerSecond * 10) / 10);
    if (record.bytesIn)
        row.insert(u"bytes_in"_s, record.bytesIn);
    if (record.bytesOut)
        row.insert(u"bytes_out"_s, record.bytesOut);
    return QJsonDocument(row).toJson(QJsonDocument::Compact);
}

bool ActivityJournal::decode(const QByteArray &line, RequestRecord *record)
{
    const QJsonObject row = QJsonDocument::fromJson(line).object();
    RequestRecord result;
    result.finishedAt = QDateTime::fromString(row.value(u"at").toString(), Qt::ISODateWithMs);
    result.op = row.value(u"op").toString().left(kMaxNameLength);
    if (!result.finishedAt.isValid() || result.op.isEmpty()
        || !outcomeFromName(row.value(u"outcome").toString(), &result.outcome))
        return false;
    result.model = row.value(u"model").toString().left(kMaxNameLength);
    result.errorCode = row.value(u"error").toString().left(kMaxNameLength);
    result.stream = row.value(u"stream").toBool();
    result.latency = std::chrono::milliseconds(std::max<qint64>(0, row.value(u"latency_ms").toInteger()));
    result.promptTokens = std::max<qint64>(0, row.value(u"prompt_tokens").toInteger());
    result.completionTokens = std::max<qint64>(0, row.value(u"completion_tokens").toInteger());
    result.tokensEstimated = row.value(u"estimated").toBool();
    result.tokensPerSecond = std::max(0.0, row.value(u"tokens_per_s").toDouble());
    result.bytesIn = std::max<qint64>(0, row.value(u"bytes_in").toInteger());
    result.bytesOut = std::max<qint64>(0, row.value(u"bytes_out").toInteger());
    *record = std::move(result);
    return true;
}

void ActivityJournal::load()
{
    QFile file(m_filePath);
    if (!file.exists())
        return;
    if (file.size() > kMaxFileBytes || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcStats) << "Not reading the activity file" << m_filePath << "(too large or unreadable)";
        return;
    }
    // Oldest first in the file; the list is newest first.
    int skipped = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        RequestRecord record;
        if (decode(line, &record))
            m_records.prepend(std::move(record));
        else
            ++skipped;
    }
    if (skipped > 0)
        qCWarning(lcStats) << "Skipped" << skipped << "unreadable lines of the activity file" << m_filePath;
    if (m_records.size() > MaxRows)
        m_records.resize(MaxRows);
}

bool ActivityJournal::flush()
{
    m_flushTimer.stop();
    if (!m_dirty)
        return true;
    m_dirty = false;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcStats) << "Could not write the activity file" << m_filePath << file.errorString();
        return false;
    }
    for (auto it = m_records.crbegin(); it != m_records.crend(); ++it) {
        file.write(encode(*it));
        file.write("\n");
    }
    if (!file.commit()) {
        qCWarning(lcStats) << "Could not write the activity file" << m_filePath << file.errorString();
        return false;
    }
    return true;
}

} // namespace coderai
