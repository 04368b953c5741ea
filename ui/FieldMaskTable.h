#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

#include "client/GatehouseClient.h"

class QTableWidget;

namespace gatehouse {

// A role's field masking rules (/system/field_mask): service, table, column, mode (redact,
// partial keeping N characters, hash, null, detect with detectors) and whether filtering on the
// column stays allowed. Field masks are their own resource, so saving is a list of calls
// (requests()) the role editor runs after the role itself is stored.
class FieldMaskTable : public QWidget
{
    Q_OBJECT
public:
    struct Call
    {
        QByteArray method;
        QString path;
        QJsonValue body;
    };

    explicit FieldMaskTable(QWidget *parent = nullptr);

    void setServices(const QList<ServiceDefinition> &services);
    void setMasks(const QJsonArray &masks);
    void addRow(const QJsonObject &mask = QJsonObject());
    QStringList validate() const;
    // The calls that make the stored masks of `roleId` equal to the table.
    QList<Call> requests(qint64 roleId) const;
    // Records that `call` succeeded (new rows get their ids), so that after a later call fails,
    // requests() asks only for what is still missing.
    void markDone(const Call &call, const ApiReply &reply);
    QTableWidget *table() const { return m_table; }

private:
    QJsonObject rowJson(int row) const;

    QTableWidget *m_table;
    QList<ServiceDefinition> m_services;
    QList<qint64> m_loadedIds;
};
} // namespace gatehouse
