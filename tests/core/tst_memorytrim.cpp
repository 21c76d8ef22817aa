#include "sanitizers.h"
#include "stats/memorytrim.h"

#include <QTest>

#include <cstdlib>
#include <vector>

using namespace coderai;
using namespace std::chrono_literals;

class TestMemoryTrim final : public QObject
{
    Q_OBJECT

private slots:
    void releasesOnceAfterStartUp();
    void waitsForAQuietPeriodAfterWork();
    void releasesRealFreePages();
};

namespace {

struct Rig
{
    bool busy = false; // while set, every check finds a request finished since the last one
    qint64 finished = 0;
    int releases = 0;
    MemoryTrim trim{[this] { return busy ? ++finished : finished; }, 30ms, 30ms};

    Rig()
    {
        trim.setRelease([this] { ++releases; });
    }
};

} // namespace

void TestMemoryTrim::releasesOnceAfterStartUp()
{
    Rig rig;
    QTRY_COMPARE_WITH_TIMEOUT(rig.releases, 1, 2000);
    // Quiet ever since: nothing more to give back, so nothing more is done.
    QTest::qWait(200);
    QCOMPARE(rig.releases, 1);
}

void TestMemoryTrim::waitsForAQuietPeriodAfterWork()
{
    Rig rig;
    QTRY_COMPARE_WITH_TIMEOUT(rig.releases, 1, 2000);
    // Requests finishing between every two checks: busy, so no release.
    rig.busy = true;
    QTRY_VERIFY_WITH_TIMEOUT(rig.finished >= 8, 2000);
    QCOMPARE(rig.releases, 1);
    // Then silence: one release, once.
    rig.busy = false;
    QTRY_COMPARE_WITH_TIMEOUT(rig.releases, 2, 2000);
    QTest::qWait(200);
    QCOMPARE(rig.releases, 2);
}

void TestMemoryTrim::releasesRealFreePages()
{
    // Blocks under glibc's mmap threshold live in the heap; freed, they stay with the process
    // until something gives them back.
    std::vector<void *> blocks;
    for (int i = 0; i < 256; ++i)
        blocks.push_back(std::malloc(16 * 1024));
    for (std::size_t i = 1; i < blocks.size(); i += 2)
        std::free(blocks[i]);
    const bool released = MemoryTrim::releaseFreeMemory();
    for (std::size_t i = 0; i < blocks.size(); i += 2)
        std::free(blocks[i]);
#ifdef __GLIBC__
    // Under AddressSanitizer the heap is the sanitizer's, not glibc's: glibc has nothing to give.
    if (!test::kUnderAddressSanitizer)
        QVERIFY(released);
#else
    QVERIFY(!released);
#endif
}

QTEST_GUILESS_MAIN(TestMemoryTrim)
#include "tst_memorytrim.moc"
