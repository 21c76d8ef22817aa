#pragma once

#include "logbuffer.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace coderai {

class LogFilterModel;
class LogModel;

/// \brief The Logs window: the app's recent log lines, already scrubbed of secrets, with a level
/// filter, a search field, following the newest line, Copy and Save as….
///
/// A top-level window over a LogBuffer (not owned). It opens at once with thousands of lines:
/// a uniform-row tree view draws only what is visible.
class LogWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogWindow)

public:
    explicit LogWindow(LogBuffer *buffer, QWidget *parent = nullptr);
    ~LogWindow() override;

    void setMinimumLevel(LogLine::Level level);
    void setSearchText(const QString &text);
    /// Keeps the newest line in view as lines arrive (on by default).
    void setFollowing(bool follow);
    bool isFollowing() const;

    /// The lines the filters let through, or of those the selected ones, as the log prints them.
    QString shownText() const;
    int shownLineCount() const;
    /// Writes shownText() to \a path; false with \a error set when it cannot.
    bool saveTo(const QString &path, QString *error = nullptr) const;

public slots:
    /// Puts shownText() on the clipboard.
    void copyShown();
    /// Asks for a file name, then saveTo() it.
    void saveAs();

private:
    void updateCount();
    void followTail();

    LogModel *m_model;
    LogFilterModel *m_filter;
    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_follow;
    QPushButton *m_copy;
    QPushButton *m_save;
    QTreeView *m_view;
    QLabel *m_count;
};

} // namespace coderai
