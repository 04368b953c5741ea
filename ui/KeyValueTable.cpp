#include "KeyValueTable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include "TableRowControls.h"

namespace gatehouse {

KeyValueTable::KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    m_table->setHorizontalHeaderLabels({keyTitle, valueTitle});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTabKeyNavigation(false);
    m_table->setMinimumHeight(90);
    auto *add = new QPushButton(tr("Add row"), this);
    auto *remove = new QPushButton(tr("Remove row"), this);
    TableRowControls::install(this, m_table, add, remove, [this] { addRow(); });
}

void KeyValueTable::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

void KeyValueTable::setValues(const QJsonObject &values)
{
    m_table->setRowCount(0);
    for (auto it = values.begin(); it != values.end(); ++it)
        addRow(it.key(), it.value().toString());
}

QJsonObject KeyValueTable::values() const
{
    QJsonObject out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        if (!key.isEmpty() || !value.isEmpty())
            out.insert(key, value);
    }
    return out;
}

QStringList KeyValueTable::validate(const QString &what) const
{
    // Lookup names become {user.<name>}: lower-case letters, digits and underscores.
    static const QRegularExpression lookupName(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue;
        if (!lookupName.match(key).hasMatch())
            problems << tr("%1, row %2: the lookup name must use lower-case letters, digits and underscores.")
                            .arg(what)
                            .arg(row + 1);
        if (value.isEmpty())
            problems << tr("%1, row %2 needs a value.").arg(what).arg(row + 1);
    }
    return problems;
}
} // namespace gatehouse
