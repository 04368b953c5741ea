#include "RowFilterTable.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include "TableRowControls.h"

namespace gatehouse {
namespace {
const QStringList kOperators = {
    QStringLiteral("="),          QStringLiteral("!="),       QStringLiteral(">"),
    QStringLiteral(">="),         QStringLiteral("<"),        QStringLiteral("<="),
    QStringLiteral("IN"),         QStringLiteral("NOT IN"),   QStringLiteral("STARTS WITH"),
    QStringLiteral("ENDS WITH"),  QStringLiteral("CONTAINS"), QStringLiteral("IS NULL"),
    QStringLiteral("IS NOT NULL")};

bool needsValue(const QString &op)
{
    return op != QLatin1String("IS NULL") && op != QLatin1String("IS NOT NULL");
}

// Field cells complete column names of the rule's table when they are known.
class FieldDelegate : public QStyledItemDelegate
{
public:
    FieldDelegate(const QStringList *names, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_names(names)
    {
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && !m_names->isEmpty()) {
            auto *completer = new QCompleter(*m_names, line);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            line->setCompleter(completer);
        }
        return editor;
    }

private:
    const QStringList *m_names;
};
} // namespace

RowFilterTable::RowFilterTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_op(new QComboBox(this))
{
    m_table->setObjectName(QStringLiteral("filters"));
    m_table->setAccessibleName(tr("Row filters"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Operator"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(0, new FieldDelegate(&m_fieldNames, m_table));
    m_table->setToolTip(tr("Values may use lookups such as {user.id} or {app.name}."));
    m_op->setObjectName(QStringLiteral("filterOp"));
    m_op->setAccessibleName(tr("Combine filters with"));
    m_op->addItem(tr("All must match (AND)"), QStringLiteral("AND"));
    m_op->addItem(tr("Any may match (OR)"), QStringLiteral("OR"));
    connect(m_op, &QComboBox::currentIndexChanged, this, &RowFilterTable::changed);
    connect(m_table, &QTableWidget::cellChanged, this, &RowFilterTable::changed);

    auto *rows = new QWidget(this);
    auto *add = new QPushButton(tr("Add filte&r"), rows);
    add->setObjectName(QStringLiteral("addFilter"));
    auto *remove = new QPushButton(tr("Remove filt&er"), rows);
    remove->setObjectName(QStringLiteral("removeFilter"));
    TableRowControls::install(rows, m_table, add, remove, [this] { addRow(); });
    connect(remove, &QPushButton::clicked, this, &RowFilterTable::changed);

    auto *opLabel = new QLabel(tr("Com&bine:"), this);
    opLabel->setBuddy(m_op);
    auto *opRow = new QHBoxLayout;
    opRow->addWidget(opLabel);
    opRow->addWidget(m_op);
    opRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(rows, 1);
    layout->addLayout(opRow);
    setFocusProxy(m_table);
}

void RowFilterTable::setFieldNames(const QStringList &names)
{
    m_fieldNames = names;
}

QComboBox *RowFilterTable::operatorBox(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, 1));
}

void RowFilterTable::addRow(const QString &field, const QString &op, const QString &value)
{
    const QSignalBlocker blocker(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(field));
    m_table->setItem(row, 2, new QTableWidgetItem(value));
    auto *box = new QComboBox(m_table);
    box->setAccessibleName(tr("Operator"));
    box->addItems(kOperators);
    box->setCurrentText(op.simplified().toUpper());
    connect(box, &QComboBox::currentIndexChanged, this, &RowFilterTable::changed);
    m_table->setCellWidget(row, 1, box);
    Q_EMIT changed();
}

void RowFilterTable::setFilters(const QJsonArray &filters, const QString &filterOp)
{
    const QSignalBlocker blocker(this);
    m_table->setRowCount(0);
    for (const QJsonValue &value : filters) {
        const QJsonObject filter = value.toObject();
        const QJsonValue v = filter.value(QLatin1String("value"));
        QString text;
        if (v.isArray()) {
            QStringList parts;
            for (const QJsonValue &item : v.toArray())
                parts << (item.isString() ? item.toString() : QString::number(item.toDouble()));
            text = parts.join(QStringLiteral(", "));
        } else if (v.isDouble()) {
            text = QString::number(v.toDouble());
        } else {
            text = v.toString();
        }
        addRow(filter.value(QLatin1String("name")).toString(),
               filter.value(QLatin1String("operator")).toString(QStringLiteral("=")), text);
    }
    m_op->setCurrentIndex(filterOp.compare(QLatin1String("OR"), Qt::CaseInsensitive) == 0 ? 1 : 0);
}

QJsonArray RowFilterTable::filters() const
{
    QJsonArray out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString field = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString op = operatorBox(row) ? operatorBox(row)->currentText() : QStringLiteral("=");
        const QString value = m_table->item(row, 2) ? m_table->item(row, 2)->text() : QString();
        if (field.isEmpty() && value.isEmpty())
            continue; // an empty row left behind is not a filter
        QJsonObject filter{{QStringLiteral("name"), field}, {QStringLiteral("operator"), op}};
        filter.insert(QStringLiteral("value"), needsValue(op) ? QJsonValue(value) : QJsonValue());
        out.append(filter);
    }
    return out;
}

QString RowFilterTable::filterOp() const
{
    return m_op->currentData().toString();
}

QStringList RowFilterTable::validate() const
{
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString field = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString op = operatorBox(row) ? operatorBox(row)->currentText() : QString();
        const QString value = m_table->item(row, 2) ? m_table->item(row, 2)->text() : QString();
        if (field.isEmpty() && value.isEmpty())
            continue;
        if (field.isEmpty())
            problems << tr("Filter %1 needs a field.").arg(row + 1);
        else if (needsValue(op) && value.trimmed().isEmpty())
            problems << tr("Filter %1 (%2 %3) needs a value.").arg(row + 1).arg(field, op);
    }
    return problems;
}
} // namespace gatehouse
