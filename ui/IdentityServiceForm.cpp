#include "IdentityServiceForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace gatehouse {

IdentityServiceForm::IdentityServiceForm(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_defaultRole(new QComboBox(this))
    , m_groupRoleMap(new RoleMapTable(this))
    , m_adminGroups(new QPlainTextEdit(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_defaultRole->addItem(tr("(none: the app's default role)"), QVariant());
    m_adminGroups->setTabChangesFocus(true);
    m_adminGroups->setMaximumHeight(70);
}

QLabel *IdentityServiceForm::addRow(const QString &label, QWidget *field, const QString &accessibleName,
                                    const QString &objectName, const QString &toolTip)
{
    auto *text = new QLabel(label, this);
    text->setBuddy(field);
    field->setAccessibleName(accessibleName);
    field->setObjectName(objectName);
    if (!toolTip.isEmpty()) {
        field->setToolTip(toolTip);
        field->setAccessibleDescription(toolTip);
    }
    m_form->addRow(text, field);
    return text;
}

void IdentityServiceForm::addRoleRows()
{
    addRow(tr("Default &role:"), m_defaultRole, tr("Default role"), QStringLiteral("default_role"),
           tr("The role of every signed-in person for whom no group mapping applies."));
    addRow(tr("&Group → role map:"), m_groupRoleMap, tr("Group to role map"),
           QStringLiteral("group_role_map"),
           tr("The first row whose group matches one of the person's groups decides the role."));
    addRow(tr("Ad&min groups:"), m_adminGroups, tr("Admin groups"), QStringLiteral("admin_groups"),
           tr("One group per line; their members are Gatehouse system admins."));
}

void IdentityServiceForm::setRoles(const QList<RoleChoice> &roles)
{
    const QVariant current = m_defaultRole->currentData();
    m_roles = roles;
    m_defaultRole->clear();
    m_defaultRole->addItem(tr("(none: the app's default role)"), QVariant());
    for (const RoleChoice &role : roles)
        m_defaultRole->addItem(role.name, role.id);
    if (current.isValid()) {
        if (m_defaultRole->findData(current) < 0)
            m_defaultRole->addItem(tr("Role %1").arg(current.toLongLong()), current);
        m_defaultRole->setCurrentIndex(m_defaultRole->findData(current));
    }
    m_groupRoleMap->setRoles(roles);
}

void IdentityServiceForm::setConfig(const QJsonObject &config)
{
    m_original = config;
    loadFields(config);
    const QJsonValue role = config.value(QLatin1String("default_role"));
    m_defaultRole->setCurrentIndex(0);
    if (role.isDouble()) {
        if (m_defaultRole->findData(role.toInteger()) < 0)
            m_defaultRole->addItem(tr("Role %1").arg(role.toInteger()), role.toInteger());
        m_defaultRole->setCurrentIndex(m_defaultRole->findData(role.toInteger()));
    }
    m_groupRoleMap->setRules(config.value(QLatin1String("group_role_map")).toArray());
    QStringList groups;
    for (const QJsonValue &group : config.value(QLatin1String("admin_groups")).toArray())
        groups << group.toString();
    m_adminGroups->setPlainText(groups.join(QLatin1Char('\n')));
}

QJsonObject IdentityServiceForm::config() const
{
    QJsonObject config = m_original;
    for (const QString &key : ownedKeys())
        config.remove(key);
    for (const char *key : {"default_role", "group_role_map", "admin_groups"})
        config.remove(QLatin1String(key));
    storeFields(config);
    if (m_defaultRole->currentData().isValid())
        config.insert(QStringLiteral("default_role"), m_defaultRole->currentData().toLongLong());
    const QJsonArray rules = m_groupRoleMap->rules();
    if (!rules.isEmpty())
        config.insert(QStringLiteral("group_role_map"), rules);
    const QStringList admins = splitLines(m_adminGroups->toPlainText());
    if (!admins.isEmpty())
        config.insert(QStringLiteral("admin_groups"), QJsonArray::fromStringList(admins));
    return config;
}

QStringList IdentityServiceForm::validate() const
{
    return validateFields() + m_groupRoleMap->validate();
}

void IdentityServiceForm::putText(QJsonObject &config, const QString &key, const QLineEdit *field)
{
    const QString text = field->text().trimmed();
    if (!text.isEmpty())
        config.insert(key, text);
}

QStringList IdentityServiceForm::splitLines(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}
} // namespace gatehouse
