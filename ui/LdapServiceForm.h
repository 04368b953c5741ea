#pragma once

#include "IdentityServiceForm.h"

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace gatehouse {

class KeyValueTable;

// Config of an `ldap` or `adldap` service (keys as engine/services/ldap reads them).
class LdapServiceForm : public IdentityServiceForm
{
    Q_OBJECT
public:
    explicit LdapServiceForm(bool activeDirectory, QWidget *parent = nullptr);

    QString serviceType() const override;
    QLineEdit *bindPasswordField() const { return m_bindPassword; }

protected:
    void loadFields(const QJsonObject &config) override;
    void storeFields(QJsonObject &config) const override;
    QStringList validateFields() const override;
    QStringList ownedKeys() const override;

private:
    bool m_activeDirectory;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_encryption;
    QPlainTextEdit *m_caCertificate;
    QLineEdit *m_bindDn;
    QLineEdit *m_bindPassword;
    QLineEdit *m_baseDn;
    QLineEdit *m_userFilter;
    QLineEdit *m_usernameAttribute;
    QLineEdit *m_emailAttribute;
    QLineEdit *m_groupBaseDn;
    QLineEdit *m_groupFilter;
    QLineEdit *m_groupNameAttribute;
    QLineEdit *m_disabledFilter;
    QSpinBox *m_timeout;
    KeyValueTable *m_attributes;
};
} // namespace gatehouse
