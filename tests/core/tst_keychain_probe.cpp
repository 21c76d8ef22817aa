// Runs one KeychainSecretStore operation in its own process, so tst_keychain can observe the
// store in environments it must not set up in-process: no session bus, a bus without a keyring,
// a locked private keyring. The outcome goes to a JSON file, not stdout, because daemons started
// on a private bus share our stdout and print into it.
//
//   tst_keychain_probe OUT_FILE SERVICE read|write|remove KEY [VALUE]

#include "config/keychainsecretstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace coderai;

namespace {

constexpr int kUsageExit = 2;
constexpr int kNoAnswerExit = 3;
constexpr int kOutputExit = 4;
// Far above the ~11 ms a keyring operation takes; only a hung backend gets near it.
constexpr int kAnswerTimeoutMs = 60000;

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString operation = args.value(3);
    const bool isWrite = operation == QLatin1StringView("write");
    if (args.size() != (isWrite ? 6 : 5)
        || (!isWrite && operation != QLatin1StringView("read") && operation != QLatin1StringView("remove"))) {
        std::fputs("usage: tst_keychain_probe OUT_FILE SERVICE read|write|remove KEY [VALUE]\n", stderr);
        return kUsageExit;
    }
    const QString outFile = args.at(1);
    const QString key = args.at(4);

    KeychainSecretStore store(args.at(2));
    const auto report = [&](const QString &, const SecretResult &result) {
        QJsonObject json {
            {QStringLiteral("error"), static_cast<int>(result.error)},
            {QStringLiteral("message"), result.message},
            {QStringLiteral("value"), result.value},
        };
        QFile file(outFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(json).toJson(QJsonDocument::Compact)) < 0) {
            QCoreApplication::exit(kOutputExit);
            return;
        }
        file.close();
        QCoreApplication::exit(0);
    };
    QObject::connect(&store, &SecretStore::readFinished, &app, report);
    QObject::connect(&store, &SecretStore::writeFinished, &app, report);
    QObject::connect(&store, &SecretStore::removeFinished, &app, report);
    QTimer::singleShot(kAnswerTimeoutMs, &app, [] { QCoreApplication::exit(kNoAnswerExit); });

    if (isWrite)
        store.write(key, args.at(5));
    else if (operation == QLatin1StringView("read"))
        store.read(key);
    else
        store.remove(key);
    return QCoreApplication::exec();
}
