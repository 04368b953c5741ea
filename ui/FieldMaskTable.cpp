#include "FieldMaskTable.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include "TableRowControls.h"

namespace gatehouse {
namespace {
enum Column
{
    ServiceColumn,
    TableColumn,
    FieldColumn,
    ModeColumn,
    KeepColumn,
    DetectorsColumn,
    AllowFilterColumn
};
const QStringList kModes = {QStringLiteral("redact"), QStringLiteral("partial"), QStringLiteral("hash"),
                            QStringLiteral("null"), QStringLiteral("detect")};
const QStringList kDetectors = {QStringLiteral("email"), QStringLiteral("ssn"), QStringLiteral("card"),
                                QStringLiteral("phone")};
} // namespace

FieldMaskTable::FieldMaskTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 7, this))
{
    m_table->setObjectName(QStringLiteral("fieldMasks"));
    m_table->setAccessibleName(tr("Field masks"));
    m_table->setHorizontalHeaderLabels({tr("Service"), tr("Table"), tr("Column"), tr("Mode"), tr("Keep"),
                                        tr("Detectors"), tr("Filterable")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setToolTip(
        tr("Table and column may be * for all. Detectors (for mode detect): email, ssn, card, phone."));
    auto *add = new QPushButton(tr("Add &mask"), this);
    add->setObjectName(QStringLiteral("addMask"));
    auto *remove = new QPushButton(tr("Remove mas&k"), this);
    remove->setObjectName(QStringLiteral("removeMask"));
    TableRowControls::install(
        this, m_table, add, remove, [this] { addRow(); }, TableColumn);
}

void FieldMaskTable::setServices(const QList<ServiceDefinition> &services)
{
    m_services = services;
}

void FieldMaskTable::setMasks(const QJsonArray &masks)
{
    m_table->setRowCount(0);
    m_loadedIds.clear();
    for (const QJsonValue &mask : masks) {
        addRow(mask.toObject());
        m_loadedIds << qint64(mask.toObject().value(QLatin1String("id")).toDouble());
    }
}

void FieldMaskTable::addRow(const QJsonObject &mask)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *service = new QComboBox(m_table);
    service->setAccessibleName(tr("Service"));
    for (const ServiceDefinition &definition : std::as_const(m_services))
        if (definition.name != QLatin1String("system"))
            service->addItem(definition.name, definition.id);
    const int serviceIndex = service->findData(qint64(mask.value(QLatin1String("service_id")).toDouble()));
    if (serviceIndex >= 0)
        service->setCurrentIndex(serviceIndex);
    m_table->setCellWidget(row, ServiceColumn, service);
    auto *id = new QTableWidgetItem(mask.value(QLatin1String("table_name")).toString(QStringLiteral("*")));
    id->setData(Qt::UserRole, mask.value(QLatin1String("id")).toDouble()); // 0 for new rows
    m_table->setItem(row, TableColumn, id);
    m_table->setItem(row, FieldColumn, new QTableWidgetItem(mask.value(QLatin1String("field")).toString()));
    auto *mode = new QComboBox(m_table);
    mode->setAccessibleName(tr("Mode"));
    mode->addItems(kModes);
    mode->setCurrentText(mask.value(QLatin1String("mode")).toString(QStringLiteral("redact")));
    m_table->setCellWidget(row, ModeColumn, mode);
    auto *keep = new QSpinBox(m_table);
    keep->setAccessibleName(tr("Characters kept"));
    keep->setRange(0, 64);
    keep->setValue(mask.value(QLatin1String("keep")).toInt(4));
    m_table->setCellWidget(row, KeepColumn, keep);
    QStringList detectors;
    for (const QJsonValue &detector : mask.value(QLatin1String("detectors")).toArray())
        detectors << detector.toString();
    m_table->setItem(row, DetectorsColumn, new QTableWidgetItem(detectors.join(QStringLiteral(", "))));
    auto *allow = new QTableWidgetItem;
    allow->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    allow->setCheckState(mask.value(QLatin1String("allow_filter")).toBool() ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, AllowFilterColumn, allow);
}

QJsonObject FieldMaskTable::rowJson(int row) const
{
    auto text = [this, row](int column) {
        return m_table->item(row, column) ? m_table->item(row, column)->text().trimmed() : QString();
    };
    const auto *service = qobject_cast<QComboBox *>(m_table->cellWidget(row, ServiceColumn));
    const auto *mode = qobject_cast<QComboBox *>(m_table->cellWidget(row, ModeColumn));
    const auto *keep = qobject_cast<QSpinBox *>(m_table->cellWidget(row, KeepColumn));
    QJsonObject json{
        {QStringLiteral("service_id"), double(service ? service->currentData().toLongLong() : 0)},
        {QStringLiteral("table_name"), text(TableColumn)},
        {QStringLiteral("field"), text(FieldColumn)},
        {QStringLiteral("mode"), mode ? mode->currentText() : QString()},
        {QStringLiteral("allow_filter"), m_table->item(row, AllowFilterColumn)->checkState() == Qt::Checked}};
    if (json.value(QLatin1String("mode")).toString() == QLatin1String("partial"))
        json.insert(QStringLiteral("keep"), keep ? keep->value() : 4);
    if (json.value(QLatin1String("mode")).toString() == QLatin1String("detect")) {
        QJsonArray detectors;
        for (const QString &detector : text(DetectorsColumn).split(QLatin1Char(','), Qt::SkipEmptyParts))
            detectors.append(detector.trimmed().toLower());
        json.insert(QStringLiteral("detectors"), detectors);
    }
    const qint64 id = qint64(m_table->item(row, TableColumn)->data(Qt::UserRole).toDouble());
    if (id)
        json.insert(QStringLiteral("id"), double(id));
    return json;
}

QStringList FieldMaskTable::validate() const
{
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QJsonObject mask = rowJson(row);
        if (mask.value(QLatin1String("service_id")).toDouble() <= 0)
            problems << tr("Mask %1 needs a service.").arg(row + 1);
        if (mask.value(QLatin1String("table_name")).toString().isEmpty())
            problems << tr("Mask %1 needs a table (or *).").arg(row + 1);
        if (mask.value(QLatin1String("field")).toString().isEmpty())
            problems << tr("Mask %1 needs a column (or *).").arg(row + 1);
        if (mask.value(QLatin1String("mode")).toString() == QLatin1String("detect")) {
            const QJsonArray detectors = mask.value(QLatin1String("detectors")).toArray();
            if (detectors.isEmpty())
                problems
                    << tr("Mask %1 detects nothing: name detectors (email, ssn, card, phone).").arg(row + 1);
            for (const QJsonValue &detector : detectors)
                if (!kDetectors.contains(detector.toString()))
                    problems << tr("Mask %1: unknown detector \"%2\".").arg(row + 1).arg(detector.toString());
        }
    }
    return problems;
}

