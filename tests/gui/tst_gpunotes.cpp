// The GPU tab's notes: the lines the hardware probes really write (src/core/hardware) become one
// plain sentence per problem, with the raw lines kept for the tooltip; unknown lines stay as they
// are, but a path in them can wrap between its parts.
#include "gpunotes.h"

#include <QLabel>
#include <QRegularExpression>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

// What NvmlLibrary, NvidiaSmiProbe, ProcessProbe, RocmSmiProbe and AmdSysfsProbe write.
const QString kNvmlMissing = u"NVML: libnvidia-ml.so.1 could not be loaded (no NVIDIA driver installed?): Cannot load "
                             u"library libnvidia-ml.so.1: (libnvidia-ml.so.1: cannot open shared object file: No such "
                             u"file or directory)"_s;
const QString kSmiMissing = u"nvidia-smi: not installed (nvidia-smi not found)"_s;
const QString kNvmlDenied = u"NVML: libnvidia-ml.so.1 could not be loaded (no NVIDIA driver installed?): Cannot load "
                            u"library /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: "
                            u"(/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: cannot open shared object file: Permission "
                            u"denied)"_s;
const QString kInitDenied = u"NVML: initialization failed: Insufficient Permissions (NVML error 4) (permission denied: "
                            u"can this user open /dev/nvidia*?)"_s;
const QString kInitMismatch = u"NVML: initialization failed: Driver/library version mismatch (NVML error 18) (driver and "
                              u"library versions differ: reboot after a driver update)"_s;
const QString kSmiMismatch = u"nvidia-smi: exited with code 18: Failed to initialize NVML: Driver/library version "
                             u"mismatch"_s;
const QString kInitNotLoaded = u"NVML: initialization failed: Driver Not Loaded (NVML error 9) (the NVIDIA kernel driver "
                               u"is not loaded)"_s;
const QString kSmiNotLoaded = u"nvidia-smi: exited with code 9: NVIDIA-SMI has failed because it couldn't communicate "
                              u"with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."_s;
const QString kTooOld = u"NVML: libnvidia-ml.so.1 lacks nvmlDeviceGetCount_v2 (driver too old or not NVML?)"_s;
const QString kLost = u"NVML: GPU 1 has fallen off the bus; reboot to recover it"_s;
const QString kMig = u"NVML: GPU 0 (NVIDIA H100) has MIG enabled: utilization is not reported and memory covers all "
                     u"MIG instances"_s;
const QString kSmiHung = u"nvidia-smi: no answer within 5000 ms; killed it (a hung GPU or driver?)"_s;
const QString kRocmUnreadable = u"rocm-smi: unreadable output: ERROR: GPU[0] : Unable to open /sys/class/drm"_s;
const QString kAmdNoVram = u"amd-sysfs: card1 (0000:03:00.0) reports no VRAM size: is the amdgpu driver bound to it, "
                           u"and /sys readable?"_s;

QStringList texts(const QList<GpuNotes::Note> &notes)
{
    QStringList result;
    for (const GpuNotes::Note &note : notes)
        result << note.text;
    return result;
}

/// The longest run of characters a line cannot break inside: no space and no zero-width space.
qsizetype longestUnbreakable(const QString &text)
{
    qsizetype longest = 0;
    for (const QString &part : text.split(QRegularExpression(u"[\\s\\x{200B}]"_s)))
        longest = std::max(longest, part.size());
    return longest;
}

} // namespace

class TestGpuNotes : public QObject
{
    Q_OBJECT

private slots:
    void knownProblemsReadPlainly_data();
    void knownProblemsReadPlainly();
    void noDriverIsOneNote();
    void unknownLinesStayButWrap();
    void labelShowsSentencesAndKeepsTheRawText();
};

