#pragma once

#include <QJsonObject>
#include <QWidget>

#include "RoleMapTable.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace gatehouse {

// The config part of an identity service's editor, shared by LdapServiceForm and
// OidcServiceForm: the subclass adds its fields to form(); this class adds the role keys every
// identity type shares (default_role, group_role_map, admin_groups). config() starts from the
// config the form was given, so keys the form does not show survive an edit; empty optional
// fields are left out (for some keys "" means something, e.g. LDAP's group_filter).
class IdentityServiceForm : public QWidget
{
    Q_OBJECT
public:
    explicit IdentityServiceForm(QWidget *parent = nullptr);

    virtual QString serviceType() const = 0;
    void setConfig(const QJsonObject &config);
    QJsonObject config() const;
    // Problems in plain words; empty when the config can be saved.
    QStringList validate() const;
    void setRoles(const QList<RoleChoice> &roles);

    RoleMapTable *groupRoleMap() const { return m_groupRoleMap; }

protected:
    QFormLayout *form() const { return m_form; }
    // Adds a labelled row with a buddy and an accessible name; returns the label.
    QLabel *addRow(const QString &label, QWidget *field, const QString &accessibleName,
                   const QString &objectName, const QString &toolTip = QString());
    // Adds the shared role rows; subclasses call it after their own rows.
    void addRoleRows();
    virtual void loadFields(const QJsonObject &config) = 0;
    virtual void storeFields(QJsonObject &config) const = 0;
    virtual QStringList validateFields() const = 0;
    // Config keys the form owns (removed from the kept config before storeFields()).
    virtual QStringList ownedKeys() const = 0;

    static void putText(QJsonObject &config, const QString &key, const QLineEdit *field);
    // One entry per line (group DNs contain commas).
    static QStringList splitLines(const QString &text);

private:
    QFormLayout *m_form;
    QComboBox *m_defaultRole;
    RoleMapTable *m_groupRoleMap;
    QPlainTextEdit *m_adminGroups;
    QJsonObject m_original;
    QList<RoleChoice> m_roles;
};
} // namespace gatehouse
