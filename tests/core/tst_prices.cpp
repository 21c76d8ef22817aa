// Money in micro-units: the seller's typed prices read exactly (English and Italian), shown back
// the locale's way, estimates rounded once with no drift over millions of requests, per-model
// prices falling back to the defaults unit by unit, the models.list pricing strings, and the
// prices' round trip through the settings file with model ids no key could hold.
#include "config/settings.h"
#include "ledger/money.h"
#include "ledger/prices.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace coderai;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coderai::money::ParseError)

namespace {

const QLocale kEnglish(QLocale::English, QLocale::UnitedStates);
const QLocale kItalian(QLocale::Italian, QLocale::Italy);

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

} // namespace

class TestPrices final : public QObject
{
    Q_OBJECT

private slots:
    void parseAccepts_data();
    void parseAccepts();
    void parseRefuses_data();
    void parseRefuses();
    void formatShowsTheLocalesWay_data();
    void formatShowsTheLocalesWay();
    void formattedPriceParsesBack();
    void earningsRoundHalfUpOnce();
    void earningsDoNotDriftOverMillionsOfRequests();
    void earningsSaturateInsteadOfWrapping();
    void perModelPricesFallBackPerUnit();
    void openRouterPricingIsExactDecimalText();
    void whoSendsPricing();
    void settingsRoundTripWithAwkwardModelIds();
    void defaultPricesWriteNothing();
    void unreadablePricesFallBack();
};

void TestPrices::parseAccepts_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");
    QTest::newRow("whole") << kEnglish << u"12"_s << 12'000'000LL;
    QTest::newRow("cents") << kEnglish << u"0.20"_s << 200'000LL;
    QTest::newRow("no leading digit") << kEnglish << u".5"_s << 500'000LL;
    QTest::newRow("trailing mark") << kEnglish << u"3."_s << 3'000'000LL;
    QTest::newRow("six decimals") << kEnglish << u"0.000001"_s << 1LL;
    QTest::newRow("zeros past six decimals") << kEnglish << u"0.1000000000"_s << 100'000LL;
    QTest::newRow("blanks") << kEnglish << u"  7.25 "_s << 7'250'000LL;
    QTest::newRow("zero") << kEnglish << u"0"_s << 0LL;
    QTest::newRow("largest") << kEnglish << u"1000000000"_s << money::kMaxPriceMicros;
    QTest::newRow("Italian comma") << kItalian << u"1,5"_s << 1'500'000LL;
    QTest::newRow("Italian cents") << kItalian << u"0,20"_s << 200'000LL;
    QTest::newRow("Italian, typed with a point") << kItalian << u"0.20"_s << 200'000LL;
    QTest::newRow("C locale as stored") << QLocale::c() << u"0.333333"_s << 333'333LL;
}

void TestPrices::parseAccepts()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    money::ParseError error = money::ParseError::TooLarge;
    const auto parsed = money::parse(text, locale, &error);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, micros);
    QCOMPARE(error, money::ParseError::None);
}

void TestPrices::parseRefuses_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<money::ParseError>("expected");
    QTest::newRow("empty") << kEnglish << u"  "_s << money::ParseError::Empty;
    QTest::newRow("words") << kEnglish << u"cheap"_s << money::ParseError::NotANumber;
    QTest::newRow("lone mark") << kEnglish << u"."_s << money::ParseError::NotANumber;
    QTest::newRow("two marks") << kEnglish << u"1.2.3"_s << money::ParseError::NotANumber;
    QTest::newRow("exponent") << kEnglish << u"1e-6"_s << money::ParseError::NotANumber;
    QTest::newRow("currency inside") << kEnglish << u"$1"_s << money::ParseError::NotANumber;
    QTest::newRow("English grouping") << kEnglish << u"1,000.50"_s << money::ParseError::NotANumber;
    QTest::newRow("Italian grouping") << kItalian << u"1.000,50"_s << money::ParseError::NotANumber;
    QTest::newRow("negative") << kEnglish << u"-0.20"_s << money::ParseError::Negative;
    QTest::newRow("Unicode minus") << kEnglish << u"\u22121"_s << money::ParseError::Negative;
    QTest::newRow("minus alone") << kEnglish << u"-"_s << money::ParseError::NotANumber;
    QTest::newRow("seven decimals") << kEnglish << u"0.0000001"_s << money::ParseError::TooManyDecimals;
    QTest::newRow("Italian, seven decimals") << kItalian << u"1,2345678"_s << money::ParseError::TooManyDecimals;
    QTest::newRow("past the largest") << kEnglish << u"1000000000.000001"_s << money::ParseError::TooLarge;
    QTest::newRow("a billion and one") << kEnglish << u"1000000001"_s << money::ParseError::TooLarge;
    // Past qint64 altogether: must be refused, not wrapped into a small or negative number.
    QTest::newRow("past 64 bits") << kEnglish << u"99999999999999999999999999"_s << money::ParseError::TooLarge;
}

