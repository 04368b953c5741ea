#include "JsonTableModel.h"

#include <QJsonDocument>

namespace gatehouse {

JsonTableModel::JsonTableModel(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{
}

void JsonTableModel::setRows(const QJsonArray &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void JsonTableModel::appendRows(const QJsonArray &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    for (const QJsonValue &row : rows)
        m_rows.append(row);
    endInsertRows();
}

QJsonObject JsonTableModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).toObject() : QJsonObject();
}

QJsonValue JsonTableModel::valueAt(const QJsonObject &record, const QString &key)
{
    if (!key.contains(QLatin1Char('.')))
        return record.value(key);
    QJsonValue value = record;
    for (const QString &part : key.split(QLatin1Char('.')))
        value = value.toObject().value(part);
    return value;
}

QString JsonTableModel::displayText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Whole numbers (ids, counts) without a decimal point or exponent.
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number, 'g', 12);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return QString();
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const QJsonValue value = valueAt(m_rows.at(index.row()).toObject(), m_columns.at(index.column()).key);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return displayText(value);
    case Qt::TextAlignmentRole:
        return value.isDouble() ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns.at(section).header;
    return QAbstractTableModel::headerData(section, orientation, role);
}
} // namespace gatehouse
