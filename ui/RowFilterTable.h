#pragma once

#include <QJsonArray>
#include <QWidget>

class QComboBox;
class QTableWidget;

namespace gatehouse {

// The row-filter builder of an access rule: rows of field / operator / value (values may hold
// lookups such as {user.id}), joined by AND or OR. Reads and writes the rule's `filters` and
// `filter_op` as the API has them.
class RowFilterTable : public QWidget
{
    Q_OBJECT
public:
    explicit RowFilterTable(QWidget *parent = nullptr);

    void setFilters(const QJsonArray &filters, const QString &filterOp);
    QJsonArray filters() const;
    QString filterOp() const;
    void addRow(const QString &field = QString(), const QString &op = QStringLiteral("="),
                const QString &value = QString());
    // Problems that would make the server refuse the rule (empty field, missing value).
    QStringList validate() const;
    // Column names offered for the field cells.
    void setFieldNames(const QStringList &names);

    QTableWidget *table() const { return m_table; }
    QComboBox *filterOpBox() const { return m_op; }

Q_SIGNALS:
    void changed();

private:
    QComboBox *operatorBox(int row) const;

    QTableWidget *m_table;
    QComboBox *m_op;
    QStringList m_fieldNames;
};
} // namespace gatehouse
