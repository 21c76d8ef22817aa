// ChunkedDecoder on its own: the same body, the same verdict and the same bytes left over
// however the chunked body is split across reads, and body pieces that point into the input.
#include "local/chunkeddecoder.h"

#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

struct Decoded
{
    QByteArray body;
    bool done = false;
    ChunkedDecoder::Error error = ChunkedDecoder::Error::None;
    qsizetype leftover = 0;
    int pieces = 0;

    bool sameAs(const Decoded &other) const
    {
        return body == other.body && done == other.done && error == other.error && leftover == other.leftover;
    }
};

Decoded decode(const QByteArray &input, const QList<qsizetype> &cuts, qsizetype maxLine)
{
    ChunkedDecoder decoder(maxLine);
    Decoded out;
    QByteArray buffer;
    qsizetype from = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qsizetype to = i < cuts.size() ? cuts.at(i) : input.size();
        buffer += input.sliced(from, to - from);
        from = to;
        for (;;) {
            const ChunkedDecoder::Step step = decoder.next(buffer);
            if (step.status == ChunkedDecoder::Status::Data) {
                if (step.data.data() != buffer.constData() + step.consumed - step.data.size())
                    qFatal("a body piece that is not the tail of what the step consumed");
                out.body += step.data;
                ++out.pieces;
            }
            buffer.remove(0, step.consumed);
            if (step.status == ChunkedDecoder::Status::Error || step.status == ChunkedDecoder::Status::Done) {
                out.done = step.status == ChunkedDecoder::Status::Done;
                out.error = decoder.error();
                out.leftover = buffer.size() + input.size() - from;
                return out;
            }
            if (step.status == ChunkedDecoder::Status::NeedMore)
                break;
        }
    }
    out.leftover = buffer.size();
    return out;
}

} // namespace

class TestChunkedDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void anySplit_data();
    void anySplit();
    void resetDecodesAnotherBody();
};

void TestChunkedDecoder::anySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("done");
    QTest::addColumn<int>("error"); // a ChunkedDecoder::Error
    QTest::addColumn<int>("leftover");

    // The errors as the column's ints.
    constexpr int None = int(ChunkedDecoder::Error::None);
    constexpr int LineTooLong = int(ChunkedDecoder::Error::LineTooLong);
    constexpr int BadChunkSize = int(ChunkedDecoder::Error::BadChunkSize);
    constexpr int ChunkSizeTooLarge = int(ChunkedDecoder::Error::ChunkSizeTooLarge);
    constexpr int MissingCrlf = int(ChunkedDecoder::Error::MissingCrlf);
    QTest::newRow("two chunks") << "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"_ba << 4096 << "abcde"_ba << true << None << 0;
    QTest::newRow("extension, spaces, case, zeros")
        << "00A ;name=\"v\"\r\n0123456789\r\nf\t\r\nfifteen bytes!!\r\n0\r\n\r\n"_ba << 4096
        << "0123456789fifteen bytes!!"_ba << true << None << 0;
    QTest::newRow("trailers, then the next message")
        << "1\r\nx\r\n0\r\nA: 1\r\nB: 2\r\n\r\nNEXT"_ba << 4096 << "x"_ba << true << None << 4;
    QTest::newRow("CR and LF inside data")
        << "4\r\n\r\n\r\n\r\n0\r\n\r\n"_ba << 4096 << "\r\n\r\n"_ba << true << None << 0;
    QTest::newRow("incomplete") << "5\r\nhel"_ba << 4096 << "hel"_ba << false << None << 0;
    QTest::newRow("empty size line") << "\r\nabc"_ba << 4096 << QByteArray() << false << BadChunkSize << 5;
    QTest::newRow("sign") << "+5\r\nhello\r\n"_ba << 4096 << QByteArray() << false << BadChunkSize << 11;
    QTest::newRow("hex prefix") << "0x5\r\nhello\r\n"_ba << 4096 << QByteArray() << false << BadChunkSize << 12;
    QTest::newRow("15 digits is the most")
        << "0000100000000000000\r\n"_ba << 4096 << QByteArray() << false << None << 0;
    QTest::newRow("16 digits is absurd") << "1000000000000000\r\n"_ba << 4096 << QByteArray() << false
                                         << ChunkSizeTooLarge << 18;
    QTest::newRow("data then junk") << "1\r\nab\r\n"_ba << 4096 << "a"_ba << false << MissingCrlf << 3;
    QTest::newRow("data then CR junk") << "1\r\na\rb"_ba << 4096 << "a"_ba << false << MissingCrlf << 2;
    QTest::newRow("line at the limit") << "1;xxxxxx\r\na\r\n0\r\n\r\n"_ba << 8 << "a"_ba << true << None << 0;
    QTest::newRow("line over the limit") << "1;xxxxxxx\r\na\r\n0\r\n\r\n"_ba << 8 << QByteArray() << false
                                         << LineTooLong << 19;
    QTest::newRow("line over the limit, ends in CR") << "1;xxxxxx\r"_ba << 8 << QByteArray() << false << None << 9;
    QTest::newRow("trailer over the limit")
        << "0\r\nA: 123456\r\n\r\n"_ba << 8 << QByteArray() << false << LineTooLong << 13;
}

