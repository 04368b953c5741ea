#include "ShopSchema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace gatehouse::test {
namespace {

const char *const kTables[] = {
    "CREATE TABLE regions (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL, code VARCHAR(8))",
    "CREATE TABLE countries (id INTEGER PRIMARY KEY, region_id INTEGER NOT NULL REFERENCES regions(id), "
    "name VARCHAR(80) NOT NULL, iso_code VARCHAR(2) NOT NULL)",
    "CREATE TABLE currencies (id INTEGER PRIMARY KEY, code VARCHAR(3) NOT NULL, name VARCHAR(40), symbol "
    "VARCHAR(4))",
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL, cost_center VARCHAR(10))",
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, department_id INTEGER REFERENCES departments(id), "
    "manager_id INTEGER REFERENCES employees(id), first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT "
    "NULL, "
    "job_title VARCHAR(60), hired_at DATE)",
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, country_id INTEGER NOT NULL REFERENCES countries(id), "
    "name VARCHAR(100) NOT NULL, email VARCHAR(120), segment VARCHAR(20), status VARCHAR(20) NOT NULL "
    "DEFAULT "
    "'active', created_at DATETIME)",
    "CREATE TABLE customer_addresses (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
    "customers(id), "
    "kind VARCHAR(10), line1 VARCHAR(120), city VARCHAR(60), postal_code VARCHAR(12))",
    "CREATE TABLE customer_contacts (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
    "customers(id), "
    "name VARCHAR(80), phone VARCHAR(30), email VARCHAR(120))",
    "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, country_id INTEGER REFERENCES countries(id), "
    "name VARCHAR(100) NOT NULL, rating INTEGER, status VARCHAR(20))",
    "CREATE TABLE product_categories (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES "
    "product_categories(id), "
    "name VARCHAR(60) NOT NULL)",
    "CREATE TABLE products (id INTEGER PRIMARY KEY, category_id INTEGER REFERENCES product_categories(id), "
    "supplier_id INTEGER REFERENCES suppliers(id), name VARCHAR(100) NOT NULL, sku VARCHAR(20), "
    "price DECIMAL(10,2) NOT NULL, status VARCHAR(12), unit VARCHAR(8))",
    "CREATE TABLE product_prices (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES "
    "products(id), "
    "currency_id INTEGER NOT NULL REFERENCES currencies(id), amount DECIMAL(10,2), valid_from DATE)",
    "CREATE TABLE warehouses (id INTEGER PRIMARY KEY, region_id INTEGER REFERENCES regions(id), name "
    "VARCHAR(60), "
    "code VARCHAR(8))",
    "CREATE TABLE inventory (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), "
    "warehouse_id INTEGER NOT NULL REFERENCES warehouses(id), quantity INTEGER, updated_at DATETIME)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), "
    "employee_id INTEGER REFERENCES employees(id), status VARCHAR(16) NOT NULL, channel VARCHAR(12), "
    "total DECIMAL(12,2), ordered_at DATETIME)",
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), "
    "product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL, unit_price "
    "DECIMAL(10,2))",
    "CREATE TABLE shipments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), "
    "warehouse_id INTEGER REFERENCES warehouses(id), carrier VARCHAR(20), status VARCHAR(16), shipped_at "
    "DATETIME)",
    "CREATE TABLE shipment_items (id INTEGER PRIMARY KEY, shipment_id INTEGER NOT NULL REFERENCES "
    "shipments(id), "
    "order_item_id INTEGER NOT NULL REFERENCES order_items(id), quantity INTEGER)",
    "CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id), status "
    "VARCHAR(12), "
    "amount DECIMAL(12,2), due_date DATE)",
    "CREATE TABLE invoice_lines (id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES "
    "invoices(id), "
    "description VARCHAR(200), quantity INTEGER, amount DECIMAL(12,2))",
    "CREATE TABLE payments (id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES invoices(id), "
    "method VARCHAR(12), amount DECIMAL(12,2), paid_at DATETIME)",
    "CREATE TABLE refunds (id INTEGER PRIMARY KEY, payment_id INTEGER NOT NULL REFERENCES payments(id), "
    "reason VARCHAR(200), amount DECIMAL(12,2), created_at DATETIME)",
    "CREATE TABLE returns (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), "
    "status VARCHAR(12), reason VARCHAR(200), created_at DATETIME)",
    "CREATE TABLE return_items (id INTEGER PRIMARY KEY, return_id INTEGER NOT NULL REFERENCES returns(id), "
    "order_item_id INTEGER REFERENCES order_items(id), quantity INTEGER)",
    "CREATE TABLE carts (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), created_at "
    "DATETIME)",
    "CREATE TABLE cart_items (id INTEGER PRIMARY KEY, cart_id INTEGER NOT NULL REFERENCES carts(id), "
    "product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER)",
    "CREATE TABLE coupons (id INTEGER PRIMARY KEY, code VARCHAR(20) NOT NULL, discount_pct INTEGER, "
    "valid_until DATE)",
    "CREATE TABLE order_coupons (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), "
    "coupon_id INTEGER NOT NULL REFERENCES coupons(id))",
    "CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), "
    "rating INTEGER, comment VARCHAR(500), created_at DATETIME)",
    "CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)",
    "CREATE TABLE product_tags (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), "
    "tag_id INTEGER NOT NULL REFERENCES tags(id))",
    "CREATE TABLE purchase_orders (id INTEGER PRIMARY KEY, supplier_id INTEGER NOT NULL REFERENCES "
    "suppliers(id), "
    "status VARCHAR(12), ordered_at DATETIME)",
    "CREATE TABLE purchase_order_lines (id INTEGER PRIMARY KEY, purchase_order_id INTEGER NOT NULL "
    "REFERENCES "
    "purchase_orders(id), product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER, unit_cost "
    "DECIMAL(10,2))",
    "CREATE TABLE stock_movements (id INTEGER PRIMARY KEY, inventory_id INTEGER NOT NULL REFERENCES "
    "inventory(id), "
    "kind VARCHAR(10), quantity INTEGER, moved_at DATETIME)",
    "CREATE TABLE tax_rates (id INTEGER PRIMARY KEY, country_id INTEGER REFERENCES countries(id), "
    "name VARCHAR(40), rate DECIMAL(5,2))",
    "CREATE TABLE price_lists (id INTEGER PRIMARY KEY, currency_id INTEGER REFERENCES currencies(id), name "
    "VARCHAR(60))",
    "CREATE TABLE price_list_items (id INTEGER PRIMARY KEY, price_list_id INTEGER NOT NULL REFERENCES "
    "price_lists(id), product_id INTEGER NOT NULL REFERENCES products(id), price DECIMAL(10,2))",
    "CREATE TABLE support_tickets (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
    "customers(id), "
    "priority VARCHAR(8), status VARCHAR(12), subject VARCHAR(200), opened_at DATETIME)",
    "CREATE TABLE ticket_messages (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES "
    "support_tickets(id), body TEXT, sent_at DATETIME)",
    "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name VARCHAR(80), channel VARCHAR(12), budget "
    "DECIMAL(12,2), "
    "starts_at DATE)",
    "CREATE TABLE campaign_members (id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL REFERENCES "
    "campaigns(id), "
    "customer_id INTEGER NOT NULL REFERENCES customers(id), responded BOOLEAN)",
    "CREATE TABLE loyalty_accounts (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
    "customers(id), "
    "tier VARCHAR(10), points INTEGER)",
    "CREATE TABLE loyalty_transactions (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES "
    "loyalty_accounts(id), points INTEGER, created_at DATETIME)",
    "CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
    "customers(id), "
    "plan VARCHAR(12), status VARCHAR(12), started_at DATE)",
    "CREATE TABLE subscription_events (id INTEGER PRIMARY KEY, subscription_id INTEGER NOT NULL REFERENCES "
    "subscriptions(id), kind VARCHAR(16), occurred_at DATETIME)",
    "CREATE TABLE projects (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), "
    "name VARCHAR(80), status VARCHAR(12))",
    "CREATE TABLE timesheets (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id), "
    "employee_id INTEGER NOT NULL REFERENCES employees(id), hours DECIMAL(5,2), work_date DATE)",
    "CREATE TABLE expenses (id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL REFERENCES employees(id), "
    "category VARCHAR(20), amount DECIMAL(10,2), spent_on DATE)",
    "CREATE TABLE audit_events (id INTEGER PRIMARY KEY, employee_id INTEGER REFERENCES employees(id), "
    "action VARCHAR(20), entity VARCHAR(40), occurred_at DATETIME)",
    "CREATE TABLE exchange_rates (id INTEGER PRIMARY KEY, currency_id INTEGER NOT NULL REFERENCES "
    "currencies(id), "
    "rate DECIMAL(12,6), rate_date DATE)",
};

