#include "work/proxyguard.h"

#include <QJsonDocument>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

QJsonObject object(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// Header lists as "name: value" lines, which read well in a failure message.
QByteArray lines(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray text;
    for (const auto &[name, value] : headers)
        text += name + ": " + value + '\n';
    return text;
}

} // namespace

class TestProxyGuard final : public QObject
{
    Q_OBJECT

private slots:
    void acceptsPaths_data();
    void acceptsPaths();
    void rejectsPaths_data();
    void rejectsPaths();
    void honoursAllowlist_data();
    void honoursAllowlist();
    void lengthLimit();
    void methods_data();
    void methods();
    void requestHeaders_data();
    void requestHeaders();
    void requestHeaderNumbers();
    void requestHeaderCountLimit();
    void requestHeaderByteLimit_data();
    void requestHeaderByteLimit();
    void responseHeaders_data();
    void responseHeaders();
    void responseHeadersReadOnlyTheCappedPart();
    void contentTypes_data();
    void contentTypes();
};

void TestProxyGuard::acceptsPaths_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("path");
    QTest::newRow("models") << u"v1/models"_s << u"v1/models"_s;
    QTest::newRow("leading slash") << u"/v1/images/generations"_s << u"v1/images/generations"_s;
    QTest::newRow("coderai") << u"coderai/capabilities"_s << u"coderai/capabilities"_s;
    QTest::newRow("encoded space") << u"v1/files/a%20b.png"_s << u"v1/files/a%20b.png"_s;
    QTest::newRow("punctuation") << u"v1/a-b_c.d/e"_s << u"v1/a-b_c.d/e"_s;
    QTest::newRow("prefix alone") << u"v1"_s << u"v1"_s;
    QTest::newRow("prefix with slash") << u"/v1/"_s << u"v1/"_s;
    QTest::newRow("trailing slash") << u"v1/models/"_s << u"v1/models/"_s;
    QTest::newRow("colon after first segment") << u"v1/models/llama3:8b"_s << u"v1/models/llama3:8b"_s;
    QTest::newRow("sub-delims") << u"v1/x/a,b;c=d!$&'()*+@~"_s << u"v1/x/a,b;c=d!$&'()*+@~"_s;
    QTest::newRow("raw space escaped") << u"v1/files/a b.png"_s << u"v1/files/a%20b.png"_s;
    QTest::newRow("raw UTF-8 escaped") << u"v1/files/\u00e9\u4e16.png"_s << u"v1/files/%C3%A9%E4%B8%96.png"_s;
    QTest::newRow("raw brackets escaped") << u"v1/x/[a]{b}|\"<>^`"_s << u"v1/x/%5Ba%5D%7Bb%7D%7C%22%3C%3E%5E%60"_s;
    QTest::newRow("literal percent") << u"v1/files/100%25.png"_s << u"v1/files/100%25.png"_s;
    QTest::newRow("double-encoded space") << u"v1/files/a%2520b"_s << u"v1/files/a%2520b"_s;
    QTest::newRow("encoded UTF-8") << u"v1/files/%C3%A9"_s << u"v1/files/%C3%A9"_s;
    QTest::newRow("encoded question mark") << u"v1/files/why%3F"_s << u"v1/files/why%3F"_s;
    QTest::newRow("dots with letters") << u"v1/x/...a/.hidden/a..b"_s << u"v1/x/...a/.hidden/a..b"_s;
    QTest::newRow("deep") << u"coderai/studio/jobs/123/result"_s << u"coderai/studio/jobs/123/result"_s;
}

void TestProxyGuard::acceptsPaths()
{
    QFETCH(QString, input);
    const proxy::PathCheck check = proxy::checkPath(input);
    QVERIFY2(check.ok, qPrintable(check.error));
    QVERIFY(check.error.isEmpty());
    QTEST(check.path, "path");
    // What we produce must survive QUrl's strict parser unchanged.
    QUrl url(u"http://127.0.0.1:8080/"_s);
    url.setPath(u'/' + check.path, QUrl::StrictMode);
    QVERIFY(url.isValid());
    QCOMPARE(url.path(QUrl::FullyEncoded).sliced(1).toUpper(), check.path.toUpper());
}

