// Local server detection and model listing against the demo model server on loopback;
// directly and through the settings dialog's "Detect" and "Refresh" buttons.
#include "closedport.h"
#include "autostart.h"
#include "memorysecretstore.h"
#include "config/settings.h"
#include "demo/demomodelserver.h"
#include "demo/demomodelservercontrol.h"
#include "localserverdetector.h"
#include "settingsdialogfixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using DialogFixture = coderai::test::SettingsDialogFixture;

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestLocalServerDetector final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wellKnownPorts();
    void findsServerOnExtraPort();
    void closedAndSilentPortsAreNotListed();
    void serverWantingAKey();
    void listModels();
    void listModelsWithApiKey();
    void listModelsFailures();
    void modelIdsFromJson_data();
    void modelIdsFromJson();
    void dialogDetectFillsLocalUrl();
    void dialogRefreshFillsAllowlist();
    void typedUrlIsTriedFirst();
    void dialogDetectTriesTypedUrlAndKeepsFocus();

private:
    static QList<DetectedServer> detect(LocalServerDetector &detector);
    static QList<DetectedServer> onPort(const QList<DetectedServer> &servers, quint16 port);
};

void TestLocalServerDetector::initTestCase()
{
    qRegisterMetaType<QList<DetectedServer>>();
}

QList<DetectedServer> TestLocalServerDetector::detect(LocalServerDetector &detector)
{
    QSignalSpy finished(&detector, &LocalServerDetector::detectionFinished);
    detector.detect();
    if (!finished.wait(20000))
        return {};
    return finished.first().first().value<QList<DetectedServer>>();
}

QList<DetectedServer> TestLocalServerDetector::onPort(const QList<DetectedServer> &servers, quint16 port)
{
    QList<DetectedServer> found;
    std::copy_if(servers.cbegin(), servers.cend(), std::back_inserter(found),
                 [port](const DetectedServer &server) { return server.port == port; });
    return found;
}

void TestLocalServerDetector::wellKnownPorts()
{
    // CoderAI / llama.cpp, Ollama, vLLM, LM Studio, in that order
    QCOMPARE(LocalServerDetector::wellKnownPorts(), (QList<quint16>{8080, 11434, 8000, 1234}));
    LocalServerDetector detector;
    detector.setExtraPorts({4321, 8080, 0});
    QCOMPARE(detector.probedPorts(), (QList<quint16>{8080, 11434, 8000, 1234, 4321}));
}

void TestLocalServerDetector::findsServerOnExtraPort()
{
    DemoModelServerOptions options;
    options.models = {u"alpha"_s, u"beta"_s, u"gamma"_s};
    DemoModelServer server(options);
    QVERIFY(server.listen());

    LocalServerDetector detector;
    detector.setExtraPorts({server.port()});
    const auto servers = detect(detector);
    const auto found = onPort(servers, server.port());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().url, server.baseUrl());
    QCOMPARE(found.first().models, options.models);
    QVERIFY(!found.first().needsApiKey);
    QVERIFY(found.first().product.isEmpty()); // not a well-known port
    QVERIFY(!detector.isDetecting());
    // the extra port comes last, after the well-known ones
    QCOMPARE(servers.last().port, server.port());
}

void TestLocalServerDetector::closedAndSilentPortsAreNotListed()
{
    const quint16 closedPort = test::closedPort();
    QVERIFY(closedPort != 0);

    DemoModelServer hanging;
    DemoModelServerControl hangingControl(hanging);
    QVERIFY(hanging.listen());
    hangingControl.setModelsDelay(1min);

    LocalServerDetector detector;
    detector.setTimeout(300ms);
    detector.setExtraPorts({closedPort, hanging.port()});
    QElapsedTimer clock;
    clock.start();
    const auto servers = detect(detector);
    QVERIFY(onPort(servers, closedPort).isEmpty());
    QVERIFY(onPort(servers, hanging.port()).isEmpty());
    QVERIFY2(clock.elapsed() < 10000, "a hung server must not hold the detection");
}

void TestLocalServerDetector::serverWantingAKey()
{
    DemoModelServerOptions options;
    options.expectedApiKey = "sk-local";
    DemoModelServer server(options);
    QVERIFY(server.listen());
    LocalServerDetector detector;
    detector.setExtraPorts({server.port()});
    const auto found = onPort(detect(detector), server.port());
    QCOMPARE(found.size(), 1);
    QVERIFY(found.first().needsApiKey);
    QVERIFY(found.first().models.isEmpty());
}