void FieldMaskTable::markDone(const Call &call, const ApiReply &reply)
{
    if (call.method == "DELETE") {
        const QString ids = call.path.mid(call.path.indexOf(QLatin1Char('=')) + 1);
        for (const QString &id : ids.split(QLatin1Char(',')))
            m_loadedIds.removeAll(id.toLongLong());
        return;
    }
    if (call.method != "POST")
        return;
    // New rows are sent in table order and answered in that order.
    const QJsonArray created = reply.body.toObject().value(QLatin1String("resource")).toArray();
    qsizetype next = 0;
    for (int row = 0; row < m_table->rowCount() && next < created.size(); ++row) {
        QTableWidgetItem *item = m_table->item(row, TableColumn);
        if (item->data(Qt::UserRole).toDouble() != 0)
            continue;
        const double id = created.at(next++).toObject().value(QLatin1String("id")).toDouble();
        item->setData(Qt::UserRole, id);
        m_loadedIds << qint64(id);
    }
}

QList<FieldMaskTable::Call> FieldMaskTable::requests(qint64 roleId) const
{
    QList<Call> calls;
    QList<qint64> kept;
    QJsonArray created;
    QJsonArray changed;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QJsonObject mask = rowJson(row);
        mask.insert(QStringLiteral("role_id"), double(roleId));
        if (mask.contains(QLatin1String("id"))) {
            kept << qint64(mask.value(QLatin1String("id")).toDouble());
            changed.append(mask);
        } else {
            created.append(mask);
        }
    }
    QStringList removed;
    for (qint64 id : m_loadedIds)
        if (!kept.contains(id))
            removed << QString::number(id);
    if (!removed.isEmpty())
        calls << Call{"DELETE",
                      QStringLiteral("system/field_mask?ids=%1").arg(removed.join(QLatin1Char(','))),
                      QJsonValue()};
    if (!changed.isEmpty())
        calls << Call{"PATCH", QStringLiteral("system/field_mask"),
                      QJsonObject{{QStringLiteral("resource"), changed}}};
    if (!created.isEmpty())
        calls << Call{"POST", QStringLiteral("system/field_mask"),
                      QJsonObject{{QStringLiteral("resource"), created}}};
    return calls;
}
} // namespace gatehouse
