#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace gatehouse {

// Shows an app's new API key the one time the server hands it out (create or regenerate): the
// engine stores only its hash, so once this dialog is closed the key cannot be shown again.
// A Copy button puts it on the clipboard.
class ApiKeyDialog : public QDialog
{
    Q_OBJECT
public:
    ApiKeyDialog(const QString &appName, const QString &key, QWidget *parent = nullptr);

    QString key() const;

private:
    QLineEdit *m_key;
    QPushButton *m_copy;
};
} // namespace gatehouse
