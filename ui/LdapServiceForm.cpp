#include "LdapServiceForm.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>

#include "KeyValueTable.h"

namespace gatehouse {

LdapServiceForm::LdapServiceForm(bool activeDirectory, QWidget *parent)
    : IdentityServiceForm(parent)
    , m_activeDirectory(activeDirectory)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_encryption(new QComboBox(this))
    , m_caCertificate(new QPlainTextEdit(this))
    , m_bindDn(new QLineEdit(this))
    , m_bindPassword(new QLineEdit(this))
    , m_baseDn(new QLineEdit(this))
    , m_userFilter(new QLineEdit(this))
    , m_usernameAttribute(new QLineEdit(this))
    , m_emailAttribute(new QLineEdit(this))
    , m_groupBaseDn(new QLineEdit(this))
    , m_groupFilter(new QLineEdit(this))
    , m_groupNameAttribute(new QLineEdit(this))
    , m_disabledFilter(new QLineEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_attributes(new KeyValueTable(tr("Lookup name"), tr("LDAP attribute"), this))
{
    m_port->setRange(1, 65535);
    m_port->setValue(389);
    m_encryption->addItem(tr("None"), QStringLiteral("none"));
    m_encryption->addItem(tr("StartTLS"), QStringLiteral("starttls"));
    m_encryption->addItem(tr("LDAPS (TLS from the start)"), QStringLiteral("ldaps"));
    // The port follows the encryption while it still holds the other mode's default.
    connect(m_encryption, &QComboBox::currentIndexChanged, this, [this] {
        const bool ldaps = m_encryption->currentData().toString() == QLatin1String("ldaps");
        if (ldaps && m_port->value() == 389)
            m_port->setValue(636);
        else if (!ldaps && m_port->value() == 636)
            m_port->setValue(389);
    });
    // 0 is shown as "default" and left out of the config (the type's own default applies).
    m_timeout->setRange(0, 300);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("default"));
    m_groupNameAttribute->setPlaceholderText(QStringLiteral("cn"));
    m_disabledFilter->setPlaceholderText(
        activeDirectory ? QStringLiteral("(userAccountControl:1.2.840.113556.1.4.803:=2)") : tr("(none)"));
    m_caCertificate->setTabChangesFocus(true);
    m_caCertificate->setMaximumHeight(80);
    m_caCertificate->setPlaceholderText(tr("PEM text or a file path; empty: the system's CAs"));
    m_bindPassword->setEchoMode(QLineEdit::Password);
    m_host->setPlaceholderText(activeDirectory ? tr("dc1.corp.example.com") : tr("ldap.example.com"));
    m_baseDn->setPlaceholderText(tr("dc=example,dc=com"));
    m_usernameAttribute->setPlaceholderText(activeDirectory ? QStringLiteral("sAMAccountName")
                                                            : QStringLiteral("uid"));
    m_emailAttribute->setPlaceholderText(QStringLiteral("mail"));
    m_groupBaseDn->setPlaceholderText(tr("(the base DN)"));
    m_groupFilter->setPlaceholderText(
        activeDirectory ? tr("(memberOf)")
                        : QStringLiteral("(|(member={dn})(uniqueMember={dn})(memberUid={username}))"));

    addRow(tr("&Host:"), m_host, tr("Host"), QStringLiteral("host"),
           tr("The directory server's name or address."));
    addRow(tr("P&ort:"), m_port, tr("Port"), QStringLiteral("port"));
    addRow(tr("&Encryption:"), m_encryption, tr("Encryption"), QStringLiteral("encryption"));
    addRow(tr("&CA certificate:"), m_caCertificate, tr("CA certificate"), QStringLiteral("ca_certificate"),
           tr("The certificate authority that signed the server's certificate (TLS only)."));
    addRow(tr("&Bind DN:"), m_bindDn, tr("Bind DN"), QStringLiteral("bind_dn"),
           tr("The account Gatehouse searches the directory with."));
    addRow(tr("Bind pass&word:"), m_bindPassword, tr("Bind password"), QStringLiteral("bind_password"));
    addRow(tr("Base &DN:"), m_baseDn, tr("Base DN"), QStringLiteral("base_dn"),
           tr("Where users are searched."));
    addRow(tr("User &filter:"), m_userFilter, tr("User filter"), QStringLiteral("user_filter"),
           tr("An extra LDAP filter users must match, e.g. (objectClass=person)."));
    addRow(tr("&Username attribute:"), m_usernameAttribute, tr("Username attribute"),
           QStringLiteral("username_attribute"));
    addRow(tr("Email attribute:"), m_emailAttribute, tr("Email attribute"),
           QStringLiteral("email_attribute"));
    addRow(tr("Grou&p base DN:"), m_groupBaseDn, tr("Group base DN"), QStringLiteral("group_base_dn"));
    addRow(tr("Group f&ilter:"), m_groupFilter, tr("Group filter"), QStringLiteral("group_filter"),
           tr("{dn} and {username} stand for the signed-in person."));
    addRow(tr("Group name attribute:"), m_groupNameAttribute, tr("Group name attribute"),
           QStringLiteral("group_name_attribute"));
    addRow(tr("Disabled-account filter:"), m_disabledFilter, tr("Disabled-account filter"),
           QStringLiteral("disabled_filter"), tr("Accounts matching this LDAP filter may not sign in."));
    addRow(tr("Timeout:"), m_timeout, tr("Timeout in seconds"), QStringLiteral("timeout"));
    addRow(tr("Attributes as loo&kups:"), m_attributes, tr("Attributes as lookups"),
           QStringLiteral("attributes"),
           tr("Directory attributes that become {user.<lookup name>} lookups."));
    addRoleRows();
}

QString LdapServiceForm::serviceType() const
{
    return m_activeDirectory ? QStringLiteral("adldap") : QStringLiteral("ldap");
}

QStringList LdapServiceForm::ownedKeys() const
{
    return {QStringLiteral("host"),
            QStringLiteral("port"),
            QStringLiteral("encryption"),
            QStringLiteral("ca_certificate"),
            QStringLiteral("bind_dn"),
            QStringLiteral("bind_password"),
            QStringLiteral("base_dn"),
            QStringLiteral("user_filter"),
            QStringLiteral("username_attribute"),
            QStringLiteral("email_attribute"),
            QStringLiteral("group_base_dn"),
            QStringLiteral("group_filter"),
            QStringLiteral("attributes"),
            QStringLiteral("group_name_attribute"),
            QStringLiteral("disabled_filter"),
            QStringLiteral("timeout")};
}

void LdapServiceForm::loadFields(const QJsonObject &config)
{
    const QString encryption = config.value(QLatin1String("encryption")).toString(QStringLiteral("none"));
    m_encryption->setCurrentIndex(std::max(0, m_encryption->findData(encryption)));
    m_host->setText(config.value(QLatin1String("host")).toString());
    const QJsonValue port = config.value(QLatin1String("port"));
    if (port.isDouble())
        m_port->setValue(port.toInt());
    m_caCertificate->setPlainText(config.value(QLatin1String("ca_certificate")).toString());
    m_bindDn->setText(config.value(QLatin1String("bind_dn")).toString());
    // A stored secret arrives as the mask; sent back unchanged it keeps the stored one.
    m_bindPassword->setText(config.value(QLatin1String("bind_password")).toString());
    m_baseDn->setText(config.value(QLatin1String("base_dn")).toString());
    m_userFilter->setText(config.value(QLatin1String("user_filter")).toString());
    m_usernameAttribute->setText(config.value(QLatin1String("username_attribute")).toString());
    m_emailAttribute->setText(config.value(QLatin1String("email_attribute")).toString());
    m_groupBaseDn->setText(config.value(QLatin1String("group_base_dn")).toString());
    m_groupFilter->setText(config.value(QLatin1String("group_filter")).toString());
    m_groupNameAttribute->setText(config.value(QLatin1String("group_name_attribute")).toString());
    m_disabledFilter->setText(config.value(QLatin1String("disabled_filter")).toString());
    m_timeout->setValue(config.value(QLatin1String("timeout")).toInt(0));
    m_attributes->setValues(config.value(QLatin1String("attributes")).toObject());
}

void LdapServiceForm::storeFields(QJsonObject &config) const
{
    putText(config, QStringLiteral("host"), m_host);
    config.insert(QStringLiteral("port"), m_port->value());
    config.insert(QStringLiteral("encryption"), m_encryption->currentData().toString());
    const QString ca = m_caCertificate->toPlainText().trimmed();
    if (!ca.isEmpty())
        config.insert(QStringLiteral("ca_certificate"), ca);
    putText(config, QStringLiteral("bind_dn"), m_bindDn);
    // As typed: spaces may be part of a password.
    if (!m_bindPassword->text().isEmpty())
        config.insert(QStringLiteral("bind_password"), m_bindPassword->text());
    putText(config, QStringLiteral("base_dn"), m_baseDn);
    putText(config, QStringLiteral("user_filter"), m_userFilter);
    putText(config, QStringLiteral("username_attribute"), m_usernameAttribute);
    putText(config, QStringLiteral("email_attribute"), m_emailAttribute);
    putText(config, QStringLiteral("group_base_dn"), m_groupBaseDn);
    putText(config, QStringLiteral("group_filter"), m_groupFilter);
    putText(config, QStringLiteral("group_name_attribute"), m_groupNameAttribute);
    putText(config, QStringLiteral("disabled_filter"), m_disabledFilter);
    if (m_timeout->value() > 0)
        config.insert(QStringLiteral("timeout"), m_timeout->value());
    const QJsonObject attributes = m_attributes->values();
    if (!attributes.isEmpty())
        config.insert(QStringLiteral("attributes"), attributes);
}

QStringList LdapServiceForm::validateFields() const
{
    QStringList problems;
    static const QRegularExpression hostPattern(
        QStringLiteral(R"(^(?:[A-Za-z0-9._-]+|\[?[0-9A-Fa-f:.]+\]?)$)"));
    const QString host = m_host->text().trimmed();
    if (host.isEmpty())
        problems << tr("Enter the directory server's host name or address.");
    else if (!hostPattern.match(host).hasMatch())
        problems << tr("The host must be a host name or an IP address (no scheme or port).");
    if (m_baseDn->text().trimmed().isEmpty())
        problems << tr("Enter the base DN users are searched under.");
    const bool hasDn = !m_bindDn->text().trimmed().isEmpty();
    const bool hasPassword = !m_bindPassword->text().isEmpty();
    if (hasDn && !hasPassword)
        problems << tr("A bind DN needs its password.");
    if (!hasDn && hasPassword)
        problems << tr("A bind password needs a bind DN.");
    if (!m_caCertificate->toPlainText().trimmed().isEmpty() &&
        m_encryption->currentData().toString() == QLatin1String("none"))
        problems << tr("A CA certificate needs StartTLS or LDAPS encryption.");
    for (QLineEdit *filter : {m_userFilter, m_groupFilter, m_disabledFilter}) {
        const QString text = filter->text().trimmed();
        if (!text.isEmpty() && (!text.startsWith(QLatin1Char('(')) || !text.endsWith(QLatin1Char(')'))))
            problems << tr("%1 must be an LDAP filter in parentheses.").arg(filter->accessibleName());
    }
    problems += m_attributes->validate(tr("Attributes as lookups"));
    return problems;
}
} // namespace gatehouse
