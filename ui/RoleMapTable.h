#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

class QTableWidget;

namespace gatehouse {

// A role an identity service may hand out (from /system/role).
struct RoleChoice
{
    qint64 id = 0;
    QString name;
};

// The `group_role_map` of an identity service: rows of directory/IdP group, app (empty: every
// app) and role; the first row whose group matches wins.
class RoleMapTable : public QWidget
{
    Q_OBJECT
public:
    explicit RoleMapTable(QWidget *parent = nullptr);

    void setRoles(const QList<RoleChoice> &roles);
    // [{"group", "app_id"?, "role_id"}]
    void setRules(const QJsonArray &rules);
    QJsonArray rules() const;
    // Problems in plain words, one per incomplete row.
    QStringList validate() const;

    QTableWidget *table() const { return m_table; }
    void addRow(const QString &group = QString(), const QString &appId = QString(), qint64 roleId = 0);

private:
    void fillRoleBox(int row, qint64 roleId);

    QTableWidget *m_table;
    QList<RoleChoice> m_roles;
};
} // namespace gatehouse
