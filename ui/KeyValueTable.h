#pragma once

#include <QJsonObject>
#include <QWidget>

class QTableWidget;

namespace gatehouse {

// A two-column editor for a JSON object of strings, e.g. lookup name → LDAP attribute
// (`attributes`) or lookup name → token claim (`claims`).
class KeyValueTable : public QWidget
{
    Q_OBJECT
public:
    KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);

    void setValues(const QJsonObject &values);
    QJsonObject values() const;
    QStringList validate(const QString &what) const;
    QTableWidget *table() const { return m_table; }
    void addRow(const QString &key = QString(), const QString &value = QString());

private:
    QTableWidget *m_table;
};
} // namespace gatehouse
