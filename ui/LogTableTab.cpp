#include "LogTableTab.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "CsvExporter.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

LogTableTab::LogTableTab(GatehouseClient *client, MessageBar *messages, Spec spec, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_messages(messages)
    , m_spec(std::move(spec))
    , m_range(new QComboBox(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_table(new QTableView(this))
    , m_model(new JsonTableModel(m_spec.columns, this))
    , m_count(new QLabel(this))
    , m_loadMore(new QPushButton(tr("&Load more"), this))
    , m_export(new QPushButton(tr("&Export CSV…"), this))
    , m_detail(new QPlainTextEdit(this))
{
    setObjectName(m_spec.name + QStringLiteral("Tab"));
    auto *filters = new QHBoxLayout;
    auto *rangeLabel = new QLabel(tr("&Time range:"), this);
    rangeLabel->setBuddy(m_range);
    m_range->setObjectName(m_spec.name + QStringLiteral("Range"));
    m_range->setAccessibleName(tr("Time range"));
    m_range->addItem(tr("Last hour"), 1);
    m_range->addItem(tr("Last 24 hours"), 24);
    m_range->addItem(tr("Last 7 days"), 24 * 7);
    m_range->addItem(tr("Last 30 days"), 24 * 30);
    m_range->addItem(tr("All time"), 0);
    m_range->setCurrentIndex(1);
    filters->addWidget(rangeLabel);
    filters->addWidget(m_range);
    for (const Filter &filter : m_spec.filters) {
        auto *label = new QLabel(filter.label, this);
        QWidget *input = nullptr;
        if (filter.kind == Filter::Kind::Choice) {
            auto *combo = new QComboBox(this);
            for (const auto &[text, condition] : filter.choices)
                combo->addItem(text, condition);
            input = combo;
        } else {
            auto *edit = new QLineEdit(this);
            edit->setClearButtonEnabled(true);
            connect(edit, &QLineEdit::returnPressed, this, &LogTableTab::reload);
            input = edit;
        }
        input->setObjectName(m_spec.name + QStringLiteral("Filter_") + filter.name);
        input->setAccessibleName(QString(filter.label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
        label->setBuddy(input);
        filters->addWidget(label);
        filters->addWidget(input, 1);
        m_filterInputs << input;
    }
    m_apply->setObjectName(m_spec.name + QStringLiteral("Apply"));
    filters->addWidget(m_apply);
    connect(m_apply, &QPushButton::clicked, this, &LogTableTab::reload);

    m_table->setObjectName(m_spec.name + QStringLiteral("Table"));
    m_table->setAccessibleName(tr("Records"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogTableTab::showRecord);
    // Reaching the end of what is loaded fetches the next page, as a file manager would.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value > 0 && value == m_table->verticalScrollBar()->maximum() && canLoadMore() && !isLoading())
            loadMore();
    });

    m_detail->setObjectName(m_spec.name + QStringLiteral("Detail"));
    m_detail->setAccessibleName(tr("Selected record"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a record to see all its fields."));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *footer = new QHBoxLayout;
    m_count->setObjectName(m_spec.name + QStringLiteral("Count"));
    m_loadMore->setObjectName(m_spec.name + QStringLiteral("LoadMore"));
    m_export->setObjectName(m_spec.name + QStringLiteral("Export"));
    footer->addWidget(m_count, 1);
    footer->addWidget(m_loadMore);
    footer->addWidget(m_export);
    connect(m_loadMore, &QPushButton::clicked, this, &LogTableTab::loadMore);
    connect(m_export, &QPushButton::clicked, this, &LogTableTab::chooseExportFile);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(footer);
    updateCount();
}

LogTableTab::~LogTableTab()
{
    if (m_exporter)
        m_exporter->cancel();
}

std::optional<LogQuery> LogTableTab::currentQuery() const
{
    LogQuery query;
    query.resource = m_spec.resource;
    const QString since = LogQuery::sinceText(m_range->currentData().toInt());
    if (!since.isEmpty())
        query.add(QStringLiteral("created_date >= :since"), QStringLiteral("since"), since);
    for (int i = 0; i < m_spec.filters.size(); ++i) {
        const Filter &filter = m_spec.filters.at(i);
        if (auto *combo = qobject_cast<QComboBox *>(m_filterInputs.at(i))) {
            const QString condition = combo->currentData().toString();
            if (!condition.isEmpty())
                query.conditions << condition;
            continue;
        }
        const QString text = qobject_cast<QLineEdit *>(m_filterInputs.at(i))->text().trimmed();
        if (text.isEmpty())
            continue;
        if (filter.kind == Filter::Kind::Integer) {
            bool ok = false;
            const qint64 number = text.toLongLong(&ok);
            if (!ok) {
                m_messages->showMessage(
                    tr("%1 must be a whole number.").arg(m_filterInputs.at(i)->accessibleName()),
                    MessageBar::Kind::Error);
                m_filterInputs.at(i)->setFocus();
                return std::nullopt;
            }
            query.add(QStringLiteral("%1 = :%2").arg(filter.field, filter.name), filter.name, double(number));
        } else if (filter.kind == Filter::Kind::Contains)
            query.add(QStringLiteral("%1 LIKE :%2").arg(filter.field, filter.name), filter.name,
                      QString(QLatin1Char('%') + text + QLatin1Char('%')));
        else
            query.add(QStringLiteral("%1 = :%2").arg(filter.field, filter.name), filter.name, text);
    }
    return query;
}

void LogTableTab::reload()
{
    const std::optional<LogQuery> query = currentQuery();
    if (!query) {
        emit pageLoaded();
        return;
    }
    if (m_messages->kind() == MessageBar::Kind::Error)
        m_messages->clear(); // a corrected filter clears its message
    m_query = *query;
    m_cursor.reset();
    m_total = -1;
    m_exhausted = false;
    m_model->setRows({});
    m_detail->clear();
    fetch(true);
}

bool LogTableTab::canLoadMore() const
{
    return !m_exhausted && m_cursor.has_value();
}

void LogTableTab::loadMore()
{
    if (canLoadMore() && !isLoading())
        fetch(false);
}

void LogTableTab::fetch(bool first)
{
    m_call = std::make_unique<QObject>(); // replaces (and aborts) a page still in flight
    m_loadMore->setEnabled(false);
    m_count->setText(tr("Loading…"));
    m_client->send("GET", m_query.pagePath(m_pageSize, m_cursor, first), QJsonValue(), m_call.get(),
                   [this, first](const ApiReply &reply) {
                       // The call object may not be deleted inside its own callback.
                       m_call.release()->deleteLater();
                       if (!reply.ok()) {
                           m_messages->showError(tr("Loading the log failed"), reply);
                           m_exhausted = true;
                           updateCount();
                           emit pageLoaded();
                           return;
                       }
                       const QJsonObject body = reply.body.toObject();
                       if (first)
                           m_total = body.value(QStringLiteral("meta"))
                                         .toObject()
                                         .value(QStringLiteral("count"))
                                         .toInteger(-1);
                       const QJsonArray rows = body.value(QStringLiteral("resource")).toArray();
                       if (!rows.isEmpty())
                           m_cursor = rows.last().toObject().value(QStringLiteral("id")).toInteger();
                       m_exhausted = rows.size() < m_pageSize;
                       m_model->appendRows(rows);
                       if (first && m_model->rowCount() > 0)
                           m_table->resizeColumnsToContents();
                       updateCount();
                       emit pageLoaded();
                   });
}

void LogTableTab::updateCount()
{
    m_loadMore->setEnabled(canLoadMore() && !isLoading());
    const int loaded = m_model->rowCount();
    if (m_total >= 0)
        m_count->setText(tr("%1 of %n record(s) loaded", nullptr, int(m_total)).arg(loaded));
    else
        m_count->setText(tr("%n record(s) loaded", nullptr, loaded));
}

void LogTableTab::showRecord()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const QJsonObject record = m_model->record(current.row());
    QString text;
    for (const QString &field : m_spec.fields)
        text += QStringLiteral("%1: %2\n").arg(field, JsonTableModel::displayText(record.value(field)));
    m_detail->setPlainText(text);
}

void LogTableTab::chooseExportFile()
{
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), m_spec.name + QStringLiteral(".csv"), tr("CSV files (*.csv);;All files (*)"));
    if (!fileName.isEmpty())
        exportTo(fileName);
}

void LogTableTab::exportTo(const QString &fileName)
{
    if (m_exporter)
        return; // one export at a time
    // QSaveFile: a cancelled or failed export leaves no half-written file behind.
    m_file = std::make_unique<QSaveFile>(fileName);
    if (!m_file->open(QIODevice::WriteOnly)) {
        m_messages->showMessage(
            tr("The file %1 could not be opened: %2").arg(fileName, m_file->errorString()),
            MessageBar::Kind::Error);
        m_file.reset();
        emit exportFinished(false);
        return;
    }
    // What the table shows (the filters as last applied); the inputs only before a first load.
    const std::optional<LogQuery> query = m_query.resource.isEmpty() ? currentQuery() : m_query;
    if (!query) {
        m_file->cancelWriting();
        m_file.reset();
        emit exportFinished(false);
        return;
    }
    m_exporter = new CsvExporter(m_client, *query, m_spec.fields, m_file.get(), this);
    m_progress = new QProgressDialog(tr("Exporting records…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowTitle(tr("Export CSV"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_exporter, &CsvExporter::cancel);
    connect(m_exporter, &CsvExporter::progress, m_progress, [this](qint64 written, qint64 total) {
        if (!m_progress)
            return;
        if (total > 0) {
            m_progress->setMaximum(int(qMin<qint64>(total, INT_MAX)));
            m_progress->setValue(int(qMin(written, total)));
        }
        m_progress->setLabelText(tr("%n record(s) written…", nullptr, int(written)));
    });
    connect(m_exporter, &CsvExporter::finished, this, &LogTableTab::finishExport);
    m_progress->show();
    m_exporter->start();
}

void LogTableTab::finishExport(bool ok, const QString &error)
{
    const qint64 written = m_exporter ? m_exporter->written() : 0;
    const bool cancelled = m_exporter && m_exporter->isCancelled();
    if (m_exporter)
        m_exporter->deleteLater();
    m_exporter = nullptr;
    if (m_progress)
        m_progress->deleteLater();
    m_progress = nullptr;
    if (ok && m_file && m_file->commit()) {
        m_messages->showMessage(
            tr("%n record(s) exported to %1.", nullptr, int(written)).arg(m_file->fileName()));
    } else {
        if (m_file)
            m_file->cancelWriting();
        if (cancelled)
            m_messages->showMessage(tr("The export was cancelled."));
        else
            m_messages->showMessage(
                tr("The export failed: %1").arg(error.isEmpty() ? m_file->errorString() : error),
                MessageBar::Kind::Error);
        ok = false;
    }
    m_file.reset();
    emit exportFinished(ok);
}
} // namespace gatehouse