void TestProxyGuard::rejectsPaths_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << QString();
    QTest::newRow("slash only") << u"/"_s;
    QTest::newRow("authority") << u"//x/"_s;
    QTest::newRow("authority v1") << u"//evil.example/v1/models"_s;
    QTest::newRow("three slashes") << u"///v1/models"_s;
    QTest::newRow("http scheme") << u"http://x/"_s;
    QTest::newRow("https scheme") << u"https://evil.example/v1/models"_s;
    QTest::newRow("file scheme") << u"file:"_s;
    QTest::newRow("file url") << u"file:///etc/passwd"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s;
    QTest::newRow("drive letter") << u"C:/Windows"_s;
    QTest::newRow("scheme with slash") << u"/v1:x/models"_s;
    QTest::newRow("UNC") << u"\\\\x\\share"_s;
    QTest::newRow("backslash") << u"v1\\models"_s;
    QTest::newRow("backslash dotdot") << u"v1/..\\..\\x"_s;
    QTest::newRow("dotdot") << u"v1/../x"_s;
    QTest::newRow("dotdot first") << u"../v1/models"_s;
    QTest::newRow("dotdot last") << u"v1/models/.."_s;
    QTest::newRow("dot") << u"v1/./models"_s;
    QTest::newRow("dot first") << u"./v1/models"_s;
    QTest::newRow("dot last") << u"v1/."_s;
    QTest::newRow("encoded dotdot") << u"v1/%2e%2e/x"_s;
    QTest::newRow("encoded dotdot upper") << u"v1/%2E%2E/x"_s;
    QTest::newRow("half encoded 1") << u"v1/%2E./x"_s;
    QTest::newRow("half encoded 2") << u"v1/.%2e/x"_s;
    QTest::newRow("encoded dot") << u"v1/%2e/x"_s;
    QTest::newRow("double encoded") << u"v1/%252e%252e/x"_s;
    QTest::newRow("double encoded upper") << u"v1/%252E%252E/x"_s;
    QTest::newRow("triple encoded") << u"v1/%25252e%25252e/x"_s;
    QTest::newRow("encoded percent then hex") << u"v1/%25%32%65%25%32%65/x"_s;
    QTest::newRow("overlong dot") << u"v1/%c0%ae%c0%ae/x"_s;
    QTest::newRow("invalid UTF-8") << u"v1/%ff"_s;
    QTest::newRow("three dots") << u"v1/.../x"_s;
    QTest::newRow("dots and space") << u"v1/.. /x"_s;
    QTest::newRow("dots and encoded space") << u"v1/..%20/x"_s;
    QTest::newRow("fullwidth dots") << u"v1/\uff0e\uff0e/x"_s;
    QTest::newRow("encoded fullwidth dots") << u"v1/%EF%BC%8E%EF%BC%8E/x"_s;
    QTest::newRow("fullwidth slash") << u"v1/a\uff0fb"_s;
    QTest::newRow("encoded slash") << u"v1/a%2fb"_s;
    QTest::newRow("encoded slash upper") << u"v1/a%2Fb"_s;
    QTest::newRow("encoded dotdot slash") << u"v1/..%2f..%2fx"_s;
    QTest::newRow("double encoded slash") << u"v1/a%252fb"_s;
    QTest::newRow("encoded backslash") << u"v1/a%5cb"_s;
    QTest::newRow("encoded backslash upper") << u"v1/a%5Cb"_s;
    QTest::newRow("double encoded backslash") << u"v1/a%255cb"_s;
    QTest::newRow("raw LF") << u"v1/a\nb"_s;
    QTest::newRow("raw CR") << u"v1/a\rb"_s;
    QTest::newRow("raw tab") << u"v1/a\tb"_s;
    QTest::newRow("raw NUL") << QString(u"v1/a"_s + QChar(0) + u"b"_s);
    QTest::newRow("raw DEL") << u"v1/a\x7f"_s;
    QTest::newRow("raw C1") << u"v1/a\u0085b"_s;
    QTest::newRow("encoded NUL") << u"v1/a%00b"_s;
    QTest::newRow("encoded CRLF") << u"v1/a%0d%0aX-Injected:%20yes"_s;
    QTest::newRow("encoded CRLF upper") << u"v1/a%0D%0A"_s;
    QTest::newRow("encoded 1f") << u"v1/a%1f"_s;
    QTest::newRow("encoded DEL") << u"v1/a%7f"_s;
    QTest::newRow("encoded DEL upper") << u"v1/a%7F"_s;
    QTest::newRow("double encoded NUL") << u"v1/a%2500"_s;
    QTest::newRow("encoded C1") << u"v1/a%C2%85"_s;
    // A '?' or '#' splits the input; what precedes it is checked as above (tst_proxyquery).
    QTest::newRow("malformed escape") << u"v1/%zz"_s;
    QTest::newRow("short escape") << u"v1/a%2"_s;
    QTest::newRow("lone percent") << u"v1/a%"_s;
    QTest::newRow("IIS unicode escape") << u"v1/%u002e%u002e/x"_s;
    QTest::newRow("empty segment") << u"v1//models"_s;
    QTest::newRow("two trailing slashes") << u"v1/models//"_s;
    QTest::newRow("other version") << u"v2/models"_s;
    QTest::newRow("longer first segment") << u"v10/x"_s;
    QTest::newRow("prefix as substring") << u"coderaix/capabilities"_s;
    QTest::newRow("case differs") << u"V1/models"_s;
    QTest::newRow("encoded prefix") << u"v%31/models"_s;
    QTest::newRow("not allowed") << u"admin/shutdown"_s;
    QTest::newRow("lone surrogate") << QString(u"v1/a"_s + QChar(0xd800));
    QTest::newRow("too long") << QString(u"v1/"_s + QString(proxy::kMaxPathLength, u'a'));
}

