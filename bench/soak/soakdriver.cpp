#include "soakdriver.h"

#include "benchutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

namespace coderai::bench {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr auto kRegisterTimeout = 30s;
constexpr auto kWarmup = 30s;
constexpr auto kQuietSettle = 3s;
constexpr auto kFinalSettle = 5s;
constexpr auto kDrainTimeout = 90s;
constexpr auto kAbortDeadline = 5s; // broker gone → the seller aborted its local requests
constexpr auto kSlowWindow = 10s;
constexpr qint64 kMaxRssGrowthKb = 5 * 1024;
constexpr int kSlowBytesPerSecond = 32 * 1024;

void say(const QString &line)
{
    std::fprintf(stderr, "bench_soak: %s\n", qUtf8Printable(line));
}

qint64 digits(const QString &text)
{
    QString only;
    for (const QChar c : text)
        if (c.isDigit())
            only.append(c);
    return only.toLongLong();
}

} // namespace

SoakDriver::SoakDriver(SoakSettings settings)
    : m_settings(std::move(settings))
    , m_token(u"soak-"_s + QString::number(QRandomGenerator::system()->generate64(), 36))
    , m_random(m_settings.seed)
{
}

std::chrono::milliseconds SoakDriver::draw(std::chrono::seconds low, std::chrono::seconds high)
{
    return std::chrono::milliseconds(
        m_random.bounded(qint64(std::chrono::milliseconds(low).count()), qint64(std::chrono::milliseconds(high).count()) + 1));
}

bool SoakDriver::check(bool condition, const QString &what)
{
    std::printf("  [%s] %s\n", condition ? "ok" : "FAIL", qUtf8Printable(what));
    if (!condition)
        m_failures.append(what);
    return condition;
}

QString SoakDriver::logTail(const QString &file) const
{
    QFile log(file);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(log.readAll().right(3000));
}

bool SoakDriver::startModel()
{
    m_model.reset();
    m_model.emplace();
    m_modelOpen = 0;
    const bool started = m_model->startHelper({ u"--soak-model"_s, u"--port"_s, QString::number(m_modelPort) },
                                              m_dir.filePath(u"model.log"_s));
    if (started)
        m_modelPort = m_model->port();
    return started;
}

bool SoakDriver::startBroker()
{
    m_broker.reset();
    m_broker.emplace();
    ++m_brokerGeneration;
    const bool started = m_broker->startHelper(
        { u"--soak-broker"_s, u"--port"_s, QString::number(m_brokerPort), u"--seed"_s,
          QString::number(m_settings.seed * 1000 + quint32(m_brokerGeneration)), u"--slow-bytes-per-second"_s,
          QString::number(kSlowBytesPerSecond) },
        m_dir.filePath(u"broker.log"_s));
    if (started)
        m_brokerPort = m_broker->port();
    return started;
}

