#include "ApiKeyDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gatehouse {

ApiKeyDialog::ApiKeyDialog(const QString &appName, const QString &key, QWidget *parent)
    : QDialog(parent)
    , m_key(new QLineEdit(key, this))
    , m_copy(new QPushButton(tr("&Copy"), this))
{
    setWindowTitle(tr("API key of %1").arg(appName));
    auto *warning = new QLabel(tr("This is the only time the key is shown. Copy it now and keep it "
                                  "somewhere safe: Gatehouse stores only a fingerprint of it and "
                                  "cannot show it again. If it is lost, regenerate the key."),
                               this);
    warning->setObjectName(QStringLiteral("warning"));
    warning->setWordWrap(true);
    QFont bold = warning->font();
    bold.setBold(true);
    warning->setFont(bold);
    auto *label = new QLabel(tr("API &key:"), this);
    label->setBuddy(m_key);
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_key->setAccessibleName(tr("API key"));
    m_key->setReadOnly(true);
    m_key->setMinimumWidth(m_key->fontMetrics().horizontalAdvance(key) + 24);
    m_copy->setObjectName(QStringLiteral("copy"));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_key->text());
        m_copy->setText(tr("&Copied"));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_key, 1);
    row->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addLayout(row);
    layout->addWidget(buttons);
    m_key->selectAll();
    m_key->setFocus();
}

QString ApiKeyDialog::key() const
{
    return m_key->text();
}
} // namespace gatehouse
