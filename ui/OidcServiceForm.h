#pragma once

#include "ServiceConfigForm.h"

namespace gatehouse {

// The form of an `oidc` service: the generic schema form plus the provider's rules (an https
// issuer, http only on this computer; a client id or an audience; redirect addresses without
// fragments).
class OidcServiceForm : public ServiceConfigForm
{
    Q_OBJECT
public:
    explicit OidcServiceForm(QWidget *parent = nullptr);

protected:
    QStringList validateExtra(const QJsonObject &config) const override;
};
} // namespace gatehouse