void TestLocalServerDetector::listModels()
{
    DemoModelServerOptions options;
    options.models = {u"m1"_s, u"m2"_s};
    DemoModelServer server(options);
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());

    LocalServerDetector detector;
    QSignalSpy listed(&detector, &LocalServerDetector::modelsListed);
    detector.listModels(server.baseUrl(), {});
    QVERIFY(listed.wait(10000));
    QCOMPARE(listed.first().at(0).toStringList(), options.models);
    QVERIFY(listed.first().at(1).toString().isEmpty());
    QCOMPARE(serverControl.requests().last().path, "/v1/models"_ba);
}

void TestLocalServerDetector::listModelsWithApiKey()
{
    DemoModelServerOptions options;
    options.expectedApiKey = "sk-local";
    DemoModelServer server(options);
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());

    LocalServerDetector detector;
    QSignalSpy listed(&detector, &LocalServerDetector::modelsListed);
    detector.listModels(server.baseUrl(), {});
    QVERIFY(listed.wait(10000));
    QVERIFY(listed.first().at(0).toStringList().isEmpty());
    QVERIFY2(listed.first().at(1).toString().contains("API key"_L1), qPrintable(listed.first().at(1).toString()));

    detector.listModels(server.baseUrl(), u"sk-local"_s);
    QVERIFY(listed.wait(10000));
    QCOMPARE(listed.last().at(0).toStringList(), options.models);
    QCOMPARE(serverControl.requests().last().headers.value("authorization"), "Bearer sk-local"_ba);
}

void TestLocalServerDetector::listModelsFailures()
{
    const quint16 port = test::closedPort();
    QVERIFY(port != 0);

    LocalServerDetector detector;
    QSignalSpy listed(&detector, &LocalServerDetector::modelsListed);
    detector.listModels(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), {});
    QVERIFY(listed.wait(10000));
    QVERIFY(!listed.first().at(1).toString().isEmpty());

    // a server whose /v1/models is not there
    DemoModelServer server;
    QVERIFY(server.listen());
    detector.listModels(server.baseUrl().resolved(QUrl(u"/nothing-here/"_s)), {});
    QVERIFY(listed.wait(10000));
    QVERIFY2(listed.last().at(1).toString().contains("404"_L1), qPrintable(listed.last().at(1).toString()));
}

void TestLocalServerDetector::modelIdsFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("ok");
    QTest::newRow("openai") << R"({"object":"list","data":[{"id":"a"},{"id":"b"}]})"_ba
                            << QStringList{u"a"_s, u"b"_s} << true;
    QTest::newRow("empty list") << R"({"data":[]})"_ba << QStringList{} << true;
    QTest::newRow("duplicates and junk") << R"({"data":[{"id":"a"},{"id":"a"},{"name":"x"},3]})"_ba
                                         << QStringList{u"a"_s} << true;
    QTest::newRow("no data") << R"({"models":[]})"_ba << QStringList{} << false;
    QTest::newRow("not json") << "<html>"_ba << QStringList{} << false;
}

void TestLocalServerDetector::modelIdsFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, ids);
    QFETCH(bool, ok);
    QString error = u"stale"_s;
    QCOMPARE(coderai::modelIdsFromJson(json, &error), ids);
    QCOMPARE(error.isEmpty(), ok);
}

void TestLocalServerDetector::dialogDetectFillsLocalUrl()
{
    DemoModelServerOptions options;
    options.models = {u"alpha"_s, u"beta"_s};
    DemoModelServer server(options);
    QVERIFY(server.listen());

    DialogFixture fixture;
    QVERIFY(fixture.open());
    fixture.dialog.localServerDetector()->setExtraPorts({server.port()});
    QTest::mouseClick(fixture.child<QPushButton>("detectButton"), Qt::LeftButton);
    auto *list = fixture.child<QListWidget>("detectList");
    QTRY_VERIFY_WITH_TIMEOUT(list->isVisible(), 20000);

    QListWidgetItem *ours = nullptr;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(server.baseUrl().toString()))
            ours = list->item(row);
    }
    QVERIFY(ours);
    QVERIFY2(ours->text().contains("2 model"_L1), qPrintable(ours->text())); // plural form from the .qm
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(ours).center());
    QCOMPARE(fixture.child<QLineEdit>("localUrlEdit")->text(), server.baseUrl().toString());
    QCOMPARE(fixture.dialog.config().localUrl, server.baseUrl());
    QVERIFY(!list->isVisible());
}

