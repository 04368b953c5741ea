#include "RoleMapTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "TableRowControls.h"

namespace gatehouse {
namespace {
enum Column
{
    GroupColumn,
    AppColumn,
    RoleColumn
};
} // namespace

RoleMapTable::RoleMapTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
{
    m_table->setObjectName(QStringLiteral("groupRoleMap"));
    m_table->setAccessibleName(tr("Group to role map"));
    m_table->setHorizontalHeaderLabels({tr("Group"), tr("App id (empty: all apps)"), tr("Role")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTabKeyNavigation(false);
    m_table->setMinimumHeight(110);
    auto *add = new QPushButton(tr("Add mapping"), this);
    add->setObjectName(QStringLiteral("addMapping"));
    auto *remove = new QPushButton(tr("Remove mapping"), this);
    remove->setObjectName(QStringLiteral("removeMapping"));
    TableRowControls::install(
        this, m_table, add, remove, [this] { addRow(); }, GroupColumn);
}

void RoleMapTable::setRoles(const QList<RoleChoice> &roles)
{
    const QJsonArray current = rules();
    m_roles = roles;
    setRules(current);
}

void RoleMapTable::fillRoleBox(int row, qint64 roleId)
{
    auto *box = new QComboBox(m_table);
    box->setAccessibleName(tr("Role"));
    box->addItem(tr("(choose a role)"), QVariant());
    bool known = false;
    for (const RoleChoice &role : std::as_const(m_roles)) {
        box->addItem(role.name, role.id);
        known = known || role.id == roleId;
    }
    if (roleId > 0 && !known)
        box->addItem(tr("Role %1").arg(roleId), roleId);
    if (roleId > 0)
        box->setCurrentIndex(box->findData(roleId));
    m_table->setCellWidget(row, RoleColumn, box);
}

void RoleMapTable::addRow(const QString &group, const QString &appId, qint64 roleId)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, GroupColumn, new QTableWidgetItem(group));
    m_table->setItem(row, AppColumn, new QTableWidgetItem(appId));
    fillRoleBox(row, roleId);
}

void RoleMapTable::setRules(const QJsonArray &rules)
{
    m_table->setRowCount(0);
    for (const QJsonValue &value : rules) {
        const QJsonObject rule = value.toObject();
        const QJsonValue app = rule.value(QLatin1String("app_id"));
        addRow(rule.value(QLatin1String("group")).toString(),
               app.isDouble() ? QString::number(app.toInteger()) : QString(),
               rule.value(QLatin1String("role_id")).toInteger());
    }
}

QJsonArray RoleMapTable::rules() const
{
    QJsonArray out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString group =
            m_table->item(row, GroupColumn) ? m_table->item(row, GroupColumn)->text().trimmed() : QString();
        const QString app =
            m_table->item(row, AppColumn) ? m_table->item(row, AppColumn)->text().trimmed() : QString();
        const auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(row, RoleColumn));
        const QVariant role = box ? box->currentData() : QVariant();
        if (group.isEmpty() && app.isEmpty() && !role.isValid())
            continue; // an empty row the user added and left
        QJsonObject rule{{QStringLiteral("group"), group}, {QStringLiteral("role_id"), role.toLongLong()}};
        if (!app.isEmpty())
            rule.insert(QStringLiteral("app_id"), app.toLongLong());
        out.append(rule);
    }
    return out;
}

QStringList RoleMapTable::validate() const
{
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString group =
            m_table->item(row, GroupColumn) ? m_table->item(row, GroupColumn)->text().trimmed() : QString();
        const QString app =
            m_table->item(row, AppColumn) ? m_table->item(row, AppColumn)->text().trimmed() : QString();
        const auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(row, RoleColumn));
        const bool hasRole = box && box->currentData().isValid();
        if (group.isEmpty() && app.isEmpty() && !hasRole)
            continue;
        bool appOk = true;
        if (!app.isEmpty())
            appOk = app.toLongLong(&appOk) > 0 && appOk;
        if (group.isEmpty())
            problems << tr("Group mapping %1 needs a group.").arg(row + 1);
        if (!appOk)
            problems << tr("Group mapping %1: the app must be an app id or empty.").arg(row + 1);
        if (!hasRole)
            problems << tr("Group mapping %1 needs a role.").arg(row + 1);
    }
    return problems;
}
} // namespace gatehouse