const char *const kRows[] = {
    "INSERT INTO regions VALUES (1,'Europe','EU'),(2,'North America','NA')",
    "INSERT INTO countries VALUES (1,1,'Germany','DE'),(2,2,'Canada','CA'),(3,1,'France','FR')",
    "INSERT INTO currencies VALUES (1,'EUR','Euro','€'),(2,'CAD','Canadian dollar','$')",
    "INSERT INTO departments VALUES (1,'Sales','CC-100'),(2,'Support','CC-200')",
    "INSERT INTO employees VALUES (1,1,NULL,'Anna','Berg','Head of Sales','2019-03-01'),"
    "(2,1,1,'Tom','Lee','Account Manager','2021-06-15'),(3,2,1,'Mia','Roy','Support Agent','2022-01-10')",
    "INSERT INTO product_categories VALUES (1,NULL,'Hardware'),(2,1,'Laptops'),(3,1,'Monitors')",
    "INSERT INTO suppliers VALUES (1,1,'Nordtek GmbH',4,'active'),(2,2,'Maple Supply',3,'active')",
    "INSERT INTO products VALUES (1,2,1,'ThinBook 14','TB-14',1299.00,'active','pcs'),"
    "(2,2,1,'ThinBook 16','TB-16',1599.00,'active','pcs'),(3,3,2,'View 27','V-27',329.00,'active','pcs'),"
    "(4,3,2,'View 32','V-32',499.00,'discontinued','pcs'),(5,1,2,'USB-C Cable','C-1',9.90,'active','m')",
    "INSERT INTO warehouses VALUES (1,1,'Hamburg','HH'),(2,2,'Toronto','YYZ')",
};
} // namespace