void TestProxyGuard::rejectsPaths()
{
    QFETCH(QString, input);
    const proxy::PathCheck check = proxy::checkPath(input);
    QVERIFY2(!check.ok, qPrintable(check.path));
    QVERIFY(!check.error.isEmpty());
    QVERIFY(check.path.isEmpty());
}

void TestProxyGuard::honoursAllowlist_data()
{
    QTest::addColumn<QStringList>("prefixes");
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    const QStringList studio {u"coderai/studio/"_s};
    QTest::newRow("deep prefix") << studio << u"coderai/studio/jobs"_s << true;
    QTest::newRow("deep prefix exact") << studio << u"coderai/studio"_s << true;
    QTest::newRow("deep prefix sibling") << studio << u"coderai/capabilities"_s << false;
    QTest::newRow("deep prefix partial") << studio << u"coderai/studiox/a"_s << false;
    QTest::newRow("prefix with slashes") << QStringList {u"/v1"_s} << u"v1/models"_s << true;
    QTest::newRow("prefix without slash") << QStringList {u"api"_s} << u"/api/tags"_s << true;
    QTest::newRow("default not implied") << QStringList {u"api/"_s} << u"v1/models"_s << false;
    QTest::newRow("empty list") << QStringList() << u"v1/models"_s << false;
    QTest::newRow("empty prefix ignored") << QStringList {QString(), u"/"_s} << u"v1/models"_s << false;
}

void TestProxyGuard::honoursAllowlist()
{
    QFETCH(QStringList, prefixes);
    QFETCH(QString, input);
    const proxy::PathCheck check = proxy::checkPath(input, prefixes);
    QTEST(check.ok, "ok");
    QCOMPARE(check.error.isEmpty(), check.ok);
}

