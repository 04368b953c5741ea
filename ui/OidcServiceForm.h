#pragma once

#include "IdentityServiceForm.h"

class QLineEdit;
class QPlainTextEdit;

namespace gatehouse {

class KeyValueTable;

// Config of an `oidc` service (keys as engine/services/oidc reads them).
class OidcServiceForm : public IdentityServiceForm
{
    Q_OBJECT
public:
    explicit OidcServiceForm(QWidget *parent = nullptr);

    QString serviceType() const override { return QStringLiteral("oidc"); }
    QLineEdit *clientSecretField() const { return m_clientSecret; }

protected:
    void loadFields(const QJsonObject &config) override;
    void storeFields(QJsonObject &config) const override;
    QStringList validateFields() const override;
    QStringList ownedKeys() const override;

private:
    QLineEdit *m_issuer;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_scopes;
    QLineEdit *m_audience;
    QLineEdit *m_appId;
    QLineEdit *m_usernameClaim;
    QLineEdit *m_groupsClaim;
    KeyValueTable *m_claims;
    QPlainTextEdit *m_redirectUris;
};
} // namespace gatehouse