QStringList ShopSchema::tableNames()
{
    QStringList names;
    for (const char *statement : kTables)
        names << QString::fromLatin1(statement).section(QLatin1Char(' '), 2, 2);
    return names;
}

bool ShopSchema::create(const QString &sqliteFile, QString *error)
{
    static_assert(sizeof(kTables) / sizeof(kTables[0]) == kTableCount, "the fixture has 50 tables");
    const QString name = QStringLiteral("shop-schema-") + sqliteFile;
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(sqliteFile);
        ok = db.open();
        QSqlQuery query(db);
        const auto run = [&](const QString &sql) {
            if (ok && !query.exec(sql)) {
                ok = false;
                if (error)
                    *error = sql + QStringLiteral(": ") + query.lastError().text();
            }
        };
        run(QStringLiteral("BEGIN"));
        for (const char *statement : kTables)
            run(QString::fromUtf8(statement));
        for (const char *statement : kRows)
            run(QString::fromUtf8(statement));
        // Customers alternate between Germany (odd ids) and Canada (even ids).
        const char *const segments[] = {"retail", "wholesale", "online"};
        for (int id = 1; id <= kCustomers; ++id) {
            const bool german = id % 2 == 1;
            run(QStringLiteral(
                    "INSERT INTO customers VALUES (%1,%2,'%3 Customer %1','c%1@example.com','%4','%5',"
                    "'2024-01-%6 10:00:00')")
                    .arg(id)
                    .arg(german ? 1 : 2)
                    .arg(german ? QStringLiteral("Berlin") : QStringLiteral("Ottawa"))
                    .arg(QLatin1String(segments[id % 3]))
                    .arg(german ? (id % 4 == 1 ? QStringLiteral("active") : QStringLiteral("prospect"))
                                : QStringLiteral("churned"))
                    .arg(id, 2, 10, QLatin1Char('0')));
        }
        const char *const statuses[] = {"new", "paid", "shipped", "cancelled"};
        const char *const channels[] = {"web", "phone", "partner"};
        for (int id = 1; id <= kOrders; ++id) {
            run(QStringLiteral("INSERT INTO orders VALUES (%1,%2,%3,'%4','%5',%6,'2024-02-%7 09:30:00')")
                    .arg(id)
                    .arg((id - 1) % kCustomers + 1)
                    .arg(id % 3 + 1)
                    .arg(QLatin1String(statuses[id % 4]))
                    .arg(QLatin1String(channels[id % 3]))
                    .arg(100.0 + id * 17.5)
                    .arg(id % 28 + 1, 2, 10, QLatin1Char('0')));
            run(QStringLiteral("INSERT INTO order_items VALUES (%1,%1,%2,%3,%4)")
                    .arg(id)
                    .arg(id % 5 + 1)
                    .arg(id % 4 + 1)
                    .arg(9.9 + id));
        }
        run(QStringLiteral("COMMIT"));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace gatehouse::test