void TestChunkedDecoder::anySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(QByteArray, body);
    QFETCH(bool, done);
    QFETCH(int, error);
    QFETCH(int, leftover);

    const Decoded whole = decode(input, {}, maxLine);
    QCOMPARE(whole.body, body);
    QCOMPARE(whole.done, done);
    QCOMPARE(int(whole.error), error);
    QCOMPARE(whole.leftover, leftover);

    QList<QList<qsizetype>> ways;
    for (qsizetype i = 0; i <= input.size(); ++i) {
        for (qsizetype j = i; j <= input.size(); ++j)
            ways.append(QList<qsizetype> {i, j});
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    ways.append(everyByte);
    for (const auto &cuts : std::as_const(ways)) {
        const Decoded split = decode(input, cuts, maxLine);
        QVERIFY2(split.sameAs(whole),
                 qPrintable(u"cuts %1: body '%2' done %3 error %4 leftover %5"_s
                                .arg(cuts.size() > 2 ? u"every byte"_s : u"%1,%2"_s.arg(cuts.first()).arg(cuts.last()))
                                .arg(QString::fromLatin1(split.body))
                                .arg(split.done)
                                .arg(int(split.error))
                                .arg(split.leftover)));
    }
}

void TestChunkedDecoder::resetDecodesAnotherBody()
{
    ChunkedDecoder decoder;
    QByteArray input = "2\r\nok\r\n0\r\n\r\n";
    QCOMPARE(decoder.next(input).status, ChunkedDecoder::Status::Data);
    QCOMPARE(decoder.next(QByteArrayView(input).sliced(5)).status, ChunkedDecoder::Status::Done);
    QVERIFY(decoder.isDone());
    QCOMPARE(decoder.next("1\r\nx\r\n").status, ChunkedDecoder::Status::Done); // stays done until reset
    decoder.reset();
    const ChunkedDecoder::Step step = decoder.next("1\r\nx\r\n");
    QCOMPARE(step.status, ChunkedDecoder::Status::Data);
    QCOMPARE(step.data, "x");
    QCOMPARE(step.consumed, 4);
    QVERIFY(!decoder.isDone());
    QCOMPARE(decoder.next("zz").status, ChunkedDecoder::Status::Error);
    QCOMPARE(decoder.error(), ChunkedDecoder::Error::MissingCrlf);
    QVERIFY(decoder.errorString().contains(u"CRLF"_s));
}

QTEST_APPLESS_MAIN(TestChunkedDecoder)
#include "tst_chunkeddecoder.moc"
