// A query inside endpoint_path (PROTOCOL.md §5, "Proxy safety"): split at the first '?', the
// fragment dropped, the path part still under every guard rule, the query merged with
// query_params.
#include "work/proxyguard.h"
#include "work/proxyquery.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

// The query as LocalServer puts it on the request line.
QString wireQuery(const QUrlQuery &query)
{
    QUrl url(u"http://127.0.0.1:8080/v1/x"_s);
    url.setQuery(query);
    return url.query(QUrl::FullyEncoded);
}

} // namespace

class TestProxyQuery final : public QObject
{
    Q_OBJECT

private slots:
    void splitsAtFirstQuestionMark_data();
    void splitsAtFirstQuestionMark();
    void pathBeforeQueryIsStillGuarded_data();
    void pathBeforeQueryIsStillGuarded();
    void mergesWithQueryParams_data();
    void mergesWithQueryParams();
};

void TestProxyQuery::splitsAtFirstQuestionMark_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    // AISBF's own shapes carry no query and come through as they are.
    QTest::newRow("AISBF route") << u"v1/images/edits"_s << u"v1/images/edits"_s << QString();
    QTest::newRow("AISBF fetch_file") << u"/v1/files/x.png"_s << u"v1/files/x.png"_s << QString();
    QTest::newRow("query in path") << u"v1/echo?x=1"_s << u"v1/echo"_s << u"x=1"_s;
    QTest::newRow("leading slash and query") << u"/v1/files/x.png?download=1"_s << u"v1/files/x.png"_s
                                             << u"download=1"_s;
    QTest::newRow("empty query") << u"v1/models?"_s << u"v1/models"_s << QString();
    QTest::newRow("fragment only") << u"v1/models#top"_s << u"v1/models"_s << QString();
    QTest::newRow("empty fragment") << u"v1/models#"_s << u"v1/models"_s << QString();
    QTest::newRow("query then fragment") << u"v1/x?a=1#frag"_s << u"v1/x"_s << u"a=1"_s;
    QTest::newRow("fragment holds the question mark") << u"v1/x#frag?a=1"_s << u"v1/x"_s << QString();
    QTest::newRow("question mark in a value") << u"v1/x?q=why?&r=1"_s << u"v1/x"_s << u"q=why?&r=1"_s;
    QTest::newRow("dots in the query") << u"v1/x?next=../../etc"_s << u"v1/x"_s << u"next=../../etc"_s;
    QTest::newRow("encoded slash in the query") << u"v1/x?p=a%2Fb"_s << u"v1/x"_s << u"p=a%2Fb"_s;
    QTest::newRow("encoded question mark stays in the path") << u"v1/files/why%3F?x=1"_s << u"v1/files/why%3F"_s
                                                             << u"x=1"_s;
    QTest::newRow("plus and escaped plus kept") << u"v1/x?q=a+b%2Bc"_s << u"v1/x"_s << u"q=a+b%2Bc"_s;
    QTest::newRow("raw space and UTF-8 escaped") << u"v1/x?q=a b\u00e9"_s << u"v1/x"_s << u"q=a%20b%C3%A9"_s;
    QTest::newRow("backslash in the query escaped") << u"v1/x?p=C:\\tmp"_s << u"v1/x"_s << u"p=C:%5Ctmp"_s;
    QTest::newRow("brackets escaped") << u"v1/x?a[]=1"_s << u"v1/x"_s << u"a%5B%5D=1"_s;
}

void TestProxyQuery::splitsAtFirstQuestionMark()
{
    QFETCH(QString, input);
    const proxy::PathCheck check = proxy::checkPath(input);
    QVERIFY2(check.ok, qPrintable(check.error));
    QTEST(check.path, "path");
    QTEST(check.query, "query");
}

