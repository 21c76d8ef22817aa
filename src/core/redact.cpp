#include "redact.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRecursiveMutex>
#include <QStringList>
#include <QUrlQuery>

#include <cstdio>

namespace coderai::redact {
namespace {

QMutex &secretsMutex()
{
    static QMutex mutex;
    return mutex;
}

// Every spelling a secret can take in text we might print: raw, percent-encoded as a query
// value, and form-encoded (spaces as '+').
QStringList &secrets()
{
    static QStringList list;
    return list;
}

QtMessageHandler g_previousHandler = nullptr;

// The one line sink and its lock. Recursive: a sink that logs (it should not) re-enters on its
// own thread instead of deadlocking.
struct SinkSlot
{
    QRecursiveMutex mutex;
    LineSink sink;
};

SinkSlot &sinkSlot()
{
    static SinkSlot slot;
    return slot;
}

void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = scrub(message);
    {
        // Called under the lock, so setLineSink() cannot return while the old sink still runs.
        SinkSlot &slot = sinkSlot();
        QMutexLocker lock(&slot.mutex);
        if (slot.sink)
            slot.sink(type, context, clean);
    }
    if (g_previousHandler) {
        g_previousHandler(type, context, clean);
        return;
    }
    std::fprintf(stderr, "%s\n", qUtf8Printable(qFormatLogMessage(type, context, clean)));
}

} // namespace

bool isSecretName(QStringView name)
{
    static const QLatin1StringView kMarkers[] = {
        QLatin1StringView("token"),  QLatin1StringView("secret"), QLatin1StringView("password"),
        QLatin1StringView("passwd"), QLatin1StringView("authorization"), QLatin1StringView("cookie"),
        QLatin1StringView("api-key"), QLatin1StringView("api_key"), QLatin1StringView("apikey"),
    };
    for (const auto marker : kMarkers) {
        if (name.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString url(const QUrl &input)
{
    QUrl safe = input.adjusted(QUrl::RemoveUserInfo);
    if (safe.hasQuery()) {
        QUrlQuery query(safe);
        const auto items = query.queryItems(QUrl::FullyEncoded);
        QUrlQuery cleaned;
        for (const auto &[key, value] : items)
            cleaned.addQueryItem(key, isSecretName(key) ? QString(kMask) : value);
        safe.setQuery(cleaned);
    }
    return scrub(safe.toString());
}

QString header(const QByteArray &name, const QByteArray &value)
{
    if (isSecretName(QString::fromLatin1(name)))
        return QString(kMask);
    return scrub(QString::fromLatin1(value));
}

void registerSecret(const QString &secret)
{
    if (secret.size() < 4)
        return;
    QMutexLocker lock(&secretsMutex());
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    QString formEncoded = encoded;
    formEncoded.replace(QLatin1StringView("%20"), QLatin1StringView("+"));
    for (const QString &form : {secret, encoded, formEncoded}) {
        if (!secrets().contains(form))
            secrets().append(form);
    }
    // Longest first, so a secret that contains another is masked whole.
    std::sort(secrets().begin(), secrets().end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void clearSecrets()
{
    QMutexLocker lock(&secretsMutex());
    secrets().clear();
}

QString scrub(QString text)
{
    QMutexLocker lock(&secretsMutex());
    for (const QString &secret : std::as_const(secrets()))
        text.replace(secret, kMask);
    return text;
}

void installScrubbingMessageHandler()
{
    // Twice (a test, a second front end) must not chain the handler to itself.
    const QtMessageHandler previous = qInstallMessageHandler(scrubbingHandler);
    if (previous != scrubbingHandler)
        g_previousHandler = previous;
}

void setLineSink(LineSink sink)
{
    SinkSlot &slot = sinkSlot();
    QMutexLocker lock(&slot.mutex);
    slot.sink = std::move(sink);
}

} // namespace coderai::redact
