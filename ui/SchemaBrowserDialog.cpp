#include "SchemaBrowserDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "JsonTableModel.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
QString encoded(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, const QString &accessible,
                        QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    return table;
}

QString yesNo(bool value)
{
    return value ? SchemaBrowserDialog::tr("yes") : SchemaBrowserDialog::tr("no");
}
} // namespace

SchemaBrowserDialog::SchemaBrowserDialog(GatehouseClient *client, const QString &service, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_service(service)
    , m_messages(new MessageBar(this))
    , m_tableList(new QListWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_columns(makeTable(
          {tr("Name"), tr("Type"), tr("Database type"), tr("Nullable"), tr("Primary key"), tr("Default")},
          QStringLiteral("columns"), tr("Columns"), this))
    , m_relationships(
          makeTable({tr("Name"), tr("Type"), tr("Field"), tr("Related table"), tr("Related field")},
                    QStringLiteral("relationships"), tr("Relationships"), this))
    , m_recordView(new QTableView(this))
    , m_pageLabel(new QLabel(this))
    , m_previous(new QPushButton(tr("&Previous"), this))
    , m_next(new QPushButton(tr("&Next"), this))
    , m_cancel(new QPushButton(tr("S&top"), this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("Browse %1").arg(service));
    m_tableList->setObjectName(QStringLiteral("tables"));
    m_tableList->setAccessibleName(tr("Tables"));
    auto *tablesLabel = new QLabel(tr("T&ables:"), this);
    tablesLabel->setBuddy(m_tableList);
    m_recordView->setObjectName(QStringLiteral("records"));
    m_recordView->setAccessibleName(tr("Records"));
    m_recordView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recordView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recordView->setTabKeyNavigation(false);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_cancel->setObjectName(QStringLiteral("stop"));
    m_cancel->setToolTip(tr("Stop loading"));
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setAccessibleName(tr("Loading"));
    m_progress->setRange(0, 0); // busy: a page has no meaningful percentage
    m_progress->setMaximumWidth(120);

    auto *recordsPage = new QWidget(this);
    auto *recordsLayout = new QVBoxLayout(recordsPage);
    recordsLayout->setContentsMargins(0, 0, 0, 0);
    recordsLayout->addWidget(m_recordView, 1);
    auto *paging = new QHBoxLayout;
    paging->addWidget(m_pageLabel, 1);
    paging->addWidget(m_progress);
    paging->addWidget(m_cancel);
    paging->addWidget(m_previous);
    paging->addWidget(m_next);
    recordsLayout->addLayout(paging);

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_columns, tr("&Columns"));
    m_tabs->addTab(m_relationships, tr("&Relationships"));
    m_tabs->addTab(recordsPage, tr("Rec&ords"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(tablesLabel);
    leftLayout->addWidget(m_tableList, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *reloadButton = buttons->addButton(tr("Re&load"), QDialogButtonBox::ActionRole);
    reloadButton->setObjectName(QStringLiteral("reload"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(reloadButton, &QPushButton::clicked, this, &SchemaBrowserDialog::reload);
    connect(m_next, &QPushButton::clicked, this, &SchemaBrowserDialog::nextPage);
    connect(m_previous, &QPushButton::clicked, this, &SchemaBrowserDialog::previousPage);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        delete m_call;
        setBusy(false);
        updatePaging();
    });
    connect(m_tableList, &QListWidget::currentTextChanged, this, [this](const QString &table) {
        if (!table.isEmpty() && table != m_table)
            loadTable(table);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(900, 600);
    setBusy(false);
    updatePaging();
    reload();
}

QStringList SchemaBrowserDialog::tables() const
{
    QStringList out;
    for (int i = 0; i < m_tableList->count(); ++i)
        out << m_tableList->item(i)->text();
    return out;
}

QString SchemaBrowserDialog::errorText() const
{
    return m_messages->isHidden() ? QString() : m_messages->text();
}

void SchemaBrowserDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
}

void SchemaBrowserDialog::reload()
{
    delete m_call;
    auto *call = new QObject(this);
    m_call = call;
    setBusy(true);
    m_client->send("GET", QStringLiteral("%1/_schema").arg(encoded(m_service)), QJsonValue(), call,
                   [this, call](const ApiReply &reply) {
                       call->deleteLater();
                       setBusy(false);
                       if (!reply.ok()) {
                           m_messages->showError(tr("The tables could not be loaded"), reply);
                       } else {
                           m_messages->clear();
                           const QString current = m_table;
                           m_table.clear();
                           QSignalBlocker block(m_tableList);
                           m_tableList->clear();
                           for (const QJsonValue &entry :
                                reply.body.toObject().value(QLatin1String("resource")).toArray())
                               m_tableList->addItem(
                                   entry.isString()
                                       ? entry.toString()
                                       : entry.toObject().value(QLatin1String("name")).toString());
                           if (!current.isEmpty())
                               selectTable(current);
                       }
                       Q_EMIT tablesLoaded();
                   });
}

bool SchemaBrowserDialog::selectTable(const QString &table)
{
    const QList<QListWidgetItem *> found = m_tableList->findItems(table, Qt::MatchExactly);
    if (found.isEmpty())
        return false;
    if (m_tableList->currentItem() == found.first() && table == m_table)
        loadTable(table); // the same table again: a fresh look
    else
        m_tableList->setCurrentItem(found.first());
    return true;
}

void SchemaBrowserDialog::loadTable(const QString &table)
{
    delete m_call;
    auto *call = new QObject(this);
    m_call = call;
    m_table = table;
    m_offset = 0;
    m_total = -1;
    setBusy(true);
    m_client->send("GET", QStringLiteral("%1/_schema/%2").arg(encoded(m_service), encoded(table)),
                   QJsonValue(), call, [this, call](const ApiReply &reply) {
                       call->deleteLater();
                       setBusy(false);
                       if (!reply.ok()) {
                           m_messages->showError(tr("The table %1 could not be described").arg(m_table),
                                                 reply);
                           Q_EMIT tableLoaded();
                           return;
                       }
                       m_messages->clear();
                       showTableSchema(reply.body.toObject());
                       Q_EMIT tableLoaded();
                       loadRecords();
                   });
}

void SchemaBrowserDialog::showTableSchema(const QJsonObject &schema)
{
    m_schema = schema;
    const QJsonArray fields = schema.value(QLatin1String("field")).toArray();
    m_columns->setRowCount(0);
    QList<JsonTableModel::Column> columns;
    for (const QJsonValue &value : fields) {
        const QJsonObject field = value.toObject();
        const int row = m_columns->rowCount();
        m_columns->insertRow(row);
        const QString name = field.value(QLatin1String("name")).toString();
        m_columns->setItem(row, 0, new QTableWidgetItem(name));
        m_columns->setItem(row, 1, new QTableWidgetItem(field.value(QLatin1String("type")).toString()));
        m_columns->setItem(row, 2, new QTableWidgetItem(field.value(QLatin1String("db_type")).toString()));
        m_columns->setItem(row, 3,
                           new QTableWidgetItem(yesNo(field.value(QLatin1String("allow_null")).toBool())));
        m_columns->setItem(
            row, 4, new QTableWidgetItem(yesNo(field.value(QLatin1String("is_primary_key")).toBool())));
        m_columns->setItem(
            row, 5, new QTableWidgetItem(JsonTableModel::displayText(field.value(QLatin1String("default")))));
        columns << JsonTableModel::Column{name, name};
    }
    m_columns->resizeColumnsToContents();
    m_relationships->setRowCount(0);
    for (const QJsonValue &value : schema.value(QLatin1String("related")).toArray()) {
        const QJsonObject related = value.toObject();
        const int row = m_relationships->rowCount();
        m_relationships->insertRow(row);
        int column = 0;
        for (const char *key : {"name", "type", "field", "ref_table", "ref_field"})
            m_relationships->setItem(
                row, column++,
                new QTableWidgetItem(JsonTableModel::displayText(related.value(QLatin1String(key)))));
    }
    m_relationships->resizeColumnsToContents();
    auto *model = new JsonTableModel(columns, this);
    m_recordView->setModel(model);
    delete m_model;
    m_model = model;
}

void SchemaBrowserDialog::loadRecords()
{
    if (m_table.isEmpty())
        return;
    delete m_call;
    auto *call = new QObject(this);
    m_call = call;
    setBusy(true);
    m_next->setEnabled(false);
    m_previous->setEnabled(false);
    const QString path = QStringLiteral("%1/_table/%2?limit=%3&offset=%4&include_count=true")
                             .arg(encoded(m_service), encoded(m_table))
                             .arg(m_pageSize)
                             .arg(m_offset);
    m_client->send("GET", path, QJsonValue(), call, [this, call](const ApiReply &reply) {
        call->deleteLater();
        setBusy(false);
        if (!reply.ok()) {
            m_messages->showError(tr("The records of %1 could not be loaded").arg(m_table), reply);
        } else {
            const QJsonObject body = reply.body.toObject();
            const QJsonValue count =
                body.value(QLatin1String("meta")).toObject().value(QLatin1String("count"));
            if (count.isDouble())
                m_total = count.toInteger();
            if (m_model)
                m_model->setRows(body.value(QLatin1String("resource")).toArray());
        }
        updatePaging();
        Q_EMIT recordsLoaded();
    });
}

void SchemaBrowserDialog::updatePaging()
{
    const int shown = m_model ? m_model->rowCount() : 0;
    if (m_table.isEmpty())
        m_pageLabel->setText(tr("Choose a table."));
    else if (shown == 0)
        m_pageLabel->setText(tr("No records."));
    else if (m_total >= 0)
        m_pageLabel->setText(tr("Records %1–%2 of %3").arg(m_offset + 1).arg(m_offset + shown).arg(m_total));
    else
        m_pageLabel->setText(tr("Records %1–%2").arg(m_offset + 1).arg(m_offset + shown));
    m_previous->setEnabled(m_offset > 0);
    m_next->setEnabled(m_total >= 0 ? m_offset + shown < m_total : shown == m_pageSize);
}

void SchemaBrowserDialog::nextPage()
{
    if (!m_next->isEnabled())
        return;
    m_offset += m_pageSize;
    loadRecords();
}

void SchemaBrowserDialog::previousPage()
{
    if (m_offset <= 0)
        return;
    m_offset = qMax(0, m_offset - m_pageSize);
    loadRecords();
}

void SchemaBrowserDialog::setPageSize(int rows)
{
    m_pageSize = qBound(1, rows, 1000);
}
} // namespace gatehouse