bool SoakDriver::startSeller()
{
    // Fast reconnects (first retry 0.1–0.2 s, at most 2 s apart) keep the soak busy: with the
    // defaults (1 s, capped at 60 s) a run would spend much of its time waiting to retry.
    QFile ini(m_dir.filePath(u"seller.ini"_s));
    if (!ini.open(QIODevice::WriteOnly))
        return false;
    ini.write("[timing]\nfirst_retry_delay_ms=200\nmax_retry_delay_ms=2000\n");
    ini.close();
    const QStringList arguments { u"--headless"_s,
                                  u"--settings"_s, ini.fileName(),
                                  u"--base-url"_s, u"http://127.0.0.1:%1"_s.arg(m_brokerPort),
                                  u"--local-url"_s, u"http://127.0.0.1:%1"_s.arg(m_modelPort),
                                  u"--client-id"_s, u"soak"_s,
                                  u"--max-concurrent"_s, u"4"_s };
    // The home doubles as XDG_RUNTIME_DIR, which Qt only accepts as 0700; otherwise the seller
    // falls back to a shared runtime folder, and its instance lock collides with another soak's.
    const QString home = m_dir.filePath(u"home"_s);
    QDir().mkpath(home);
    QFile::setPermissions(home, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return m_seller.startSeller(m_settings.sellerBinary, arguments, m_token, home, m_dir.filePath(u"seller.log"_s));
}

void SoakDriver::pumpChildren()
{
    if (m_broker) {
        QProcess &process = m_broker->process();
        while (process.canReadLine())
            onBrokerLine(process.readLine().trimmed());
    }
    if (m_model) {
        QProcess &process = m_model->process();
        while (process.canReadLine()) {
            const QByteArray line = process.readLine().trimmed();
            if (line.startsWith("OPEN "))
                m_modelOpen = line.mid(5).toInt();
        }
    }
    if (!m_stopping && !m_seller.isRunning())
        m_sellerDied = true;
}

void SoakDriver::onBrokerLine(const QByteArray &text)
{
    const QJsonObject line = QJsonDocument::fromJson(text).object();
    const QString event = line.value("ev"_L1).toString();
    const QString id = line.value("id"_L1).toString();
    Ledger &l = m_ledger;
    if (event == "registered"_L1) {
        ++l.registrations;
    } else if (event == "sent"_L1) {
        ++l.sent;
        const QString kind = line.value("kind"_L1).toString();
        ++l.sentByKind[kind];
        l.outstanding.insert(id, kind);
    } else if (event == "done"_L1) {
        if (!l.outstanding.remove(id))
            return;
        ++l.answered;
        if (line.value("ok"_L1).toBool())
            ++l.answeredOk;
        else
            ++l.errorsByCode[line.value("code"_L1).toString()];
        l.keepalives += line.value("keepalives"_L1).toInteger();
        if (line.contains("problem"_L1)) {
            ++l.problemCount;
            if (l.problems.size() < 10)
                l.problems.append(line.value("kind"_L1).toString() + u": "_s + line.value("problem"_L1).toString());
        }
    } else if (event == "disconnect"_L1) {
        // The broker child never closes on its own; the driver kills it instead. So this is the
        // seller leaving (or a newer connection of its own replacing the old one).
        if (m_stopping)
            return;
        const QString reason = line.value("reason"_L1).toString();
        // "seller paused": it drained and left on purpose because its local server went down
        // (a model server kill can do that); anything else is a drop nobody asked for.
        if (reason == "seller paused"_L1)
            ++l.sellerPauses;
        else
            ++l.sellerDrops;
        l.failedBySellerDrop += l.outstanding.size();
        l.outstanding.clear();
        say(u"the seller closed its connection: close code %1 %2"_s.arg(line.value("code"_L1).toInt()).arg(reason));
    } else if (event == "slow-done"_L1) {
        m_slowBytes += line.value("bytes"_L1).toInteger();
        m_slowSaturatedTicks += line.value("saturated_ticks"_L1).toInteger();
    } else if (event == "stuck"_L1) {
        ++l.stuck;
        say(u"a %1 request has had no answer for 2 minutes"_s.arg(line.value("kind"_L1).toString()));
    }
}

void SoakDriver::tellBroker(const QByteArray &command)
{
    if (m_broker && m_broker->isRunning())
        m_broker->process().write(command + '\n');
}

bool SoakDriver::soakFor(std::chrono::milliseconds duration)
{
    waitFor([this] {
        pumpChildren();
        return m_sellerDied;
    }, duration);
    return !m_sellerDied;
}

bool SoakDriver::waitRegistered(std::chrono::milliseconds timeout)
{
    const qint64 before = m_ledger.registrations;
    return waitFor([&] {
        pumpChildren();
        return m_ledger.registrations > before || m_sellerDied;
    }, timeout) && !m_sellerDied;
}

std::optional<qint64> SoakDriver::waitModelIdle(std::chrono::milliseconds timeout)
{
    QElapsedTimer waited;
    waited.start();
    if (!waitFor([this] {
            pumpChildren();
            return m_modelOpen == 0;
        }, timeout))
        return std::nullopt;
    return waited.elapsed();
}

bool SoakDriver::killBroker()
{
    m_broker->killHard();
    pumpChildren(); // the lines it printed before it died
    ++m_brokerKills;
    m_ledger.failedByBrokerKill += m_ledger.outstanding.size();
    m_ledger.outstanding.clear();

    // The seller saw its socket close: every local request of that session must go now.
    const std::optional<qint64> idle = waitModelIdle(kAbortDeadline);
    if (idle)
        m_maxAbortMs = std::max(m_maxAbortMs, *idle);
    else
        ++m_abortMisses;

    QElapsedTimer reconnect;
    reconnect.start();
    if (!startBroker()) {
        say(u"the broker child did not restart on port %1"_s.arg(m_brokerPort));
        return false;
    }
    if (!waitRegistered(kRegisterTimeout)) {
        say(u"the seller did not come back after broker restart %1"_s.arg(m_brokerKills));
        return false;
    }
    m_maxReconnectMs = std::max(m_maxReconnectMs, reconnect.elapsed());
    return true;
}

bool SoakDriver::killModel()
{
    m_model->killHard();
    ++m_modelKills;
    if (!startModel()) {
        say(u"the model server child did not restart on port %1"_s.arg(m_modelPort));
        return false;
    }
    return true;
}

bool SoakDriver::drain(std::chrono::milliseconds timeout)
{
    return waitFor([this] {
        pumpChildren();
        return m_ledger.outstanding.isEmpty() || m_sellerDied;
    }, timeout) && m_ledger.outstanding.isEmpty();
}

qint64 SoakDriver::sellerRssKb() const
{
    return proc::statusKb(m_seller.pid(), "VmRSS").value_or(-1);
}

QStringList SoakDriver::sellerFds() const
{
    // What each descriptor is: "socket", "anon_inode:[eventfd]", a path. Socket and pipe
    // inode numbers are cut off, so two states compare by kind and count.
    QStringList kinds;
    const QString dir = u"/proc/%1/fd"_s.arg(m_seller.pid());
    for (const QString &name : QDir(dir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char target[512];
        const ssize_t length = ::readlink(QFile::encodeName(dir + u'/' + name).constData(), target, sizeof target - 1);
        if (length <= 0)
            continue;
        QString kind = QString::fromLocal8Bit(target, length);
        if (const qsizetype bracket = kind.indexOf(u":["_s); bracket > 0 && !kind.startsWith(u"anon_inode"_s))
            kind.truncate(bracket);
        kinds.append(kind);
    }
    kinds.sort();
    return kinds;
}

std::optional<SellerTotals> SoakDriver::sellerTotals() const
{
    QFile log(m_dir.filePath(u"seller.log"_s));
    if (!log.open(QIODevice::ReadOnly))
        return std::nullopt;
    static const QRegularExpression summary(
        u"served ([\\d,. ]+), failed ([\\d,. ]+), cancelled ([\\d,. ]+), refused ([\\d,. ]+) \\|"_s);
    std::optional<SellerTotals> last;
    for (auto match = summary.globalMatch(QString::fromUtf8(log.readAll())); match.hasNext();) {
        const QRegularExpressionMatch found = match.next();
        last = SellerTotals { digits(found.captured(1)), digits(found.captured(2)), digits(found.captured(3)),
                              digits(found.captured(4)) };
    }
    return last;
}

bool SoakDriver::run()
{
    if (!setUp())
        return false;
    // Warm-up: every kind of request once at least, then a quiet moment for the baselines.
    const auto warmup = std::min<std::chrono::milliseconds>(kWarmup, m_settings.duration / 4);
    if (!soakFor(warmup))
        return false;
    m_baseline = quietSnapshot(kQuietSettle);
    say(u"baseline after warm-up: RSS %1 KiB, %2 descriptors"_s.arg(m_baseline.rssKb).arg(m_baseline.fds.size()));
    tellBroker("go");
    m_chaosCompleted = chaos(m_settings.duration - warmup);
    tellBroker("slow 0");
    // The final quiet period: everything outstanding must be answered, then the seller settles.
    m_end = quietSnapshot(kFinalSettle);
    m_modelIdleAtEnd = waitModelIdle(kAbortDeadline).has_value();
    // Stop the seller: its summary line carries its own counts. Its leaving is not a drop.
    m_stopping = true;
    m_sellerExit = m_seller.stop(std::chrono::seconds(40));
    pumpChildren();
    m_broker.reset();
    m_model.reset();
    report();
    return judge();
}

bool SoakDriver::setUp()
{
    if (!m_dir.isValid()) {
        say(u"no temporary directory"_s);
        return false;
    }
    qputenv("CODERAI_SOAK_BROKER_TOKEN", m_token.toUtf8());
    m_clock.start();
    if (!startModel() || !startBroker()) {
        say(u"a child process did not start; see %1"_s.arg(m_dir.path()));
        return false;
    }
    if (!startSeller() || !waitRegistered(kRegisterTimeout)) {
        say(u"the seller did not register; its log ends with:\n%1"_s.arg(logTail(m_dir.filePath(u"seller.log"_s))));
        return false;
    }
    say(u"seller pid %1 online; broker port %2, model server port %3, seed %4, %5 s"_s.arg(m_seller.pid())
            .arg(m_brokerPort)
            .arg(m_modelPort)
            .arg(m_settings.seed)
            .arg(m_settings.duration.count()));
    return true;
}

SoakDriver::Snapshot SoakDriver::quietSnapshot(std::chrono::milliseconds settle)
{
    tellBroker("quiet");
    Snapshot snapshot;
    snapshot.drained = !m_sellerDied && drain(kDrainTimeout);
    snapshot.leftOutstanding = m_ledger.outstanding.size();
    soakFor(settle);
    snapshot.rssKb = sellerRssKb();
    snapshot.fds = sellerFds();
    return snapshot;
}

bool SoakDriver::chaos(std::chrono::milliseconds length)
{
    // Times measured from the start of this phase.
    QElapsedTimer phase;
    phase.start();
    const auto now = [&phase] { return std::chrono::milliseconds(phase.elapsed()); };
    const auto nextMinute = [&] { return (now() / 60s + 1) * 60s + draw(0s, 50s); };
    std::chrono::milliseconds nextBrokerKill = draw(15s, 40s);
    // At least one model server death even in CI's short run.
    std::chrono::milliseconds nextModelKill = std::min<std::chrono::milliseconds>(draw(60s, 120s), length * 2 / 3);
    std::chrono::milliseconds slowStart = draw(0s, 50s);
    std::optional<std::chrono::milliseconds> slowEnd;
    while (now() < length) {
        const std::chrono::milliseconds next
            = std::min({ nextBrokerKill, nextModelKill, slowEnd.value_or(slowStart), length });
        if (next > now() && !soakFor(next - now()))
            return false;
        if (now() >= length)
            break;
        if (now() >= nextBrokerKill) {
            say(u"%1 s: killing the broker"_s.arg(m_clock.elapsed() / 1000));
            if (!killBroker())
                return false;
            nextBrokerKill = now() + draw(15s, 40s);
            if (slowEnd) { // the new broker reads at full speed
                slowEnd.reset();
                slowStart = nextMinute();
            }
        } else if (now() >= nextModelKill) {
            say(u"%1 s: killing the model server"_s.arg(m_clock.elapsed() / 1000));
            if (!killModel())
                return false;
            nextModelKill = now() + draw(60s, 120s);
        } else if (slowEnd && now() >= *slowEnd) {
            tellBroker("slow 0");
            slowEnd.reset();
            slowStart = nextMinute();
        } else if (!slowEnd && now() >= slowStart) {
            say(u"%1 s: the broker reads slowly for %2 s"_s.arg(m_clock.elapsed() / 1000).arg(kSlowWindow.count()));
            tellBroker("slow 1");
            ++m_slowWindows;
            slowEnd = now() + kSlowWindow;
        }
    }
    return true;
}

void SoakDriver::report() const
{
    const std::optional<SellerTotals> seller = sellerTotals();
    const Ledger &l = m_ledger;
    std::printf("bench_soak: %lld s (seed %u), seller %s\n", qlonglong(m_clock.elapsed() / 1000), m_settings.seed,
                qUtf8Printable(m_settings.sellerBinary));
    std::printf("chaos: %d broker kills, %d model server kills, %d slow-read windows of %lld s\n", m_brokerKills,
                m_modelKills, m_slowWindows, qlonglong(kSlowWindow.count()));
    std::printf("slow reads: %lld KiB let through, the seller had more waiting at %lld of the 100 ms ticks\n",
                qlonglong(m_slowBytes / 1024), qlonglong(m_slowSaturatedTicks));
    std::printf("broker: sent %lld, answered %lld (ok %lld, error %lld), failed by broker kill %lld, "
                "failed by seller drop %lld, stuck %lld, pending keepalives %lld\n"
                "seller closed its connection: %lld times paused for its local server, %lld other drops\n",
                qlonglong(l.sent), qlonglong(l.answered), qlonglong(l.answeredOk), qlonglong(l.answered - l.answeredOk),
                qlonglong(l.failedByBrokerKill), qlonglong(l.failedBySellerDrop), qlonglong(l.stuck),
                qlonglong(l.keepalives), qlonglong(l.sellerPauses), qlonglong(l.sellerDrops));
    QStringList kinds;
    for (const auto &[kind, count] : l.sentByKind)
        kinds.append(u"%1 %2"_s.arg(kind).arg(count));
    std::printf("sent by kind: %s\n", qUtf8Printable(kinds.join(u", "_s)));
    QStringList codes;
    for (const auto &[code, count] : l.errorsByCode)
        codes.append(u"%1 %2"_s.arg(code.isEmpty() ? u"(none)"_s : code).arg(count));
    std::printf("error answers by code: %s\n", codes.isEmpty() ? "none" : qUtf8Printable(codes.join(u", "_s)));
    if (seller)
        std::printf("seller: served %lld, failed %lld, cancelled %lld, refused %lld (total %lld), exit code %d\n",
                    qlonglong(seller->served), qlonglong(seller->failed), qlonglong(seller->cancelled),
                    qlonglong(seller->refused), qlonglong(seller->all()), m_sellerExit);
    std::printf("broker kill → local requests aborted: worst %lld ms; restart → registered: worst %lld ms\n",
                qlonglong(m_maxAbortMs), qlonglong(m_maxReconnectMs));
    std::printf("seller RSS: %lld KiB after warm-up, %lld KiB at the end (%+lld KiB); descriptors %lld → %lld\n",
                qlonglong(m_baseline.rssKb), qlonglong(m_end.rssKb), qlonglong(m_end.rssKb - m_baseline.rssKb),
                qlonglong(m_baseline.fds.size()), qlonglong(m_end.fds.size()));
    if (m_end.fds != m_baseline.fds)
        std::printf("descriptors after warm-up: %s\n             at the end: %s\n",
                    qUtf8Printable(m_baseline.fds.join(u' ')), qUtf8Printable(m_end.fds.join(u' ')));
    for (const QString &problem : l.problems)
        std::printf("wrong answer: %s\n", qUtf8Printable(problem));
}

bool SoakDriver::judge()
{
    const Ledger &l = m_ledger;
    const std::optional<SellerTotals> seller = sellerTotals();
    std::printf("checks:\n");
    check(!m_sellerDied, u"the seller ran through the whole soak"_s);
    check(m_chaosCompleted, u"the chaos phase ran to its end (every restart worked)"_s);
    check(m_baseline.drained && m_end.drained && m_end.leftOutstanding == 0,
          u"every request got a terminal answer or was failed by a broker kill (%1 left)"_s.arg(m_end.leftOutstanding));
    check(l.sellerDrops == 0, u"the seller left the broker only to pause for a local server that was down (%1 other drops)"_s.arg(l.sellerDrops));
    check(l.failedBySellerDrop == 0,
          u"no request was failed by the seller closing its connection (%1 failed)"_s.arg(l.failedBySellerDrop));
    check(l.stuck == 0, u"no request went 2 minutes without an answer"_s);
    check(l.problemCount == 0, u"every ok answer was right and every terminal had the right shape (%1 wrong)"_s.arg(l.problemCount));
    check(m_brokerKills > 0 && m_modelKills > 0 && m_slowWindows > 0, u"each kind of chaos happened at least once"_s);
    check(m_abortMisses == 0,
          u"after every broker kill the model server saw no open request within %1 s (%2 misses)"_s
              .arg(std::chrono::seconds(kAbortDeadline).count())
              .arg(m_abortMisses));
    check(m_modelIdleAtEnd, u"no local request open at the end"_s);
    check(seller.has_value(), u"the seller printed its summary line"_s);
    if (seller) {
        // The seller can only have finished what the broker sent, and it finished at least what
        // the broker got answers for; the rest died with a broker (unsent or unanswered).
        const qint64 upper = l.answered + l.failedByBrokerKill + l.failedBySellerDrop;
        check(seller->all() >= l.answered && seller->all() <= upper,
              u"seller total %1 between the broker's answered %2 and answered + failed by disconnect %3"_s
                  .arg(seller->all())
                  .arg(l.answered)
                  .arg(upper));
    }
    check(m_baseline.rssKb > 0 && m_end.rssKb > 0 && m_end.rssKb - m_baseline.rssKb <= kMaxRssGrowthKb,
          u"seller RSS grew by at most %1 KiB after warm-up"_s.arg(kMaxRssGrowthKb));
    check(!m_end.fds.isEmpty() && m_end.fds.size() <= m_baseline.fds.size(), u"seller descriptors back to the baseline"_s);
    if (!m_failures.isEmpty())
        std::printf("logs kept in %s; the seller's ends with:\n%s\n", qUtf8Printable(m_dir.path()),
                    qUtf8Printable(logTail(m_dir.filePath(u"seller.log"_s))));
    m_dir.setAutoRemove(m_failures.isEmpty());
    std::printf("%s\n", m_failures.isEmpty() ? "PASS" : "FAIL");
    return m_failures.isEmpty();
}

} // namespace coderai::bench