void TestLocalServerDetector::dialogRefreshFillsAllowlist()
{
    DemoModelServerOptions options;
    options.models = {u"alpha"_s, u"beta"_s, u"gamma"_s};
    DemoModelServer server(options);
    QVERIFY(server.listen());

    auto fixture = std::make_unique<DialogFixture>();
    QVERIFY(fixture->open());
    fixture->type("localUrlEdit", server.baseUrl().toString());
    auto *list = fixture->child<QListWidget>("modelList");
    QCOMPARE(list->count(), 0);

    QTest::mouseClick(fixture->child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 3, 10000);
    for (int row = 0; row < list->count(); ++row)
        QCOMPARE(list->item(row)->checkState(), Qt::Unchecked);
    QVERIFY(fixture->dialog.config().modelAllowlist.isEmpty()); // nothing checked: every model

    // check "beta" with the keyboard
    list->setFocus();
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(list->item(1)->checkState(), Qt::Checked);
    QCOMPARE(fixture->dialog.config().modelAllowlist, QStringList{u"beta"_s});

    fixture->type("tokenEdit", u"tok-local"_s); // an empty token is refused
    QSignalSpy saved(&fixture->dialog, &SettingsDialog::saved);
    QTest::mouseClick(fixture->child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(fixture->settings->load().modelAllowlist, QStringList{u"beta"_s});

    // reopened: the allowlist is shown checked, and a refresh keeps the check
    fixture->dialog.hide();
    QVERIFY(fixture->open());
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);
    QTest::mouseClick(fixture->child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 3, 10000);
    QCOMPARE(fixture->dialog.config().modelAllowlist, QStringList{u"beta"_s});
}

void TestLocalServerDetector::typedUrlIsTriedFirst()
{
    DemoModelServerOptions options;
    options.models = {u"typed-model"_s};
    DemoModelServer typed(options);
    QVERIFY(typed.listen());
    DemoModelServer extra;
    QVERIFY(extra.listen());

    LocalServerDetector detector;
    detector.setExtraPorts({extra.port()});
    QSignalSpy finished(&detector, &LocalServerDetector::detectionFinished);
    // a port that no probe knows, typed with a trailing slash
    detector.detect(QUrl(typed.baseUrl().toString() + u"/"_s));
    QVERIFY(finished.wait(20000));
    const auto servers = finished.first().first().value<QList<DetectedServer>>();
    QVERIFY(servers.size() >= 2);
    QCOMPARE(servers.first().url, typed.baseUrl());
    QCOMPARE(servers.first().models, QStringList{u"typed-model"_s});
    QCOMPARE(servers.first().port, typed.port());

    // typed as one of the probed ports: listed once
    finished.clear();
    detector.detect(extra.baseUrl());
    QVERIFY(finished.wait(20000));
    const auto again = finished.first().first().value<QList<DetectedServer>>();
    QCOMPARE(std::count_if(again.cbegin(), again.cend(),
                           [&extra](const DetectedServer &server) { return server.port == extra.port(); }),
             1);
    QCOMPARE(again.first().port, extra.port());

    // nonsense typed: the ports are probed all the same
    finished.clear();
    detector.detect(QUrl(u"localhost:8080"_s));
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().first().value<QList<DetectedServer>>().isEmpty());
}

void TestLocalServerDetector::dialogDetectTriesTypedUrlAndKeepsFocus()
{
    DemoModelServer server;
    QVERIFY(server.listen());

    DialogFixture fixture;
    QVERIFY(fixture.open());
    // not among the probed ports: only the typed address finds it
    fixture.type("localUrlEdit", server.baseUrl().toString());
    auto *detect = fixture.child<QPushButton>("detectButton");
    detect->setFocus();
    QTest::mouseClick(detect, Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), detect);
    auto *list = fixture.child<QListWidget>("detectList");
    QTRY_VERIFY_WITH_TIMEOUT(list->isVisible(), 20000);
    QVERIFY(list->count() >= 1);
    QVERIFY2(list->item(0)->text().startsWith(server.baseUrl().toString()), qPrintable(list->item(0)->text()));
    QCOMPARE(QApplication::focusWidget(), detect);
    QVERIFY(!fixture.child<QLineEdit>("localApiKeyEdit")->hasSelectedText());

    // Refresh keeps the focus too
    auto *refresh = fixture.child<QPushButton>("refreshModelsButton");
    refresh->setFocus();
    QTest::mouseClick(refresh, Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), refresh);
}

QTEST_MAIN(TestLocalServerDetector)
#include "tst_localserverdetector.moc"
