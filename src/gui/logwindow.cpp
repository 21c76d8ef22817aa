#include "logwindow.h"

#include "logmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace coderai {

LogWindow::LogWindow(LogBuffer *buffer, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(new LogModel(buffer, this))
    , m_filter(new LogFilterModel(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QCheckBox(tr("Follow new lines"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_save(new QPushButton(tr("Save as…"), this))
    , m_view(new QTreeView(this))
    , m_count(new QLabel(this))
{
    setWindowTitle(tr("CoderAI Seller logs"));
    setObjectName(QStringLiteral("logWindow"));

    m_level->setObjectName(QStringLiteral("levelFilter"));
    m_level->addItem(tr("All levels"), int(LogLine::Level::Debug));
    m_level->addItem(tr("Info and above"), int(LogLine::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLine::Level::Warning));
    m_level->addItem(tr("Errors only"), int(LogLine::Level::Error));
    m_level->setToolTip(tr("Which lines to show"));

    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);

    m_follow->setObjectName(QStringLiteral("followTail"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest line in view"));
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setToolTip(tr("Copy the selected lines, or all shown lines when none is selected"));
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setToolTip(tr("Save the shown lines to a text file"));
    m_count->setObjectName(QStringLiteral("lineCount"));

    m_filter->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // what keeps thousands of rows cheap
    m_view->setAllColumnsShowFocus(true);
    m_view->setWordWrap(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(true);
    const QFontMetrics metrics = fontMetrics();
    m_view->setColumnWidth(LogModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_view->setColumnWidth(LogModel::LevelColumn, metrics.horizontalAdvance(LogModel::levelText(LogLine::Level::Warning)) + 24);
    m_view->setColumnWidth(LogModel::CategoryColumn, metrics.horizontalAdvance(QStringLiteral("coderai.hardware")) + 16);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_level);
    controls->addWidget(m_search, 1);
    controls->addWidget(m_follow);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_copy);
    bottom->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    // A size that shows a useful width of message on a 1366×768 laptop without covering it.
    resize(metrics.averageCharWidth() * 120, metrics.height() * 30);

    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumLevel(LogLine::Level(m_level->currentData().toInt())); });
    connect(m_search, &QLineEdit::textChanged, m_filter, &LogFilterModel::setSearchText);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            followTail();
    });
    connect(m_copy, &QPushButton::clicked, this, &LogWindow::copyShown);
    connect(m_save, &QPushButton::clicked, this, &LogWindow::saveAs);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &LogWindow::followTail);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &LogWindow::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &LogWindow::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LogWindow::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &LogWindow::updateCount);
    updateCount();
    followTail();
}

LogWindow::~LogWindow() = default;

void LogWindow::setMinimumLevel(LogLine::Level level)
{
    const int index = m_level->findData(int(level));
    if (index >= 0)
        m_level->setCurrentIndex(index);
}

void LogWindow::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void LogWindow::setFollowing(bool follow)
{
    m_follow->setChecked(follow);
}

bool LogWindow::isFollowing() const
{
    return m_follow->isChecked();
}

int LogWindow::shownLineCount() const
{
    return m_filter->rowCount();
}

QString LogWindow::shownText() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty()) {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            rows.append(row);
    }
    QString text;
    for (int row : std::as_const(rows))
        text += m_filter->index(row, 0).data(LogModel::LineTextRole).toString() + u'\n';
    return text;
}

bool LogWindow::saveTo(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(shownText().toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void LogWindow::copyShown()
{
    QApplication::clipboard()->setText(shownText());
}

void LogWindow::saveAs()
{
    const QString suggested = QDir::home().filePath(QStringLiteral("coderai-seller.log"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save logs"), suggested, tr("Log files (*.log *.txt)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(this, tr("Save logs"), tr("The logs could not be saved to %1: %2").arg(QDir::toNativeSeparators(path), error));
}

void LogWindow::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("%n line(s)", nullptr, total)
                                    : tr("%n of %1 line(s) shown", nullptr, shown).arg(total));
}

void LogWindow::followTail()
{
    if (m_follow->isChecked())
        m_view->scrollToBottom();
}

} // namespace coderai
