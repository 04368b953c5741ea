#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include "JsonTableModel.h"

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace gatehouse {

class GatehouseClient;
struct ApiReply;

// A system resource list (`system/role`, `system/user` …) that stays fast with thousands of
// records: it loads one page (`limit`/`offset`, with `include_count`) and fetches the next when
// the view is scrolled near its end, appending to the model so selection and scroll position
// stay. A reload cancels the pages still in flight.
class PagedRecordList : public QWidget
{
    Q_OBJECT
public:
    PagedRecordList(GatehouseClient *client, QList<JsonTableModel::Column> columns,
                    QWidget *parent = nullptr);

    // `path` below /api/v2 ("system/user"); `query` is added to each page ("related=…").
    void setSource(const QString &path, const QString &query = QString());
    void setPageSize(int size) { m_pageSize = size; }
    // Shows a search field above the list that narrows it, on the server, to records whose
    // `fields` contain the typed text (a `like` filter; typing pauses briefly before reloading).
    void setSearchFields(const QStringList &fields);
    QLineEdit *searchField() const { return m_search; }
    void reload();
    // Fetches the next page unless every record is loaded or a page is in flight.
    void fetchMore();
    bool hasMore() const;

    QTableView *view() const { return m_view; }
    JsonTableModel *model() const { return m_model; }
    QJsonObject currentRecord() const;
    int total() const { return m_total; }

Q_SIGNALS:
    // A page arrived (or failed: `reply` tells); `first` for the page a reload() asked for.
    void pageLoaded(const gatehouse::ApiReply &reply, bool first);
    void currentChanged();
    void activated(const QJsonObject &record);

private:
    void updateStatus();
    QString searchFilter() const;

    GatehouseClient *m_client;
    JsonTableModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QStringList m_searchFields;
    QString m_path;
    QString m_query;
    int m_pageSize = 200;
    int m_total = -1;
    QPointer<QObject> m_request;
};
} // namespace gatehouse
