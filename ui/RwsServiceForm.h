#pragma once

#include "ServiceConfigForm.h"

namespace gatehouse {

class RwsRuleTable;

// The form of a remote HTTP (`rws`) service: the generic schema form with `parameters` and
// `headers` as rule tables (RwsRuleTable) instead of raw JSON, and a note under the allowed
// hosts that private, loopback and link-local addresses are refused unless listed there.
class RwsServiceForm : public ServiceConfigForm
{
    Q_OBJECT
public:
    explicit RwsServiceForm(QWidget *parent = nullptr);

    RwsRuleTable *parametersTable() const;
    RwsRuleTable *headersTable() const;

protected:
    QWidget *createCustomEditor(const QString &key, const QString &type) override;
    void loadCustom(QWidget *editor, const QJsonValue &value) override;
    QJsonValue customValue(QWidget *editor) const override;
    void schemaApplied() override;
    QStringList validateExtra(const QJsonObject &config) const override;
};
} // namespace gatehouse
