#pragma once

#include <QString>
#include <QStringList>

namespace gatehouse::test {

// A realistic 50-table SQLite schema (sales, inventory, billing, support, HR) with foreign
// keys, self-references, junction tables and a few low-cardinality status columns, plus a
// little data in the core tables. Used by the `_spec` / api_docs tests.
class ShopSchema
{
public:
    static constexpr int kTableCount = 50;
    static constexpr int kCustomers = 12; // countries 1 and 2 alternate
    static constexpr int kOrders = 30;

    // Creates the tables and rows in a new SQLite file; false with `error` set on failure.
    static bool create(const QString &sqliteFile, QString *error);
    static QStringList tableNames();
};
} // namespace gatehouse::test
