#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace gatehouse {

// Rows of JSON records (what the REST API returns in "resource") shown as a table: one column
// per chosen key. Pages that page through large tables append batches with appendRows(), so the
// view keeps its scroll position and selection.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column
    {
        QString key; // may name a nested value with dots: "user.email"
        QString header;
    };

    explicit JsonTableModel(QList<Column> columns, QObject *parent = nullptr);

    void setRows(const QJsonArray &rows);
    void appendRows(const QJsonArray &rows);
    QJsonObject record(int row) const;
    const QJsonArray &records() const { return m_rows; }
    const QList<Column> &columns() const { return m_columns; }
    // The text a cell shows (also what CSV export writes).
    static QString displayText(const QJsonValue &value);
    static QJsonValue valueAt(const QJsonObject &record, const QString &key);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Column> m_columns;
    QJsonArray m_rows;
};
} // namespace gatehouse
