#include "PagedRecordList.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "client/GatehouseClient.h"

namespace gatehouse {

PagedRecordList::PagedRecordList(GatehouseClient *client, QList<JsonTableModel::Column> columns,
                                 QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new JsonTableModel(std::move(columns), this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setPlaceholderText(tr("Search…"));
    m_search->setClearButtonEnabled(true);
    m_search->hide();
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &PagedRecordList::reload);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        reload();
    });
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Uniform row heights: no per-row size hints, so thousands of rows scroll smoothly.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("listStatus"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_view);

    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= m_view->verticalScrollBar()->maximum() - 5)
            fetchMore();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PagedRecordList::currentChanged);
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT activated(m_model->record(index.row())); });
}

void PagedRecordList::setSource(const QString &path, const QString &query)
{
    m_path = path;
    m_query = query;
}

void PagedRecordList::setSearchFields(const QStringList &fields)
{
    m_searchFields = fields;
    m_search->setVisible(!fields.isEmpty());
}

QString PagedRecordList::searchFilter() const
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty() || m_searchFields.isEmpty())
        return QString();
    // The text is a quoted filter value: a quote is written twice to stand for itself.
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    QStringList parts;
    for (const QString &field : m_searchFields)
        parts << QStringLiteral("(%1 like '%%2%')").arg(field, quoted);
    return parts.join(QStringLiteral(" or "));
}

bool PagedRecordList::hasMore() const
{
    return m_total < 0 || m_model->rowCount() < m_total;
}

QJsonObject PagedRecordList::currentRecord() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? m_model->record(index.row()) : QJsonObject();
}

void PagedRecordList::reload()
{
    delete m_request; // cancels a page still in flight
    m_total = -1;
    m_model->setRows({});
    fetchMore();
}

void PagedRecordList::fetchMore()
{
    if (m_request || !hasMore() || m_path.isEmpty())
        return;
    const bool first = m_model->rowCount() == 0;
    auto *request = new QObject(this);
    m_request = request;
    QString path = QStringLiteral("%1?include_count=true&limit=%2&offset=%3")
                       .arg(m_path)
                       .arg(m_pageSize)
                       .arg(m_model->rowCount());
    if (!m_query.isEmpty())
        path += QLatin1Char('&') + m_query;
    if (const QString filter = searchFilter(); !filter.isEmpty())
        path += QStringLiteral("&filter=") + QString::fromLatin1(QUrl::toPercentEncoding(filter));
    m_client->send("GET", path, QJsonValue(), request, [this, request, first](const ApiReply &reply) {
        request->deleteLater();
        m_request = nullptr;
        if (reply.ok()) {
            const QJsonObject body = reply.body.toObject();
            const QJsonArray rows = body.value(QLatin1String("resource")).toArray();
            const QJsonValue count =
                body.value(QLatin1String("meta")).toObject().value(QLatin1String("count"));
            m_total = count.isDouble() ? count.toInt() : int(m_model->rowCount() + rows.size());
            m_model->appendRows(rows);
            // A short page means the end even if the count was off.
            if (rows.size() < m_pageSize)
                m_total = m_model->rowCount();
            if (first && m_model->rowCount() > 0)
                m_view->setCurrentIndex(m_model->index(0, 0));
            // A tall window may show the whole first page: keep filling it.
            if (hasMore() && m_view->verticalScrollBar()->maximum() == 0)
                QMetaObject::invokeMethod(this, &PagedRecordList::fetchMore, Qt::QueuedConnection);
        } else {
            m_total = m_model->rowCount(); // stop fetching; the page shows the error
        }
        updateStatus();
        Q_EMIT pageLoaded(reply, first);
    });
}

void PagedRecordList::updateStatus()
{
    if (m_total > m_model->rowCount())
        m_status->setText(tr("Showing %1 of %n record(s); scroll down for more.", nullptr, m_total)
                              .arg(m_model->rowCount()));
    else
        m_status->setText(tr("%n record(s)", nullptr, m_model->rowCount()));
}
} // namespace gatehouse
