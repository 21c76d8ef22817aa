#include "aboutdialog.h"

#include "trayicons.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace coderai {
namespace {

QString link(const QUrl &url, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_links(new QLabel(this))
{
    setWindowTitle(tr("About CoderAI Seller"));

    auto *icon = new QLabel(this);
    icon->setPixmap(TrayIcons::appIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(QStringLiteral("<h2>CoderAI Seller</h2>"), this);
    auto *version = new QLabel(tr("Version %1, built with Qt %2 (running on Qt %3)")
                                   .arg(QStringLiteral(CODERAI_VERSION), QStringLiteral(QT_VERSION_STR),
                                        QString::fromLatin1(qVersion())),
                               this);
    version->setObjectName(QStringLiteral("versionLabel"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *summary = new QLabel(tr("Sells your machine's local model server through the AISBF broker."), this);
    summary->setWordWrap(true);

    // The SPDX name stays untranslated: it is what package tools and lawyers search for.
    auto *licenceLabel = new QLabel(tr("Free software under the GNU General Public License, version 3 or "
                                       "later (%1): you may share and change it under its terms, and it "
                                       "comes with no warranty.")
                                        .arg(QStringLiteral("GPL-3.0-or-later")),
                                    this);
    licenceLabel->setObjectName(QStringLiteral("licenceLabel"));
    licenceLabel->setWordWrap(true);

    QStringList links;
    const QUrl readme = readmeUrl();
    if (!readme.isEmpty())
        links << link(readme, tr("Read the README"));
    links << link(aisbfUrl(), tr("Set up your provider in AISBF"));
    links << link(QUrl(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html")), tr("Read the licence"));
    m_links->setObjectName(QStringLiteral("linksLabel"));
    m_links->setText(links.join(QStringLiteral("<br>")));
    m_links->setTextFormat(Qt::RichText);
    m_links->setOpenExternalLinks(true);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(version);
    text->addWidget(summary);
    text->addWidget(licenceLabel);
    text->addWidget(m_links);
    text->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *aboutQt = buttons->addButton(tr("About Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, this, [] { QApplication::aboutQt(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    // Wide enough for the summary on one or two lines, in Italian too.
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

QUrl AboutDialog::readmeUrl()
{
    // Installed: <prefix>/bin/coderai-seller and <prefix>/share/doc/coderai-seller/README.md.
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QStringList candidates{
        appDir.absoluteFilePath(QStringLiteral("../share/doc/coderai-seller/README.md")),
        QStringLiteral(CODERAI_SOURCE_README),
    };
    for (const QString &path : candidates) {
        if (!path.isEmpty() && QFileInfo::exists(path))
            return QUrl::fromLocalFile(QFileInfo(path).canonicalFilePath());
    }
    return {};
}

QUrl AboutDialog::aisbfUrl()
{
    return QUrl(QStringLiteral("https://github.com/nextime/aisbf"));
}

QLabel *AboutDialog::linksLabel() const
{
    return m_links;
}

} // namespace coderai
