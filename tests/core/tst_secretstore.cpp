#include "memorysecretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void writeReadRemove();
    void missingKeyIsNotFound();
    void completesOnlyFromTheEventLoop();
    void completesInCallOrder();
    void wellKnownKeys();
};

namespace {

SecretResult resultAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(1).value<SecretResult>();
}

} // namespace

void TestSecretStore::writeReadRemove()
{
    MemorySecretStore store;
    QSignalSpy written(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    const QString key(kRegistrationTokenKey);

    store.write(key, u"tok_S3cr3t"_s);
    QVERIFY(written.wait(5000));
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.at(0).at(0).toString(), key);
    QCOMPARE(resultAt(written, 0).error, SecretError::None);

    store.read(key);
    QVERIFY(read.wait(5000));
    QCOMPARE(read.at(0).at(0).toString(), key);
    QCOMPARE(resultAt(read, 0).error, SecretError::None);
    QCOMPARE(resultAt(read, 0).value, u"tok_S3cr3t"_s);

    store.write(key, u"rotated"_s); // overwrite
    QVERIFY(written.wait(5000));
    store.read(key);
    QVERIFY(read.wait(5000));
    QCOMPARE(resultAt(read, 1).value, u"rotated"_s);

    store.remove(key);
    QVERIFY(removed.wait(5000));
    QCOMPARE(removed.at(0).at(0).toString(), key);
    QCOMPARE(resultAt(removed, 0).error, SecretError::None);

    store.read(key);
    QVERIFY(read.wait(5000));
    QCOMPARE(resultAt(read, 2).error, SecretError::NotFound);
    QVERIFY(resultAt(read, 2).value.isEmpty());
}

void TestSecretStore::missingKeyIsNotFound()
{
    MemorySecretStore store;
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy removed(&store, &SecretStore::removeFinished);

    store.read(u"never-written"_s);
    QVERIFY(read.wait(5000));
    const SecretResult readResult = resultAt(read, 0);
    QCOMPARE(readResult.error, SecretError::NotFound);
    QVERIFY(readResult.value.isEmpty());
    QVERIFY(readResult.message.contains(u"never-written"_s));

    store.remove(u"never-written"_s);
    QVERIFY(removed.wait(5000));
    QCOMPARE(resultAt(removed, 0).error, SecretError::NotFound);
}

void TestSecretStore::completesOnlyFromTheEventLoop()
{
    MemorySecretStore store;
    QSignalSpy written(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);

    store.write(u"k"_s, u"v"_s);
    store.read(u"k"_s);
    QCOMPARE(written.size(), 0); // a caller may connect after calling and still hear the answer
    QCOMPARE(read.size(), 0);
    QTRY_COMPARE(read.size(), 1);
    QCOMPARE(written.size(), 1);
}

void TestSecretStore::completesInCallOrder()
{
    MemorySecretStore store;
    QSignalSpy read(&store, &SecretStore::readFinished);

    // queued one after another, each sees the effect of the calls before it
    store.read(u"k"_s);
    store.write(u"k"_s, u"first"_s);
    store.read(u"k"_s);
    store.remove(u"k"_s);
    store.read(u"k"_s);
    QTRY_COMPARE(read.size(), 3);
    QCOMPARE(resultAt(read, 0).error, SecretError::NotFound);
    QCOMPARE(resultAt(read, 1).value, u"first"_s);
    QCOMPARE(resultAt(read, 2).error, SecretError::NotFound);
}

void TestSecretStore::wellKnownKeys()
{
    QCOMPARE(QString(kRegistrationTokenKey), u"registration-token"_s);
    QCOMPARE(QString(kLocalApiKeyKey), u"local-api-key"_s);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