void TestPrices::parseRefuses()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    QFETCH(money::ParseError, expected);
    money::ParseError error = money::ParseError::None;
    QVERIFY(!money::parse(text, locale, &error).has_value());
    QCOMPARE(error, expected);
}

void TestPrices::formatShowsTheLocalesWay_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << kEnglish << 0LL << u"USD"_s << u"0.00 USD"_s;
    QTest::newRow("cents") << kEnglish << 1'500'000LL << u"USD"_s << u"1.50 USD"_s;
    QTest::newRow("grouped, fine fraction") << kEnglish << 1'234'567'890LL << u"USD"_s << u"1,234.56789 USD"_s;
    QTest::newRow("one micro") << kEnglish << 1LL << u"USD"_s << u"0.000001 USD"_s;
    QTest::newRow("no label") << kEnglish << 12'000'000LL << QString() << u"12.00"_s;
    QTest::newRow("Italian") << kItalian << 1'500'000LL << u"€"_s << u"1,50 €"_s;
    QTest::newRow("Italian, grouped") << kItalian << 1'234'567'890LL << u"EUR"_s << u"1.234,56789 EUR"_s;
}

void TestPrices::formatShowsTheLocalesWay()
{
    QFETCH(QLocale, locale);
    QFETCH(qint64, micros);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(money::format(micros, currency, locale), expected);
}

