#include "config/coderaiconfigimport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestCoderAiImport final : public QObject
{
    Q_OBJECT

private slots:
    void fullExample();
    void userScope();
    void globalWithoutUsername();
    void disabledAndNulls();
    void unknownKeysAreIgnored();

    void problems_data();
    void problems();
    void otherFieldsSurviveAProblem();
    void tokenInAWrongFieldIsMasked();

    void fromFile();
    void missingFile();
};

namespace {

constexpr auto kToken = "tok_S3cr3t+/value=="_L1;

QStringList fieldsOf(const CoderAiImport &result)
{
    QStringList fields;
    for (const ConfigProblem &problem : result.problems)
        fields.append(problem.field);
    return fields;
}

} // namespace

void TestCoderAiImport::fullExample()
{
    // PROTOCOL.md §2, verbatim apart from the token
    const CoderAiImport result
        = importCoderAiConfig(R"({"broker":{"enabled":true,"base_url":"https://aisbf.cloud","scope":"user",)"
                              R"("username":"alice","provider_id":"coderai-local","client_id":"workstation-01",)"
                              R"("registration_token":"tok_S3cr3t+/value==","transport":"websocket"}})");

    QVERIFY(result.problems.isEmpty());
    QVERIFY(result.enabled);
    QCOMPARE(result.token, QString(kToken));
    const SellerConfigOverlay &overlay = result.overlay;
    QCOMPARE(overlay.baseUrl, std::optional(QUrl(u"https://aisbf.cloud"_s)));
    QVERIFY(overlay.scope == BrokerScope::User);
    QCOMPARE(overlay.username, std::optional(u"alice"_s));
    QCOMPARE(overlay.providerId, std::optional(u"coderai-local"_s));
    QCOMPARE(overlay.clientId, std::optional(u"workstation-01"_s));
    // the import says nothing about these, so the earlier layers keep them
    QVERIFY(!overlay.localUrl);
    QVERIFY(!overlay.maxConcurrent);
    QVERIFY(!overlay.heartbeatInterval);

    SellerConfig config;
    overlay.applyTo(config);
    QVERIFY(validate(config).isEmpty());
}

void TestCoderAiImport::userScope()
{
    const CoderAiImport result = importCoderAiConfig(R"({"broker":{"scope":"User","username":" bob "}})");
    QVERIFY(result.problems.isEmpty());
    QVERIFY(result.overlay.scope == BrokerScope::User);
    QCOMPARE(result.overlay.username, std::optional(u"bob"_s));
    QVERIFY(result.token.isEmpty());
}

void TestCoderAiImport::globalWithoutUsername()
{
    const CoderAiImport result = importCoderAiConfig(R"({"broker":{"scope":"global","provider_id":"coderai-local"}})");
    QVERIFY(result.problems.isEmpty());
    QVERIFY(result.overlay.scope == BrokerScope::Global);
    QCOMPARE(result.overlay.username, std::optional(u"global"_s));

    // a stored user-scope layer underneath is fully replaced
    SellerConfig config;
    config.scope = BrokerScope::User;
    config.username = u"alice"_s;
    config.clientId = u"box"_s;
    result.overlay.applyTo(config);
    QVERIFY(validate(config).isEmpty());
}

void TestCoderAiImport::disabledAndNulls()
{
    const CoderAiImport result
        = importCoderAiConfig(R"({"broker":{"enabled":false,"username":null,"registration_token":null}})");
    QVERIFY(result.problems.isEmpty());
    QVERIFY(!result.enabled);
    QVERIFY(!result.overlay.username);
    QVERIFY(!result.overlay.scope);
    QVERIFY(result.token.isEmpty());
}

void TestCoderAiImport::unknownKeysAreIgnored()
{
    const CoderAiImport result
        = importCoderAiConfig(R"({"theme":"dark","broker":{"client_id":"x","reconnect":{"max":5},"future":[1,2]}})");
    QVERIFY(result.problems.isEmpty());
    QCOMPARE(result.overlay.clientId, std::optional(u"x"_s));
}