void TestProxyGuard::lengthLimit()
{
    const QString longest = u"v1/"_s + QString(proxy::kMaxPathLength - 3, u'a');
    QCOMPARE(longest.size(), proxy::kMaxPathLength);
    QVERIFY(proxy::checkPath(longest).ok);
    QVERIFY(!proxy::checkPath(longest + u'a').ok);
}

void TestProxyGuard::methods_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("normalized");
    QTest::newRow("GET") << u"GET"_s << "GET"_ba;
    QTest::newRow("get") << u"get"_s << "GET"_ba;
    QTest::newRow("Post") << u"Post"_s << "POST"_ba;
    QTest::newRow("pUt") << u"pUt"_s << "PUT"_ba;
    QTest::newRow("patch") << u"patch"_s << "PATCH"_ba;
    QTest::newRow("DELETE") << u"DELETE"_s << "DELETE"_ba;
    QTest::newRow("HEAD") << u"HEAD"_s << QByteArray();
    QTest::newRow("OPTIONS") << u"OPTIONS"_s << QByteArray();
    QTest::newRow("TRACE") << u"TRACE"_s << QByteArray();
    QTest::newRow("CONNECT") << u"CONNECT"_s << QByteArray();
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("leading space") << u" GET"_s << QByteArray();
    QTest::newRow("trailing space") << u"GET "_s << QByteArray();
    QTest::newRow("inner space") << u"GE T"_s << QByteArray();
    QTest::newRow("newline") << u"GET\n"_s << QByteArray();
    QTest::newRow("request line") << u"GET / HTTP/1.1"_s << QByteArray();
    QTest::newRow("long s folds to s") << u"PO\u017fT"_s << QByteArray();
    QTest::newRow("prefix") << u"GETS"_s << QByteArray();
}

void TestProxyGuard::methods()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, normalized);
    QCOMPARE(proxy::normalizedMethod(method), normalized);
    QCOMPARE(proxy::isAllowedMethod(method), !normalized.isEmpty());
}

