#include "LdapServiceForm.h"

#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace gatehouse {

LdapServiceForm::LdapServiceForm(bool activeDirectory, QWidget *parent)
    : ServiceConfigForm(activeDirectory ? QStringLiteral("adldap") : QStringLiteral("ldap"), parent)
{
}

QLineEdit *LdapServiceForm::bindPasswordField() const
{
    return qobject_cast<QLineEdit *>(editor(QStringLiteral("bind_password")));
}

void LdapServiceForm::schemaApplied()
{
    auto *encryption = qobject_cast<QComboBox *>(editor(QStringLiteral("encryption")));
    auto *port = qobject_cast<QSpinBox *>(editor(QStringLiteral("port")));
    if (!encryption || !port)
        return;
    // The port follows the encryption while it holds the other mode's default (or none).
    connect(encryption, &QComboBox::currentIndexChanged, port, [encryption, port] {
        const bool ldaps = encryption->currentData().toString() == QLatin1String("ldaps");
        if (ldaps && (port->value() == 389 || port->value() == port->minimum()))
            port->setValue(636);
        else if (!ldaps && port->value() == 636)
            port->setValue(389);
    });
}

QStringList LdapServiceForm::validateExtra(const QJsonObject &config) const
{
    QStringList problems;
    static const QRegularExpression hostPattern(
        QStringLiteral(R"(^(?:[A-Za-z0-9._-]+|\[?[0-9A-Fa-f:.]+\]?)$)"));
    const QString host = config.value(QLatin1String("host")).toString();
    if (!host.isEmpty() && !hostPattern.match(host).hasMatch())
        problems << tr("The host must be a host name or an IP address (no scheme or port).");
    const bool hasDn = !config.value(QLatin1String("bind_dn")).toString().isEmpty();
    const bool hasPassword = !config.value(QLatin1String("bind_password")).toString().isEmpty();
    if (hasDn && !hasPassword)
        problems << tr("A bind DN needs its password.");
    if (!hasDn && hasPassword)
        problems << tr("A bind password needs a bind DN.");
    if (!config.value(QLatin1String("ca_certificate")).toString().isEmpty() &&
        config.value(QLatin1String("encryption")).toString(QStringLiteral("none")) == QLatin1String("none"))
        problems << tr("A CA certificate needs StartTLS or LDAPS encryption.");
    for (const char *key : {"user_filter", "group_filter", "disabled_filter"}) {
        const QString text = config.value(QLatin1String(key)).toString();
        if (!text.isEmpty() && (!text.startsWith(QLatin1Char('(')) || !text.endsWith(QLatin1Char(')'))))
            problems << tr("%1 must be an LDAP filter in parentheses.")
                            .arg(editor(QLatin1String(key))->accessibleName());
    }
    return problems;
}
} // namespace gatehouse