void TestCoderAiImport::problems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("fields");

    // every document carries the token, to prove no message repeats it
    const auto withToken = [](const char *brokerFields) -> QByteArray {
        return QByteArray(R"({"broker":{"registration_token":"tok_S3cr3t+/value==",)") + brokerFields + "}}";
    };

    QTest::newRow("not JSON") << QByteArray(R"({"broker": {"registration_token": "tok_S3cr3t+/)")
                              << QStringList{QString()};
    QTest::newRow("empty") << QByteArray() << QStringList{QString()};
    QTest::newRow("array root") << QByteArray("[1,2]") << QStringList{QString()};
    QTest::newRow("missing broker") << QByteArray(
        R"({"base_url":"https://aisbf.cloud","registration_token":"tok_S3cr3t+/value=="})")
                                    << QStringList{QString()};
    QTest::newRow("broker is a string") << QByteArray(R"({"broker":"https://aisbf.cloud"})") << QStringList{QString()};

    QTest::newRow("base_url number") << withToken(R"("base_url":443)") << QStringList{u"base-url"_s};
    QTest::newRow("scope bool") << withToken(R"("scope":true)") << QStringList{u"scope"_s};
    QTest::newRow("unknown scope") << withToken(R"("scope":"team")") << QStringList{u"scope"_s};
    QTest::newRow("username list") << withToken(R"("username":["alice"])") << QStringList{u"username"_s};
    QTest::newRow("provider_id object") << withToken(R"("provider_id":{"id":"x"})") << QStringList{u"provider-id"_s};
    QTest::newRow("client_id number") << withToken(R"("client_id":1)") << QStringList{u"client-id"_s};
    QTest::newRow("enabled string") << withToken(R"("enabled":"yes")") << QStringList{u"enabled"_s};
    QTest::newRow("token number") << QByteArray(R"({"broker":{"registration_token":12345}})")
                                  << QStringList{u"registration-token"_s};
    QTest::newRow("transport http") << withToken(R"("transport":"http")") << QStringList{u"transport"_s};
    QTest::newRow("transport number") << withToken(R"("transport":2)") << QStringList{u"transport"_s};
    QTest::newRow("two problems") << withToken(R"("base_url":false,"client_id":[])")
                                  << QStringList{u"base-url"_s, u"client-id"_s};
}

void TestCoderAiImport::problems()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, fields);

    const CoderAiImport result = importCoderAiConfig(json);
    QCOMPARE(fieldsOf(result), fields);
    for (const ConfigProblem &problem : result.problems) {
        QVERIFY(!problem.message.isEmpty());
        QVERIFY2(!problem.message.contains(u"S3cr3t"_s), qPrintable(problem.message));
        if (!problem.field.isEmpty())
            QVERIFY2(problem.message.contains(problem.field), qPrintable(problem.message));
    }
    if (fields == QStringList{QString()}) // whole-document problems contribute nothing
        QVERIFY(!result.overlay.baseUrl && !result.overlay.clientId && result.token.isEmpty());
}

void TestCoderAiImport::otherFieldsSurviveAProblem()
{
    const CoderAiImport result
        = importCoderAiConfig(R"({"broker":{"base_url":"https://aisbf.cloud","scope":"team","client_id":"box",)"
                              R"("transport":"grpc"}})");
    QCOMPARE(fieldsOf(result), (QStringList{u"scope"_s, u"transport"_s}));
    QCOMPARE(result.overlay.baseUrl, std::optional(QUrl(u"https://aisbf.cloud"_s)));
    QCOMPARE(result.overlay.clientId, std::optional(u"box"_s));
    QVERIFY(!result.overlay.scope);
}

void TestCoderAiImport::tokenInAWrongFieldIsMasked()
{
    // a token pasted into "scope" would otherwise be quoted back in the message
    const CoderAiImport result = importCoderAiConfig(
        R"({"broker":{"scope":"tok_S3cr3t+/value==","registration_token":"tok_S3cr3t+/value=="}})");
    QCOMPARE(fieldsOf(result), QStringList{u"scope"_s});
    QVERIFY2(!result.problems.first().message.contains(kToken), qPrintable(result.problems.first().message));
}

void TestCoderAiImport::fromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"coderai.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"broker":{"base_url":"http://10.0.0.2:8000/aisbf","client_id":"rig",)"
               R"("registration_token":"tok_S3cr3t+/value=="}})");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    const CoderAiImport result = importCoderAiConfigFile(path);
    QVERIFY(result.problems.isEmpty());
    QCOMPARE(result.overlay.baseUrl, std::optional(QUrl(u"http://10.0.0.2:8000/aisbf"_s)));
    QCOMPARE(result.token, QString(kToken));
}

void TestCoderAiImport::missingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"nope.json"_s);
    const CoderAiImport result = importCoderAiConfigFile(path);
    QCOMPARE(fieldsOf(result), QStringList{QString()});
    QVERIFY2(result.problems.first().message.contains(path), qPrintable(result.problems.first().message));
}

QTEST_GUILESS_MAIN(TestCoderAiImport)
#include "tst_coderaiimport.moc"