void TestPrices::formattedPriceParsesBack()
{
    // What the settings dialog shows in a price field: no grouping, so it reads back unchanged.
    for (QLocale locale : {kEnglish, kItalian}) {
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        for (qint64 micros : {0LL, 1LL, 200'000LL, 1'234'567'890LL, money::kMaxPriceMicros}) {
            const QString shown = money::format(micros, QString(), locale);
            QCOMPARE(money::parse(shown, locale), std::optional<qint64>(micros));
        }
    }
    for (qint64 micros : {0LL, 1LL, 200'000LL, 12'000'000LL, money::kMaxPriceMicros})
        QCOMPARE(money::parse(money::toPlainText(micros), QLocale::c()), std::optional<qint64>(micros));
    QCOMPARE(money::toPlainText(200'000), u"0.2"_s);
    QCOMPARE(money::toPlainText(12'000'000), u"12"_s);
}

void TestPrices::earningsRoundHalfUpOnce()
{
    // 0.00001 per 1000 requests is 0.01 micros a request: 50 requests are half a micro, 49 less.
    QCOMPARE(money::earnings(50, 0, 10, 0), 1);
    QCOMPARE(money::earnings(49, 0, 10, 0), 0);
    QCOMPARE(money::earnings(150, 0, 10, 0), 2); // 1.5 → 2
    // The two units are added before the one rounding: 0.4 + 0.4 micros is one micro, where
    // rounding each term would give none.
    QCOMPARE(money::earnings(40, 400'000, 10, 1), 1);
    // Nothing served, or negative counts from a confused caller: nothing earned.
    QCOMPARE(money::earnings(0, 0, 1'000'000, 1'000'000), 0);
    QCOMPARE(money::earnings(-5, -5, 1'000'000, 1'000'000), 0);
}

void TestPrices::earningsDoNotDriftOverMillionsOfRequests()
{
    // 7 million requests of 333 tokens each at 0.00001 per 1000 requests and 0.333333 per
    // million tokens. Exactly: 7e6 × 0.00001 / 1000 = 0.07, and 2,331,000,000 tokens × 0.333333 / 1e6 =
    // 776.999223 (both exact in micros), so 777.069223.
    constexpr qint64 requests = 7'000'000;
    constexpr qint64 tokens = requests * 333;
    QCOMPARE(money::earnings(requests, tokens, 10, 333'333), 777'069'223LL);

    // Why once, at the end: rounded per request (111.009889 micros each, to 111), the same
    // work would come to 777.000000, 0.069223 short, and the gap grows with every request.
    qint64 roundedPerRequest = 0;
    for (qint64 i = 0; i < requests; ++i)
        roundedPerRequest += money::earnings(1, 333, 10, 333'333);
    QCOMPARE(roundedPerRequest, 777'000'000LL);
}

void TestPrices::earningsSaturateInsteadOfWrapping()
{
    QCOMPARE(money::earnings(kMax, kMax, money::kMaxPriceMicros, money::kMaxPriceMicros), kMax);
    // A price past the largest typeable one (a hand-edited file) is clamped, not overflowed.
    QCOMPARE(money::earnings(kMax, kMax, kMax, kMax), kMax);
    // Large but representable: 10^12 tokens at 1000 a million is 10^9 units.
    QCOMPARE(money::earnings(0, 1'000'000'000'000LL, 0, 1'000 * money::kMicrosPerUnit),
             1'000'000'000LL * money::kMicrosPerUnit);
}

void TestPrices::perModelPricesFallBackPerUnit()
{
    PriceSettings prices;
    prices.currency = u"EUR"_s;
    prices.perMillionTokens = 200'000;       // 0.20
    prices.perThousandRequests = 1'500'000;  // 1.50
    prices.models = {
        {u"big/model:70b"_s, 2'000'000, std::nullopt, {}},  // only tokens overridden
        {u"small"_s, std::nullopt, 0, u"free requests"_s},  // only requests, to zero
        {u"both"_s, 1, 2, {}},
    };
    QCOMPARE(prices.pricesFor(u"big/model:70b"_s), (UnitPrices{2'000'000, 1'500'000}));
    QCOMPARE(prices.pricesFor(u"small"_s), (UnitPrices{200'000, 0}));
    QCOMPARE(prices.pricesFor(u"both"_s), (UnitPrices{1, 2}));
    QCOMPARE(prices.pricesFor(u"unlisted"_s), (UnitPrices{200'000, 1'500'000}));
    QCOMPARE(prices.pricesFor(u"BIG/model:70b"_s), (UnitPrices{200'000, 1'500'000})); // ids are exact

    // 2000 requests and 3 million tokens: 3 + 6 = 9.00 on the big model, 0.60 on the small one.
    const ServedUsage served{2000, 3'000'000};
    QCOMPARE(prices.estimate(u"big/model:70b"_s, served), 9'000'000LL);
    QCOMPARE(prices.estimate(u"small"_s, served), 600'000LL);
    QCOMPARE(prices.estimate(u"unlisted"_s, served), 3'600'000LL);
}

void TestPrices::openRouterPricingIsExactDecimalText()
{
    PriceSettings prices;
    prices.currency = u"USD"_s;
    prices.perMillionTokens = 200'000;      // 0.20 per million tokens = 0.0000002 per token
    prices.perThousandRequests = 1'500'000; // 1.50 per 1000 requests = 0.0015 per request
    prices.models = {{u"tiny"_s, 1, 1, {}}, {u"dear"_s, 75'000'000, 0, {}}};
    const QJsonObject expected{{u"prompt"_s, u"0.0000002"_s}, {u"completion"_s, u"0.0000002"_s},
                               {u"request"_s, u"0.0015"_s}};
    QCOMPARE(prices.openRouterPricing(u"any"_s), expected);
    // The smallest price: one micro per million tokens is 10^-12 per token, which a double
    // printed the usual way would show as 1e-12.
    QCOMPARE(prices.openRouterPricing(u"tiny"_s).value(u"prompt"_s).toString(), u"0.000000000001"_s);
    QCOMPARE(prices.openRouterPricing(u"tiny"_s).value(u"request"_s).toString(), u"0.000000001"_s);
    QCOMPARE(prices.openRouterPricing(u"dear"_s).value(u"completion"_s).toString(), u"0.000075"_s);
    QCOMPARE(prices.openRouterPricing(u"dear"_s).value(u"request"_s).toString(), u"0"_s);
    QCOMPARE(money::scaledDecimal(12'000'000'000'000LL, 12), u"12"_s);
    QCOMPARE(money::scaledDecimal(std::numeric_limits<qint64>::min(), 0), u"-9223372036854775808"_s);
}

void TestPrices::whoSendsPricing()
{
    PriceSettings prices;
    QVERIFY(!prices.isSet());
    QVERIFY(!prices.sendsPricing());
    prices.showInModelList = true;
    QVERIFY(!prices.sendsPricing()); // no currency: no prices to show
    for (const QString &usd : {u"USD"_s, u"usd"_s, u" $ "_s, u"US$"_s}) {
        prices.currency = usd;
        QVERIFY2(prices.sendsPricing(), qPrintable(usd));
    }
    for (const QString &other : {u"EUR"_s, u"€"_s, u"USDT"_s}) {
        prices.currency = other;
        QVERIFY2(prices.isSet() && !prices.sendsPricing(), qPrintable(other));
    }
    prices.currency = u"USD"_s;
    prices.showInModelList = false;
    QVERIFY(!prices.sendsPricing());
}

void TestPrices::settingsRoundTripWithAwkwardModelIds()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.ini"_s);
    SellerConfig config;
    config.prices.currency = u"€"_s;
    config.prices.perMillionTokens = 333'333;
    config.prices.perThousandRequests = 1;
    config.prices.showInModelList = true;
    config.prices.models = {
        {u"meta-llama/Llama-3.1-8B-Instruct:Q4_K_M"_s, 1'000'000, std::nullopt, u"Fast, 8k context"_s},
        {u"my model / v2 : final"_s, std::nullopt, 250'000, QString()},
        {u"a=b;c,d \"quoted\" [x] #hash"_s, 0, 0, u"commas, \"quotes\"\nand a newline"_s},
        {u"back\\slash%2Fpercent"_s, std::nullopt, std::nullopt, u"ünïcödé ✓"_s},
        {u"prices/models/1/model"_s, 42, std::nullopt, {}}, // looks like a key path
    };
    QVERIFY(Settings::openFile(path)->save(config));

    const SellerConfig loaded = Settings::openFile(path)->load();
    QCOMPARE(loaded.prices.models.size(), config.prices.models.size());
    for (qsizetype i = 0; i < config.prices.models.size(); ++i)
        QCOMPARE(loaded.prices.models.at(i).model, config.prices.models.at(i).model);
    QVERIFY(loaded.prices == config.prices);

    // Saved again with one model fewer: the removed one leaves nothing behind.
    config.prices.models.removeAt(1);
    QVERIFY(Settings::openFile(path)->save(config));
    QVERIFY(Settings::openFile(path)->load().prices == config.prices);
    QSettings raw(path, QSettings::IniFormat);
    QCOMPARE(raw.value(u"prices/models/size"_s).toInt(), 4);
    QVERIFY(!raw.contains(u"prices/models/5/model"_s));
    // Amounts are plain decimal text, readable and editable by hand.
    QCOMPARE(raw.value(u"prices/per_million_tokens"_s).toString(), u"0.333333"_s);
    for (const QString &key : raw.allKeys())
        QVERIFY2(!Settings::isForbiddenKey(key), qPrintable(key));
}

void TestPrices::defaultPricesWriteNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.ini"_s);
    QVERIFY(Settings::openFile(path)->save(SellerConfig{}));
    QSettings raw(path, QSettings::IniFormat);
    QVERIFY(raw.childGroups().isEmpty() || !raw.childGroups().contains(u"prices"_s));
    QVERIFY(Settings::openFile(path)->load().prices == PriceSettings{});
}

void TestPrices::unreadablePricesFallBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[prices]\ncurrency=USD\nper_million_tokens=cheap\nper_1000_requests=-1\n"
               "show_in_model_list=maybe\n"
               "models\\size=3\nmodels\\1\\model=a\nmodels\\1\\per_million_tokens=0.0000001\n"
               "models\\2\\model=\nmodels\\2\\per_million_tokens=5\n"
               "models\\3\\model=a\nmodels\\3\\per_million_tokens=7\n");
    file.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"unreadable price.*per_million_tokens"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"unreadable price.*per_1000_requests"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"unreadable price.*models.*per_million_tokens"_s));
    const PriceSettings prices = Settings::openFile(path)->load().prices;
    QCOMPARE(prices.currency, u"USD"_s);
    QCOMPARE(prices.perMillionTokens, 0);
    QCOMPARE(prices.perThousandRequests, 0);
    QVERIFY(!prices.showInModelList);
    // The blank id is skipped and the repeated one ignored: the first "a" counts, its bad
    // price falling back to the default.
    QCOMPARE(prices.models.size(), 1);
    QCOMPARE(prices.models.first().model, u"a"_s);
    QVERIFY(!prices.models.first().perMillionTokens.has_value());
}

QTEST_GUILESS_MAIN(TestPrices)
#include "tst_prices.moc"
