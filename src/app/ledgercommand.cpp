#include "ledgercommand.h"

#include "config/settings.h"
#include "ledger/ledgerexport.h"
#include "ledger/ledgerpaths.h"
#include "ledger/ledgerreader.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace coderai {
namespace {

struct LedgerCommandText
{
    Q_DECLARE_TR_FUNCTIONS(LedgerCommand)
};

} // namespace

QString settingsFileFor(const CommandLine &commandLine)
{
    return commandLine.settingsFile.isEmpty() ? Settings::openDefault()->fileName() : commandLine.settingsFile;
}

QString ledgerFileFor(const CommandLine &commandLine)
{
    if (commandLine.demo)
        return ledgerpaths::fileIn(ledgerpaths::demoDataDir());
    return ledgerpaths::fileForSettings(settingsFileFor(commandLine));
}

int runLedgerCommand(const CommandLine &commandLine)
{
    const LedgerRequest &request = commandLine.ledger;
    const QString path = ledgerFileFor(commandLine);
    if (!QFileInfo::exists(path)) {
        std::fprintf(stderr, "coderai-seller: %s\n",
                     qUtf8Printable(LedgerCommandText::tr("No ledger yet at %1: it is made when the seller "
                                                          "serves its first request.")
                                        .arg(path)));
        return 1;
    }
    LedgerReader reader;
    if (!reader.open(path)) {
        std::fprintf(stderr, "coderai-seller: %s\n",
                     qUtf8Printable(LedgerCommandText::tr("Cannot read the ledger: %1").arg(reader.errorString())));
        return 1;
    }
    const QDateTime from = request.since.isValid() ? LedgerReader::startOfLocalDay(request.since) : QDateTime();
    const QDateTime to = request.until.isValid() ? LedgerReader::startOfLocalDay(request.until.addDays(1)) : QDateTime();

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return 1;
    LedgerExport exporter(&out, request.format == LedgerRequest::Format::Json ? LedgerExport::Format::Json
                                                                               : LedgerExport::Format::Csv);
    bool ok = false;
    switch (request.by) {
    case LedgerRequest::Grouping::Rows:
        ok = exporter.writeRows(reader, from, to);
        break;
    case LedgerRequest::Grouping::Model:
        ok = exporter.writeModels(reader.models(from, to));
        break;
    case LedgerRequest::Grouping::Day: {
        const QDate first = request.since.isValid() ? request.since
                                                    : reader.earliest().value_or(QDateTime::currentDateTime()).toLocalTime().date();
        const QDate last = request.until.isValid() ? request.until : QDate::currentDate();
        ok = exporter.writeDays(reader.days(first, last));
        break;
    }
    }
    out.flush();
    if (!ok) {
        std::fprintf(stderr, "coderai-seller: %s\n",
                     qUtf8Printable(LedgerCommandText::tr("Cannot read the ledger: %1").arg(reader.errorString())));
        return 1;
    }
    return 0;
}

} // namespace coderai