void TestProxyGuard::requestHeaders_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << "{}"_ba << QByteArray();
    QTest::newRow("ordinary kept, lower-cased")
        << R"({"Content-Type":"application/json","Accept":"text/event-stream","X-Request-Id":"abc"})"_ba
        << "accept: text/event-stream\ncontent-type: application/json\nx-request-id: abc\n"_ba;
    QTest::newRow("hop-by-hop dropped")
        << R"({"Connection":"close","Keep-Alive":"timeout=5","Proxy-Authenticate":"Basic","Proxy-Authorization":"Basic eA==","TE":"trailers","Trailer":"X","Transfer-Encoding":"chunked","Upgrade":"websocket","Proxy-Connection":"keep-alive","Accept":"*/*"})"_ba
        << "accept: */*\n"_ba;
    QTest::newRow("connection names more")
        << R"({"connection":"X-Secret, x-other ,keep-alive","X-Secret":"1","X-OTHER":"2","X-Kept":"3"})"_ba
        << "x-kept: 3\n"_ba;
    QTest::newRow("connection in any case, names in any case")
        << R"({"CONNECTION":"x-A","Connection":"X-b,,","x-a":"1","X-B":"2","TrAnSfEr-EnCoDiNg":"chunked","x-c":"3"})"_ba
        << "x-c: 3\n"_ba;
    QTest::newRow("host, length, cookie, authorization dropped")
        << R"({"Host":"evil.example","Content-Length":"5","Cookie":"a=b","Authorization":"Bearer sk-buyer","AUTHORIZATION":"x","User-Agent":"ua"})"_ba
        << "user-agent: ua\n"_ba;
    QTest::newRow("x-coderai dropped")
        << R"({"x-coderai-registration-token":"t","X-CoderAI-Provider-Id":"p","X-CODERAI-anything":"z","x-coderai":"y","X-Coder":"kept"})"_ba
        << "x-coder: kept\n"_ba;
    QTest::newRow("CR or LF in value dropped")
        << R"({"X-A":"a\r\nX-Injected: yes","X-B":"b\n","X-C":"c\r","X-D":"\nd","X-E":"fine"})"_ba
        << "x-e: fine\n"_ba;
    QTest::newRow("other controls dropped, tab kept") << R"({"X-A":"a\u0000b","X-B":"a\u007fb","X-C":"a\tb"})"_ba
                                                      << "x-c: a\tb\n"_ba;
    QTest::newRow("invalid names dropped")
        << R"j({"Bad Name":"1","a:b":"2","":"3","caf\u00e9":"4","x\r\ny":"5","(x)":"6","ok-name_1.2~":"7"})j"_ba
        << "ok-name_1.2~: 7\n"_ba;
    QTest::newRow("non-strings")
        << R"({"X-Int":42,"X-Neg":-7,"X-Frac":1.5,"X-Bool":true,"X-Null":null,"X-Arr":["a"],"X-Obj":{"a":1}})"_ba
        << "x-frac: 1.5\nx-int: 42\nx-neg: -7\n"_ba;
    QTest::newRow("case duplicates joined") << R"({"Accept":"a","accept":"b"})"_ba
                                            << "accept: a, b\n"_ba;
    QTest::newRow("value trimmed") << R"({"X-A":"  spaced \t"})"_ba
                                   << "x-a: spaced\n"_ba;
    QTest::newRow("empty value kept") << R"({"X-Empty":""})"_ba
                                      << "x-empty: \n"_ba;
    QTest::newRow("UTF-8 value") << R"({"X-Name":"caf\u00e9"})"_ba
                                 << "x-name: caf\xC3\xA9\n"_ba;
}

void TestProxyGuard::requestHeaders()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    const proxy::RequestHeaders result = proxy::requestHeaders(object(json));
    QVERIFY(result.ok);
    QCOMPARE(result.error, QString());
    QCOMPARE(lines(result.headers), expected);
}

void TestProxyGuard::requestHeaderNumbers()
{
    QJsonObject headers;
    headers.insert(u"X-Big"_s, qint64(9007199254740993));
    headers.insert(u"X-Zero"_s, 0);
    headers.insert(u"X-Tiny"_s, 1e-7);
    QCOMPARE(lines(proxy::requestHeaders(headers).headers), "x-big: 9007199254740993\nx-tiny: 1e-07\nx-zero: 0\n"_ba);
}

void TestProxyGuard::requestHeaderCountLimit()
{
    QJsonObject headers;
    for (int i = 0; i < 200; ++i)
        headers.insert(u"x-h%1"_s.arg(qlonglong(i), 3, 10, QChar(u'0')), u"v"_s);
    const proxy::RequestHeaders fits = proxy::requestHeaders(headers);
    QVERIFY(fits.ok);
    QCOMPARE(fits.headers.size(), 200);
    QCOMPARE(fits.headers.first(), qMakePair("x-h000"_ba, "v"_ba));
    QCOMPARE(fits.headers.last(), qMakePair("x-h199"_ba, "v"_ba));

    // The 201st is a header dropped anyway: the count is of what the buyer sent.
    headers.insert(u"Cookie"_s, u"a=b"_s);
    const proxy::RequestHeaders refused = proxy::requestHeaders(headers);
    QVERIFY(!refused.ok);
    QVERIFY(refused.headers.isEmpty());
    QCOMPARE(refused.error, u"The proxy request has 201 headers; at most 200 are allowed."_s);
}

