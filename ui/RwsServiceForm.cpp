#include "RwsServiceForm.h"

#include <QFormLayout>
#include <QLabel>

#include "RwsRuleTable.h"

namespace gatehouse {

RwsServiceForm::RwsServiceForm(QWidget *parent)
    : ServiceConfigForm(QStringLiteral("rws"), parent)
{
}

QWidget *RwsServiceForm::createCustomEditor(const QString &key, const QString &)
{
    if (key == QLatin1String("parameters"))
        return new RwsRuleTable(RwsRuleTable::Kind::Parameters, this);
    if (key == QLatin1String("headers"))
        return new RwsRuleTable(RwsRuleTable::Kind::Headers, this);
    return nullptr;
}

void RwsServiceForm::loadCustom(QWidget *editor, const QJsonValue &value)
{
    if (auto *table = qobject_cast<RwsRuleTable *>(editor))
        table->setRules(value.toArray());
}

QJsonValue RwsServiceForm::customValue(QWidget *editor) const
{
    if (auto *table = qobject_cast<RwsRuleTable *>(editor)) {
        const QJsonArray rules = table->rules();
        return rules.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(rules);
    }
    return QJsonValue(QJsonValue::Undefined);
}

RwsRuleTable *RwsServiceForm::parametersTable() const
{
    return qobject_cast<RwsRuleTable *>(editor(QStringLiteral("parameters")));
}

RwsRuleTable *RwsServiceForm::headersTable() const
{
    return qobject_cast<RwsRuleTable *>(editor(QStringLiteral("headers")));
}

void RwsServiceForm::schemaApplied()
{
    QWidget *hosts = editor(QStringLiteral("allowed_hosts"));
    if (!hosts)
        return;
    int row = -1;
    QFormLayout::ItemRole role;
    formLayout()->getWidgetPosition(hosts, &row, &role);
    if (row < 0)
        return;
    // The engine refuses these targets unless listed: say so where the list is edited, since
    // an internal base_url (http://10.0.0.5/…) is the common case that would fail otherwise.
    auto *hint = new QLabel(tr("Private (10.x, 192.168.x, …), loopback (127.0.0.1, localhost) and "
                               "link-local (169.254.x) addresses are refused unless their host, or "
                               "host:port, is listed here, also when a redirect leads there."),
                            this);
    hint->setObjectName(QStringLiteral("allowedHostsHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    formLayout()->insertRow(row + 1, QString(), hint);
    hosts->setAccessibleDescription(hint->text());
}

QStringList RwsServiceForm::validateExtra(const QJsonObject &) const
{
    QStringList problems;
    if (RwsRuleTable *table = parametersTable())
        problems += table->validate(tr("Parameters"));
    if (RwsRuleTable *table = headersTable())
        problems += table->validate(tr("Headers"));
    return problems;
}
} // namespace gatehouse
