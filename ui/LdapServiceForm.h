#pragma once

#include "ServiceConfigForm.h"

class QLineEdit;

namespace gatehouse {

// The form of an `ldap` or `adldap` service: the generic schema form plus what is particular to
// a directory: the port follows the encryption (389 / 636) and cross-field checks (a bind DN
// needs its password, a CA certificate needs TLS, filters are parenthesised).
class LdapServiceForm : public ServiceConfigForm
{
    Q_OBJECT
public:
    explicit LdapServiceForm(bool activeDirectory, QWidget *parent = nullptr);

    QLineEdit *bindPasswordField() const;

protected:
    void schemaApplied() override;
    QStringList validateExtra(const QJsonObject &config) const override;
};
} // namespace gatehouse
