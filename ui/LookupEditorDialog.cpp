#include "LookupEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

LookupEditorDialog::LookupEditorDialog(GatehouseClient *client, const LookupScope &scope,
                                       const QJsonObject &lookup, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_scope(scope)
    , m_id(qint64(lookup.value(QLatin1String("id")).toDouble()))
    , m_wasPrivate(lookup.value(QLatin1String("private")).toBool())
    , m_messages(new MessageBar(this))
    , m_name(new QLineEdit(lookup.value(QLatin1String("name")).toString(), this))
    , m_value(new QLineEdit(this))
    , m_private(new QCheckBox(tr("&Private (sealed, never shown again)"), this))
    , m_description(new QLineEdit(lookup.value(QLatin1String("description")).toString(), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(m_id ? tr("Edit lookup") : tr("New lookup"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(128);
    m_name->setPlaceholderText(tr("letters, digits, _ and ."));
    m_value->setObjectName(QStringLiteral("value"));
    m_value->setAccessibleName(tr("Value"));
    m_value->setMaxLength(4000);
    m_private->setObjectName(QStringLiteral("private"));
    m_private->setChecked(m_wasPrivate);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setAccessibleName(tr("Description"));
    // The server sends only a mask for private values: never put it in the field.
    if (m_wasPrivate)
        m_value->setPlaceholderText(tr("unchanged (private)"));
    else
        m_value->setText(lookup.value(QLatin1String("value")).toString());
    auto updateEcho = [this] {
        m_value->setEchoMode(m_private->isChecked() ? QLineEdit::Password : QLineEdit::Normal);
    };
    connect(m_private, &QCheckBox::toggled, this, updateEcho);
    updateEcho();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(QString(), m_private);
    form->addRow(tr("&Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LookupEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString LookupEditorDialog::validate() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Enter the lookup's name.");
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.]+$"));
    if (!allowed.match(name).hasMatch())
        return tr("A lookup name may hold letters, digits, _ and . only.");
    for (const char *reserved : {"user.", "role.", "app.", "session.", "df."})
        if (name.startsWith(QLatin1String(reserved), Qt::CaseInsensitive))
            return tr("Names starting with \"%1\" belong to the built-in lookups.")
                .arg(QLatin1String(reserved));
    if (m_wasPrivate && !m_private->isChecked() && m_value->text().isEmpty())
        return tr("A private lookup becomes public only with a new value: enter one.");
    return QString();
}

void LookupEditorDialog::save()
{
    if (const QString problem = validate(); !problem.isEmpty()) {
        m_messages->showMessage(problem, MessageBar::Kind::Error);
        return;
    }
    QJsonObject lookup{{QStringLiteral("name"), m_name->text().trimmed()},
                       {QStringLiteral("private"), m_private->isChecked()},
                       {QStringLiteral("description"), m_description->text()}};
    // An empty field of a private lookup means "keep the sealed value".
    if (!(m_wasPrivate && m_value->text().isEmpty()))
        lookup.insert(QStringLiteral("value"), m_value->text());
    QByteArray method;
    QString path;
    QJsonValue body;
    if (m_scope.isSystem()) {
        method = m_id ? "PATCH" : "POST";
        path = m_id ? QStringLiteral("system/lookup/%1").arg(m_id) : QStringLiteral("system/lookup");
        body = m_id ? QJsonValue(lookup)
                    : QJsonValue(QJsonObject{{QStringLiteral("resource"), QJsonArray{lookup}}});
    } else {
        if (m_id)
            lookup.insert(QStringLiteral("id"), double(m_id));
        method = "PATCH";
        path = QStringLiteral("system/%1/%2").arg(m_scope.owner).arg(m_scope.ownerId);
        body = QJsonObject{{m_scope.relation(), QJsonArray{lookup}}};
    }
    m_buttons->setEnabled(false);
    m_client->send(method, path, body, this, [this](const ApiReply &reply) {
        m_buttons->setEnabled(true);
        if (!reply.ok()) {
            m_messages->showError(tr("The lookup could not be saved"), reply);
            return;
        }
        Q_EMIT saved();
        accept();
    });
}
} // namespace gatehouse
