#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace gatehouse {

class GatehouseClient;
class JsonTableModel;
class MessageBar;

// A database service's schema and records: its tables (GET /{svc}/_schema), a table's columns
// (type, nullable, primary key, default) and relationships (GET /{svc}/_schema/{table}) and its
// records a page at a time (GET /{svc}/_table/{table}?limit=&offset=&include_count=true), so a
// table of any size loads only one page. Choosing another table or page cancels the call in
// flight.
class SchemaBrowserDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 100;

    SchemaBrowserDialog(GatehouseClient *client, const QString &service, QWidget *parent = nullptr);

    void reload();
    bool selectTable(const QString &table);
    void nextPage();
    void previousPage();
    void setPageSize(int rows);

    QString service() const { return m_service; }
    QString currentTable() const { return m_table; }
    QStringList tables() const;
    QTableWidget *columns() const { return m_columns; }
    QTableWidget *relationships() const { return m_relationships; }
    JsonTableModel *records() const { return m_model; }
    qint64 totalCount() const { return m_total; }
    int offset() const { return m_offset; }
    QString errorText() const;

Q_SIGNALS:
    void tablesLoaded();
    void tableLoaded();
    void recordsLoaded();

private:
    void loadTable(const QString &table);
    void loadRecords();
    void showTableSchema(const QJsonObject &schema);
    void setBusy(bool busy);
    void updatePaging();

    GatehouseClient *m_client;
    QString m_service;
    QString m_table;
    QJsonObject m_schema;
    int m_pageSize = kDefaultPageSize;
    int m_offset = 0;
    qint64 m_total = -1;
    MessageBar *m_messages;
    QListWidget *m_tableList;
    QTabWidget *m_tabs;
    QTableWidget *m_columns;
    QTableWidget *m_relationships;
    QTableView *m_recordView;
    JsonTableModel *m_model = nullptr;
    QLabel *m_pageLabel;
    QPushButton *m_previous;
    QPushButton *m_next;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPointer<QObject> m_call; // the table or page call in flight
};
} // namespace gatehouse
