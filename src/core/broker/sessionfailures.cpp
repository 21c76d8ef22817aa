#include "sessionfailures.h"

#include "redact.h"

namespace coderai::sessionfailures {
namespace {

using Kind = SessionFailure::Kind;

// The texts keep the translation context they had inside BrokerSession, so the catalogue's
// entries still match them.
constexpr const char *kContext = "coderai::BrokerSession";

int wholeSeconds(std::chrono::milliseconds interval)
{
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(interval).count());
}

} // namespace

SessionFailure connectTimeout(std::chrono::milliseconds waited)
{
    return SessionFailure::make(Kind::Timeout, kContext,
                                QT_TRANSLATE_N_NOOP("coderai::BrokerSession", "The broker did not answer within %n second(s)."),
                                {}, wholeSeconds(waited));
}

SessionFailure registerTimeout()
{
    return SessionFailure::make(Kind::Timeout, kContext,
                                QT_TRANSLATE_NOOP("coderai::BrokerSession", "The broker did not confirm the registration in time."));
}

SessionFailure registrationRefused()
{
    return SessionFailure::make(Kind::Rejected, kContext,
                                QT_TRANSLATE_NOOP("coderai::BrokerSession", "the broker refused the registration"));
}

SessionFailure peerSilent(std::chrono::milliseconds quietFor)
{
    return SessionFailure::make(
        Kind::PeerSilent, kContext,
        QT_TRANSLATE_N_NOOP("coderai::BrokerSession", "The broker stopped answering (no frame or pong for %n second(s))."),
        {}, wholeSeconds(quietFor));
}

SessionFailure oversizedMessage(qint64 limitBytes)
{
    return SessionFailure::make(
        Kind::Closed, kContext,
        QT_TRANSLATE_NOOP("coderai::BrokerSession",
                          "The broker sent a message larger than %1 bytes; the connection was closed without reading it."),
        {QString::number(limitBytes)});
}

SessionFailure localServerDown(const QString &reason)
{
    SessionFailure failure = SessionFailure::make(
        Kind::LocalServer, kContext,
        QT_TRANSLATE_NOOP("coderai::BrokerSession", "The local model server is not answering: %1"), {redact::scrub(reason)});
    // The monitor's reason may be in the seller's language; the monitor logs it on its own.
    failure.logMessage = QStringLiteral("The local model server is not answering.");
    return failure;
}

SessionFailure invalidConfig(const QList<ConfigProblem> &problems)
{
    QStringList lines;
    QStringList fields;
    for (const auto &problem : problems) {
        lines << problem.message;
        fields << problem.field;
    }
    SessionFailure failure = SessionFailure::untranslated(Kind::Config, lines.join(QLatin1Char('\n')));
    // The sentences are in the seller's language; the settings' names are the same in every one.
    failure.logMessage = QStringLiteral("invalid settings: %1").arg(fields.join(QLatin1StringView(", ")));
    return failure;
}

} // namespace coderai::sessionfailures
