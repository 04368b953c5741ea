#include "TableRowControls.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gatehouse {

void TableRowControls::install(QWidget *owner, QTableWidget *table, QPushButton *add, QPushButton *remove,
                               std::function<void()> addRow, int focusColumn)
{
    QObject::connect(add, &QPushButton::clicked, owner, [table, addRow = std::move(addRow), focusColumn] {
        addRow();
        table->setCurrentCell(table->rowCount() - 1, focusColumn);
        table->setFocus();
    });
    QObject::connect(remove, &QPushButton::clicked, owner, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    layout->addLayout(buttons);
    owner->setFocusProxy(table);
}
} // namespace gatehouse