void TestProxyGuard::requestHeaderByteLimit_data()
{
    // Names and values in UTF-8 bytes, 64 KiB = 65,536 of them at most.
    QTest::addColumn<QJsonObject>("headers");
    QTest::addColumn<QString>("error");
    const QString big = QString(65'531, u'a');
    QTest::newRow("65,536 in one header") << QJsonObject{{u"x-big"_s, big}} << QString();
    QTest::newRow("65,537 in one header")
        << QJsonObject{{u"x-big"_s, QString(big + u'a')}}
        << u"The proxy request's header names and values are 65537 bytes; at most 65536 are allowed."_s;
    // "\u00e9" is two bytes in UTF-8.
    QTest::newRow("65,536 with a two-byte character")
        << QJsonObject{{u"x-big"_s, QString(big.first(65'529) + u"\u00e9"_s)}} << QString();
    QTest::newRow("65,537 with a two-byte character")
        << QJsonObject{{u"x-big"_s, QString(big.first(65'530) + u"\u00e9"_s)}}
        << u"The proxy request's header names and values are 65537 bytes; at most 65536 are allowed."_s;
    // Spread over two headers, names counted too: 3 + 32,765 + 3 + 32,765.
    QTest::newRow("65,536 over two headers")
        << QJsonObject{{u"x-a"_s, big.first(32'765)}, {u"x-b"_s, big.first(32'765)}} << QString();
    QTest::newRow("65,537 over two headers")
        << QJsonObject{{u"x-a"_s, big.first(32'765)}, {u"x-bb"_s, big.first(32'765)}}
        << u"The proxy request's header names and values are 65537 bytes; at most 65536 are allowed."_s;
}

void TestProxyGuard::requestHeaderByteLimit()
{
    QFETCH(QJsonObject, headers);
    QFETCH(QString, error);
    const proxy::RequestHeaders result = proxy::requestHeaders(headers);
    QCOMPARE(result.error, error);
    QCOMPARE(result.ok, error.isEmpty());
    QCOMPARE(result.headers.size(), error.isEmpty() ? headers.size() : 0);
}

void TestProxyGuard::responseHeaders_data()
{
    using Raw = QList<QPair<QByteArray, QByteArray>>;
    QTest::addColumn<Raw>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << Raw() << "{}"_ba;
    QTest::newRow("ordinary") << Raw {{"Content-Type"_ba, "application/json"_ba}, {"X-Request-Id"_ba, "r1"_ba}}
                              << R"({"content-type":"application/json","x-request-id":"r1"})"_ba;
    QTest::newRow("dropped") << Raw {{"Set-Cookie"_ba, "a=b"_ba},
                                     {"set-cookie"_ba, "c=d"_ba},
                                     {"Set-Cookie2"_ba, "e=f"_ba},
                                     {"Content-Length"_ba, "12"_ba},
                                     {"Content-Encoding"_ba, "gzip"_ba},
                                     {"Transfer-Encoding"_ba, "chunked"_ba},
                                     {"Connection"_ba, "keep-alive, X-Hop"_ba},
                                     {"Keep-Alive"_ba, "timeout=5"_ba},
                                     {"X-Hop"_ba, "1"_ba},
                                     {"Upgrade"_ba, "h2c"_ba},
                                     {"Trailer"_ba, "X"_ba},
                                     {"Content-Type"_ba, "text/plain"_ba}}
                             << R"({"content-type":"text/plain"})"_ba;
    QTest::newRow("repeats joined") << Raw {{"Vary"_ba, "Accept"_ba}, {"vary"_ba, "Origin"_ba}, {"VARY"_ba, "X"_ba}}
                                    << R"({"vary":"Accept, Origin, X"})"_ba;
    QTest::newRow("UTF-8 and Latin-1") << Raw {{"X-U"_ba, "caf\xC3\xA9"_ba}, {"X-L"_ba, "caf\xE9"_ba}}
                                       << R"({"x-l":"caf\u00e9","x-u":"caf\u00e9"})"_ba;
    QTest::newRow("disposition kept") << Raw {{"Content-Disposition"_ba, "attachment; filename=\"a.png\""_ba}}
                                      << R"({"content-disposition":"attachment; filename=\"a.png\""})"_ba;
}

void TestProxyGuard::responseHeaders()
{
    QFETCH(QByteArray, expected);
    using Raw = QList<QPair<QByteArray, QByteArray>>;
    QFETCH(Raw, raw);
    QCOMPARE(proxy::responseHeaders(raw), object(expected));
}

void TestProxyGuard::responseHeadersReadOnlyTheCappedPart()
{
    using Raw = QList<QPair<QByteArray, QByteArray>>;
    // 50,000 repeats of one name, as a hostile local server sends them: the first 200 are read.
    const Raw repeats(50'000, {"a"_ba, "b"_ba});
    QStringList twoHundred(200, u"b"_s);
    QCOMPARE(proxy::responseHeaders(repeats), QJsonObject({{u"a"_s, twoHundred.join(u", "_s)}}));

    // By bytes: a header that would take the names and values past 64 KiB is not read.
    const Raw large{{"x-a"_ba, QByteArray(65'529, 'v')}, {"x-b"_ba, "1"_ba}, {"x-c"_ba, "2"_ba}};
    const QJsonObject read = proxy::responseHeaders(large);
    QCOMPARE(read.keys(), QStringList({u"x-a"_s, u"x-b"_s}));
}

void TestProxyGuard::contentTypes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("text");
    QTest::addColumn<bool>("json");
    QTest::addColumn<bool>("eventStream");
    QTest::newRow("json") << "application/json"_ba << true << true << false;
    QTest::newRow("json charset") << "application/json; charset=utf-8"_ba << true << true << false;
    QTest::newRow("json upper spaced") << "  Application/JSON ;charset=UTF-8"_ba << true << true << false;
    QTest::newRow("problem+json") << "application/problem+json"_ba << true << true << false;
    QTest::newRow("vnd+json") << "application/vnd.api+json"_ba << true << true << false;
    QTest::newRow("ndjson") << "application/x-ndjson"_ba << true << false << false;
    QTest::newRow("ndjson registered") << "application/ndjson"_ba << true << false << false;
    QTest::newRow("plain") << "text/plain; charset=utf-8"_ba << true << false << false;
    QTest::newRow("html") << "text/html"_ba << true << false << false;
    QTest::newRow("event stream") << "text/event-stream"_ba << true << false << true;
    QTest::newRow("event stream params") << "Text/Event-Stream; charset=utf-8"_ba << true << false << true;
    QTest::newRow("xml") << "application/xml"_ba << true << false << false;
    QTest::newRow("atom+xml") << "application/atom+xml"_ba << true << false << false;
    QTest::newRow("javascript") << "application/javascript"_ba << true << false << false;
    QTest::newRow("png") << "image/png"_ba << false << false << false;
    QTest::newRow("svg") << "image/svg+xml"_ba << false << false << false;
    QTest::newRow("octet") << "application/octet-stream"_ba << false << false << false;
    QTest::newRow("wav") << "audio/wav"_ba << false << false << false;
    QTest::newRow("multipart") << "multipart/form-data; boundary=x"_ba << false << false << false;
    QTest::newRow("json lookalike") << "application/jsonx"_ba << false << false << false;
    QTest::newRow("json in parameter") << "image/png; x=application/json"_ba << false << false << false;
    QTest::newRow("empty") << QByteArray() << false << false << false;
}

void TestProxyGuard::contentTypes()
{
    QFETCH(QByteArray, contentType);
    QTEST(proxy::isTextContentType(contentType), "text");
    QTEST(proxy::isJsonContentType(contentType), "json");
    QTEST(proxy::isEventStream(contentType), "eventStream");
}

QTEST_GUILESS_MAIN(TestProxyGuard)
#include "tst_proxyguard.moc"
