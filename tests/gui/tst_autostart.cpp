// Start at login: the XDG autostart entry is written where the desktop reads it, with the keys
// that make it wait for the tray, passes desktop-file-validate, and is removed again.
#include "autostart.h"
#include "testskip.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestAutostart final : public QObject
{
    Q_OBJECT

private slots:
    void defaultLocationFollowsXdgConfigHome();
    void enableWritesTheEntry();
    void entryIsValid_data();
    void entryIsValid();
    void disableRemovesTheEntry();
    void entryDisabledByTheDesktop();
    void unwritableLocationIsReported();

private:
    static QString entryPath(const QTemporaryDir &dir);
};

namespace {

QMap<QString, QString> readKeys(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QMap<QString, QString> keys;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &line : lines) {
        const qsizetype equals = line.indexOf(u'=');
        if (equals > 0)
            keys.insert(line.left(equals), line.mid(equals + 1));
    }
    return keys;
}

} // namespace

QString TestAutostart::entryPath(const QTemporaryDir &dir)
{
    return dir.filePath(u"autostart/coderai-seller.desktop"_s);
}

void TestAutostart::defaultLocationFollowsXdgConfigHome()
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    CODERAI_SKIP("XDG autostart only");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path()));
    const QString location = Autostart::defaultLocation();
    qputenv("XDG_CONFIG_HOME", saved);
    QCOMPARE(location, dir.path() + "/autostart/coderai-seller.desktop"_L1);
    QCOMPARE(Autostart().location().endsWith("/autostart/coderai-seller.desktop"_L1), true);
#endif
}

void TestAutostart::enableWritesTheEntry()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Autostart autostart(entryPath(dir), u"/opt/coderai/bin/coderai-seller"_s);
    QVERIFY(!autostart.isEnabled());

    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(autostart.isEnabled());
    // the folder did not exist: it is created
    const auto keys = readKeys(entryPath(dir));
    QCOMPARE(keys.value(u"Type"_s), u"Application"_s);
    QCOMPARE(keys.value(u"Exec"_s), u"/opt/coderai/bin/coderai-seller"_s);
    QCOMPARE(keys.value(u"X-GNOME-Autostart-Delay"_s), u"10"_s);
    QCOMPARE(keys.value(u"X-LXQt-Need-Tray"_s), u"true"_s);
    QCOMPARE(keys.value(u"X-GNOME-Autostart-enabled"_s), u"true"_s);
    QVERIFY(!keys.value(u"Name"_s).isEmpty());

    // enabling twice is harmless
    QVERIFY(autostart.setEnabled(true, &error));
    QVERIFY(autostart.isEnabled());
}

void TestAutostart::entryIsValid_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QString>("exec");
    QTest::newRow("plain") << u"/usr/bin/coderai-seller"_s << u"/usr/bin/coderai-seller"_s;
    // Exec quoting: reserved characters force double quotes; the string escape doubles backslashes.
    QTest::newRow("space") << u"/home/a b/coderai-seller"_s << u"\"/home/a b/coderai-seller\""_s;
    QTest::newRow("dollar and quote") << u"/tmp/$x\"y/seller"_s << uR"("/tmp/\\$x\\"y/seller")"_s;
    QTest::newRow("percent") << u"/tmp/100%/seller"_s << u"/tmp/100%%/seller"_s;
}

void TestAutostart::entryIsValid()
{
    QFETCH(QString, executable);
    QFETCH(QString, exec);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Autostart autostart(entryPath(dir), executable);
    QVERIFY(autostart.setEnabled(true));
    QCOMPARE(readKeys(entryPath(dir)).value(u"Exec"_s), exec);

    const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (validator.isEmpty())
        CODERAI_SKIP("desktop-file-validate is not installed (package desktop-file-utils)");
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(validator, {entryPath(dir)});
    QVERIFY(process.waitForFinished(30000));
    const QString output = QString::fromUtf8(process.readAll());
    QVERIFY2(process.exitCode() == 0, qPrintable(output));
    QVERIFY2(!output.contains("error"_L1, Qt::CaseInsensitive), qPrintable(output));
}

void TestAutostart::disableRemovesTheEntry()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Autostart autostart(entryPath(dir), u"/usr/bin/coderai-seller"_s);
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(QFile::exists(entryPath(dir)));

    QString error;
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(!QFile::exists(entryPath(dir)));
    QVERIFY(!autostart.isEnabled());
    // disabling what is not there is fine too
    QVERIFY(autostart.setEnabled(false, &error));
}

void TestAutostart::entryDisabledByTheDesktop()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Autostart autostart(entryPath(dir), u"/usr/bin/coderai-seller"_s);
    QVERIFY(autostart.setEnabled(true));

    for (const auto &line : {"Hidden=true\n"_ba, "X-GNOME-Autostart-enabled=false\n"_ba}) {
        QFile file(entryPath(dir));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Desktop Entry]\nType=Application\nName=CoderAI Seller\nExec=/usr/bin/coderai-seller\n" + line);
        file.close();
        QVERIFY2(!autostart.isEnabled(), line.constData());
    }
    // enabling again rewrites the entry as ours
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
}

void TestAutostart::unwritableLocationIsReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // a plain file where the autostart folder should be
    QFile blocker(dir.filePath(u"autostart"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    Autostart autostart(entryPath(dir), u"/usr/bin/coderai-seller"_s);
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY(error.contains(entryPath(dir)));
    QVERIFY(!autostart.isEnabled());
}

QTEST_MAIN(TestAutostart)
#include "tst_autostart.moc"
