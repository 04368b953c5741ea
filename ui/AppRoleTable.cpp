#include "AppRoleTable.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>

#include "TableRowControls.h"

namespace gatehouse {
namespace {
QComboBox *choiceBox(const AppRoleTable::Choices &choices, qint64 selected, const QString &name,
                     QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setAccessibleName(name);
    for (const auto &[id, text] : choices)
        box->addItem(text, id);
    const int index = box->findData(selected);
    box->setCurrentIndex(index >= 0 ? index : (choices.isEmpty() ? -1 : 0));
    return box;
}

qint64 chosen(QTableWidget *table, int row, int column)
{
    auto *box = qobject_cast<QComboBox *>(table->cellWidget(row, column));
    return box && box->currentIndex() >= 0 ? box->currentData().toLongLong() : 0;
}
} // namespace

AppRoleTable::AppRoleTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    m_table->setObjectName(QStringLiteral("appRoles"));
    m_table->setAccessibleName(tr("Role per app"));
    m_table->setHorizontalHeaderLabels({tr("App"), tr("Role")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    auto *add = new QPushButton(tr("Add app ro&le"), this);
    add->setObjectName(QStringLiteral("addAppRole"));
    auto *remove = new QPushButton(tr("Remove app r&ole"), this);
    remove->setObjectName(QStringLiteral("removeAppRole"));
    TableRowControls::install(this, m_table, add, remove, [this] { addRow(); });
}

void AppRoleTable::setChoices(const Choices &apps, const Choices &roles)
{
    m_apps = apps;
    m_roles = roles;
}

void AppRoleTable::setMappings(const QJsonArray &mappings)
{
    m_table->setRowCount(0);
    m_loadedIds.clear();
    for (const QJsonValue &value : mappings) {
        const QJsonObject mapping = value.toObject();
        const qint64 id = qint64(mapping.value(QLatin1String("id")).toDouble());
        addRow(qint64(mapping.value(QLatin1String("app_id")).toDouble()),
               qint64(mapping.value(QLatin1String("role_id")).toDouble()), id);
        m_loadedIds << id;
    }
}

void AppRoleTable::addRow(qint64 appId, qint64 roleId, qint64 id)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    QComboBox *app = choiceBox(m_apps, appId, tr("App"), m_table);
    app->setProperty("mappingId", id);
    m_table->setCellWidget(row, 0, app);
    m_table->setCellWidget(row, 1, choiceBox(m_roles, roleId, tr("Role"), m_table));
}

QJsonArray AppRoleTable::mappingsJson(qint64 userId) const
{
    QJsonArray out;
    QList<qint64> kept;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QJsonObject mapping{{QStringLiteral("app_id"), double(chosen(m_table, row, 0))},
                            {QStringLiteral("role_id"), double(chosen(m_table, row, 1))}};
        if (userId)
            mapping.insert(QStringLiteral("user_id"), double(userId));
        const qint64 id = m_table->cellWidget(row, 0)->property("mappingId").toLongLong();
        if (id) {
            mapping.insert(QStringLiteral("id"), double(id));
            kept << id;
        }
        out.append(mapping);
    }
    for (qint64 id : m_loadedIds)
        if (!kept.contains(id))
            out.append(
                QJsonObject{{QStringLiteral("id"), double(id)}, {QStringLiteral("user_id"), QJsonValue()}});
    return out;
}

QStringList AppRoleTable::validate() const
{
    QStringList problems;
    QSet<qint64> apps;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const qint64 app = chosen(m_table, row, 0);
        if (!app || !chosen(m_table, row, 1))
            problems << tr("App role %1 needs an app and a role.").arg(row + 1);
        else if (apps.contains(app))
            problems << tr("A user has one role per app: app role %1 repeats an app.").arg(row + 1);
        apps.insert(app);
    }
    return problems;
}
} // namespace gatehouse
