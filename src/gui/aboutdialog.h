#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;

namespace coderai {

/// \brief About CoderAI Seller: version, licence, and where to read more (the README and
/// AISBF, where the provider and its registration token are set up).
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The README installed with the app or, in a build tree, the source's; empty when neither exists.
    static QUrl readmeUrl();
    /// AISBF's project page: its documentation covers adding a CoderAI provider and its token.
    static QUrl aisbfUrl();

    /// The label with the links (tests read it).
    QLabel *linksLabel() const;

private:
    QLabel *m_links;
};

} // namespace coderai
