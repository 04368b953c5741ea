#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QPointer>
#include <QWidget>

#include "CsvExporter.h"
#include "JsonTableModel.h"
#include "LogQuery.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QSaveFile;
class QTableView;

namespace gatehouse {

class GatehouseClient;
class MessageBar;
struct ApiReply;

// One log table of the Logs page (audit, AI usage, AI prompts): filters, a table that loads
// pages on demand (scrolling to the end or "Load more"), the selected record with all its
// fields, and CSV export of everything the filter matches.
class LogTableTab : public QWidget
{
    Q_OBJECT
public:
    // A filter field: free text (a "contains" or "equals" match on `field`) or a fixed choice of
    // conditions written here, never from user input.
    struct Filter
    {
        enum class Kind
        {
            Contains,
            Equals,
            Integer, // equals, and the input must be a whole number
            Choice
        };
        QString name;  // objectName suffix and placeholder name
        QString label; // with a mnemonic
        QString field;
        Kind kind = Kind::Contains;
        QList<QPair<QString, QString>> choices; // label, condition ("" for any)
    };
    struct Spec
    {
        QString name;     // objectName prefix: "audit"
        QString resource; // "system/audit"
        QList<JsonTableModel::Column> columns;
        QStringList fields; // every field, for the detail view and the export
        QList<Filter> filters;
    };

    LogTableTab(GatehouseClient *client, MessageBar *messages, Spec spec, QWidget *parent = nullptr);
    ~LogTableTab() override;

    // Reloads the first page with the current filters.
    void reload();
    // Appends the next page, if any.
    void loadMore();
    bool canLoadMore() const;
    bool isLoading() const { return m_call != nullptr; }
    // The filters as a query; nullopt (and a message in the bar) when an input is invalid.
    std::optional<LogQuery> currentQuery() const;
    JsonTableModel *model() const { return m_model; }
    qint64 totalCount() const { return m_total; }
    void setPageSize(int size) { m_pageSize = size; }
    // Exports every record of the applied filter (before a first load: the filter inputs) to
    // `fileName` with a progress dialog; chooseExportFile() asks for the name first.
    void exportTo(const QString &fileName);
    CsvExporter *exporter() const { return m_exporter; }

Q_SIGNALS:
    void pageLoaded();
    void exportFinished(bool ok);

private:
    void fetch(bool first);
    void chooseExportFile();
    void showRecord();
    void updateCount();
    void finishExport(bool ok, const QString &error);

    GatehouseClient *m_client;
    MessageBar *m_messages;
    Spec m_spec;
    QComboBox *m_range;
    QList<QWidget *> m_filterInputs; // QLineEdit or QComboBox, in m_spec.filters order
    QPushButton *m_apply;
    QTableView *m_table;
    JsonTableModel *m_model;
    QLabel *m_count;
    QPushButton *m_loadMore;
    QPushButton *m_export;
    QPlainTextEdit *m_detail;
    std::unique_ptr<QObject> m_call; // the page in flight
    LogQuery m_query;                // what the loaded rows match
    std::optional<qint64> m_cursor;  // smallest id loaded
    qint64 m_total = -1;
    bool m_exhausted = false;
    int m_pageSize = 100;
    QPointer<CsvExporter> m_exporter;
    QPointer<QProgressDialog> m_progress;
    std::unique_ptr<QSaveFile> m_file;
};
} // namespace gatehouse
