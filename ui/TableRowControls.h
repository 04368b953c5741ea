#pragma once

#include <functional>

class QPushButton;
class QTableWidget;
class QWidget;

namespace gatehouse {

// The editable tables of the service forms (lookups, group→role maps) share one shape: the table,
// then "add" and "remove" buttons under it. install() lays that out in `owner` and wires the
// buttons: add appends a row through `addRow` and puts the cursor in `focusColumn`; remove drops
// the current row.
class TableRowControls
{
public:
    static void install(QWidget *owner, QTableWidget *table, QPushButton *add, QPushButton *remove,
                        std::function<void()> addRow, int focusColumn = 0);
};
} // namespace gatehouse
