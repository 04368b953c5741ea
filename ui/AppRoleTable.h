#pragma once

#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

namespace gatehouse {

// A user's role per app (`user_to_app_to_role_by_user_id`): rows of app → role, both chosen
// from the stored apps and roles. Mappings removed here are sent as {"id": n, "user_id": null}.
class AppRoleTable : public QWidget
{
    Q_OBJECT
public:
    using Choices = QList<QPair<qint64, QString>>; // id, name

    explicit AppRoleTable(QWidget *parent = nullptr);

    void setChoices(const Choices &apps, const Choices &roles);
    void setMappings(const QJsonArray &mappings);
    void addRow(qint64 appId = 0, qint64 roleId = 0, qint64 id = 0);
    // What to send; `userId` 0 for a user not stored yet.
    QJsonArray mappingsJson(qint64 userId) const;
    QStringList validate() const;
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
    Choices m_apps;
    Choices m_roles;
    QList<qint64> m_loadedIds;
};
} // namespace gatehouse