void TestProxyQuery::pathBeforeQueryIsStillGuarded_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("dot dot then query") << u"v1/../admin?x=1"_s;
    QTest::newRow("dot dot right before the question mark") << u"v1/..?x=1"_s;
    QTest::newRow("encoded dot dot then query") << u"v1/%2e%2e/x?y=1"_s;
    QTest::newRow("encoded dot dot right before the question mark") << u"v1/%2e%2e?y=1"_s;
    QTest::newRow("double encoded dot dot then query") << u"v1/%252e%252e/x?y=1"_s;
    QTest::newRow("encoded slash then query") << u"v1/a%2fb?x=1"_s;
    QTest::newRow("backslash then query") << u"v1\\x?y=1"_s;
    QTest::newRow("authority then query") << u"//evil.example?x=1"_s;
    QTest::newRow("scheme then query") << u"http://x?y=1"_s;
    QTest::newRow("empty segment then query") << u"v1//x?y=1"_s;
    QTest::newRow("disallowed prefix then query") << u"admin/shutdown?now=1"_s;
    QTest::newRow("allowed prefix only in the query") << u"admin?v1/models"_s;
    QTest::newRow("query only") << u"?x=1"_s;
    QTest::newRow("slash and query only") << u"/?x=1"_s;
    QTest::newRow("question mark only") << u"?"_s;
    QTest::newRow("hash only") << u"#"_s;
    QTest::newRow("fragment only") << u"#v1/models"_s;
    QTest::newRow("malformed escape in the query") << u"v1/x?q=%zz"_s;
    QTest::newRow("lone percent in the query") << u"v1/x?q=%"_s;
    QTest::newRow("raw LF in the query") << u"v1/x?q=a\nHost: evil"_s;
    QTest::newRow("raw CR in the fragment") << u"v1/x#a\rb"_s;
    QTest::newRow("too long with the query") << QString(u"v1/x?q="_s + QString(proxy::kMaxPathLength, u'a'));
}

void TestProxyQuery::pathBeforeQueryIsStillGuarded()
{
    QFETCH(QString, input);
    const proxy::PathCheck check = proxy::checkPath(input);
    QVERIFY2(!check.ok, qPrintable(check.path + u'?' + check.query));
    QVERIFY(!check.error.isEmpty());
    QVERIFY(check.path.isEmpty());
    QVERIFY(check.query.isEmpty());
}

void TestProxyQuery::mergesWithQueryParams_data()
{
    QTest::addColumn<QString>("pathQuery");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("expected");
    QTest::newRow("neither") << QString() << "{}"_ba << QString();
    QTest::newRow("path only") << u"x=1"_s << "{}"_ba << u"x=1"_s;
    QTest::newRow("params only") << QString() << R"({"size":"512x512","n":2})"_ba << u"n=2&size=512x512"_s;
    QTest::newRow("path first, then params") << u"x=1"_s << R"({"a":"2"})"_ba << u"x=1&a=2"_s;
    // query_params wins a duplicate key: every path item with that key goes.
    QTest::newRow("duplicate key") << u"size=1&x=1&size=2"_s << R"({"size":"3"})"_ba << u"x=1&size=3"_s;
    QTest::newRow("duplicate key, encoded in the path") << u"si%7Ae=1&x=2"_s << R"({"size":"3"})"_ba
                                                        << u"x=2&size=3"_s;
    QTest::newRow("repeated key in the path kept") << u"tag=a&tag=b"_s << "{}"_ba << u"tag=a&tag=b"_s;
    QTest::newRow("repeated key in params kept") << QString() << R"({"tag":["a","b"]})"_ba << u"tag=a&tag=b"_s;
    QTest::newRow("empty items dropped") << u"&&x=1&&"_s << "{}"_ba << u"x=1"_s;
    QTest::newRow("item without value kept") << u"flag&x="_s << "{}"_ba << u"flag&x="_s;
    QTest::newRow("path escapes kept") << u"q=a+b%2Bc%26d"_s << "{}"_ba << u"q=a+b%2Bc%26d"_s;
    QTest::newRow("question mark in a path value") << u"q=why?"_s << "{}"_ba << u"q=why?"_s;
    QTest::newRow("params escaped") << QString() << R"({"q":"a b&c=d+e"})"_ba << u"q=a%20b%26c%3Dd%2Be"_s;
    QTest::newRow("params scalars") << QString() << R"({"n":2,"t":0.1,"b":true,"z":null,"o":{}})"_ba
                                    << u"b=true&n=2&t=0.1"_s;
}

void TestProxyQuery::mergesWithQueryParams()
{
    QFETCH(QString, pathQuery);
    QFETCH(QByteArray, params);
    const QJsonObject queryParams = QJsonDocument::fromJson(params).object();
    QTEST(wireQuery(proxy::localQuery(pathQuery, queryParams)), "expected");
}

QTEST_GUILESS_MAIN(TestProxyQuery)
#include "tst_proxyquery.moc"