void TestGpuNotes::knownProblemsReadPlainly_data()
{
    QTest::addColumn<QStringList>("diagnostics");
    QTest::addColumn<QString>("starts"); ///< how the one note begins

    QTest::newRow("NVML not found") << QStringList {kNvmlMissing} << u"No NVIDIA driver is installed"_s;
    QTest::newRow("dlopen permission denied") << QStringList {kNvmlDenied} << u"This user may not read the GPU"_s;
    QTest::newRow("NVML permission denied") << QStringList {kInitDenied} << u"This user may not read the GPU"_s;
    QTest::newRow("driver/library mismatch") << QStringList {kInitMismatch, kSmiMismatch}
                                             << u"The NVIDIA driver was updated"_s;
    QTest::newRow("driver not loaded") << QStringList {kInitNotLoaded, kSmiNotLoaded}
                                       << u"The NVIDIA driver is installed but not running"_s;
    QTest::newRow("nvidia-smi missing") << QStringList {kSmiMissing} << u"nvidia-smi, which comes with the NVIDIA driver"_s;
    QTest::newRow("driver too old") << QStringList {kTooOld} << u"The NVIDIA driver is too old"_s;
    QTest::newRow("GPU lost") << QStringList {kLost} << u"GPU 1 stopped responding"_s;
    QTest::newRow("MIG") << QStringList {kMig} << u"GPU 0 is split into MIG instances"_s;
    QTest::newRow("hung") << QStringList {kSmiHung} << u"nvidia-smi did not answer in time"_s;
    QTest::newRow("ROCm unreadable") << QStringList {kRocmUnreadable} << u"rocm-smi (AMD ROCm) gave an answer"_s;
    QTest::newRow("AMD without VRAM size") << QStringList {kAmdNoVram} << u"AMD card 1 does not report"_s;
}

void TestGpuNotes::knownProblemsReadPlainly()
{
    QFETCH(QStringList, diagnostics);
    QFETCH(QString, starts);

    const QList<GpuNotes::Note> notes = GpuNotes::describe(diagnostics);
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes[0].text.startsWith(starts), qPrintable(notes[0].text));
    QCOMPARE(notes[0].raw, diagnostics);
    // No loader or library jargon left, and nothing too long to wrap between words.
    for (const QString &jargon : {u"libnvidia-ml"_s, u"NVML error"_s, u"shared object"_s, u"/dev/"_s, u"exited with code"_s})
        QVERIFY2(!notes[0].text.contains(jargon), qPrintable(notes[0].text));
    QVERIFY2(longestUnbreakable(notes[0].text) <= 20, qPrintable(notes[0].text));
}

void TestGpuNotes::noDriverIsOneNote()
{
    // What a machine without NVIDIA's driver reports: NVML missing, then its fallback missing too.
    const QList<GpuNotes::Note> notes = GpuNotes::describe({kNvmlMissing, kSmiMissing, kRocmUnreadable});
    QCOMPARE(notes.size(), 2);
    QVERIFY(notes[0].text.startsWith(u"No NVIDIA driver is installed"_s));
    QCOMPARE(notes[0].raw, (QStringList {kNvmlMissing, kSmiMissing}));
    QCOMPARE(notes[1].raw, QStringList {kRocmUnreadable});
    QVERIFY(GpuNotes::describe({}).isEmpty());
    QVERIFY(GpuNotes::describe({u"  "_s}).isEmpty());
}

void TestGpuNotes::unknownLinesStayButWrap()
{
    const QString raw = u"intel-sysfs: /sys/devices/pci0000:00/0000:00:02.0/drm/card0/device/mem_info_vram_total is "
                        u"unreadable"_s;
    const QList<GpuNotes::Note> notes = GpuNotes::describe({raw, raw});
    QCOMPARE(notes.size(), 1); // the same line twice is one problem
    QCOMPARE(notes[0].raw, (QStringList {raw, raw}));
    QCOMPARE(QString(notes[0].text).remove(QChar(0x200B)), raw);
    QVERIFY2(longestUnbreakable(notes[0].text) < 25, qPrintable(notes[0].text));
    QVERIFY(longestUnbreakable(raw) > 60);
}

void TestGpuNotes::labelShowsSentencesAndKeepsTheRawText()
{
    QLabel label;
    label.show();
    GpuNotes::show(&label, {kInitDenied, kLost});
    QVERIFY(!label.isHidden());
    QVERIFY(label.wordWrap());
    QCOMPARE(label.text(), texts(GpuNotes::describe({kInitDenied, kLost})).join(u'\n'));
    QCOMPARE(label.toolTip(), kInitDenied + u'\n' + kLost);

    GpuNotes::show(&label, {});
    QVERIFY(label.isHidden());
    QVERIFY(label.text().isEmpty());
}

QTEST_MAIN(TestGpuNotes)
#include "tst_gpunotes.moc"
