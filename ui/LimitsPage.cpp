#include "LimitsPage.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPushButton>
#include <QTableView>

#include "Confirmation.h"
#include "LimitEditorDialog.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

LimitsPage::LimitsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_list(new PagedRecordList(client,
                                 {{QStringLiteral("name"), tr("Name")},
                                  {QStringLiteral("type"), tr("Type")},
                                  {QStringLiteral("rate"), tr("Rate")},
                                  {QStringLiteral("period"), tr("Per")},
                                  {QStringLiteral("verb"), tr("Verb")},
                                  {QStringLiteral("endpoint"), tr("Endpoint")},
                                  {QStringLiteral("is_active"), tr("Active")},
                                  {QStringLiteral("_used"), tr("Used")},
                                  {QStringLiteral("_remaining"), tr("Remaining")},
                                  {QStringLiteral("_reset"), tr("Resets at")}},
                                 this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_reset(new QPushButton(tr("Re&set counter"), this))
{
    m_list->setObjectName(QStringLiteral("limits"));
    m_list->view()->setAccessibleName(tr("Limits"));
    m_list->setSearchFields({QStringLiteral("name")});
    m_list->setSource(QStringLiteral("system/limit"), QStringLiteral("order=name"));
    auto *add = new QPushButton(tr("&New limit…"), this);
    add->setObjectName(QStringLiteral("newLimit"));
    auto *resetAllButton = new QPushButton(tr("Reset &all…"), this);
    resetAllButton->setObjectName(QStringLiteral("resetAll"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    m_reset->setObjectName(QStringLiteral("reset"));
    connect(add, &QPushButton::clicked, this, &LimitsPage::createLimit);
    connect(m_edit, &QPushButton::clicked, this, &LimitsPage::editLimit);
    connect(m_delete, &QPushButton::clicked, this, &LimitsPage::deleteLimit);
    connect(m_reset, &QPushButton::clicked, this, &LimitsPage::resetLimit);
    connect(resetAllButton, &QPushButton::clicked, this, &LimitsPage::resetAll);
    connect(reload, &QPushButton::clicked, this, &LimitsPage::refresh);
    connect(m_list, &PagedRecordList::activated, this,
            [this](const QJsonObject &limit) { openEditor(limit); });
    connect(m_list, &PagedRecordList::currentChanged, this, &LimitsPage::updateButtons);
    connect(m_list, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, tr("The limits could not be loaded")) && first)
            messageBar()->clear();
        updateButtons();
        if (reply.ok())
            applyCounters();
        if (first)
            Q_EMIT refreshed();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_reset);
    buttons->addWidget(resetAllButton);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_list, 1);
    contentLayout()->addLayout(buttons);
    // Ctrl+N and Delete anywhere on the page (not inside its dialogs).
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { createLimit(); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &LimitsPage::deleteLimit);
    addActions({newAction, deleteAction});
    updateButtons();
}

LimitEditorDialog *LimitsPage::editor() const
{
    return m_editor;
}

void LimitsPage::refresh()
{
    m_list->reload();
    refreshCounters();
}

void LimitsPage::refreshCounters()
{
    delete m_countersRequest;
    auto *request = new QObject(this);
    m_countersRequest = request;
    client()->send(
        "GET", QStringLiteral("system/limit_cache"), QJsonValue(), request,
        [this, request](const ApiReply &reply) {
            request->deleteLater();
            if (checkReply(reply, tr("The limit counters could not be loaded"))) {
                m_counters.clear();
                for (const QJsonValue &value :
                     reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                    const QJsonObject entry = value.toObject();
                    Counter &counter = m_counters[qint64(entry.value(QLatin1String("id")).toDouble())];
                    const qint64 remaining = qint64(entry.value(QLatin1String("remaining")).toDouble());
                    counter.used += qint64(entry.value(QLatin1String("attempts")).toDouble());
                    // Each-user limits: the window that ends first.
                    const qint64 reset = qint64(entry.value(QLatin1String("reset")).toDouble());
                    if (reset > 0 && (!counter.resetAt || reset < counter.resetAt))
                        counter.resetAt = reset;
                    // Each-user limits: the user closest to the limit.
                    counter.remaining = counter.users ? std::min(counter.remaining, remaining) : remaining;
                    ++counter.users;
                }
                applyCounters();
            }
            Q_EMIT countersLoaded();
        });
}

void LimitsPage::applyCounters()
{
    // The counters become columns of the records; the current row survives the reset.
    const int current = m_list->view()->currentIndex().row();
    QJsonArray rows = m_list->model()->records();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonObject limit = rows.at(i).toObject();
        const auto counter = m_counters.constFind(qint64(limit.value(QLatin1String("id")).toDouble()));
        if (counter == m_counters.cend()) {
            limit.remove(QStringLiteral("_used"));
            limit.remove(QStringLiteral("_remaining"));
            limit.remove(QStringLiteral("_reset"));
        } else {
            limit.insert(QStringLiteral("_used"), double(counter->used));
            limit.insert(QStringLiteral("_remaining"), double(counter->remaining));
            if (counter->resetAt > 0)
                limit.insert(QStringLiteral("_reset"),
                             QLocale().toString(QDateTime::fromSecsSinceEpoch(counter->resetAt),
                                                QLocale::ShortFormat));
            else
                limit.remove(QStringLiteral("_reset"));
        }
        rows[i] = limit;
    }
    m_list->model()->setRows(rows);
    if (current >= 0 && current < rows.size())
        m_list->view()->setCurrentIndex(m_list->model()->index(current, 0));
}

bool LimitsPage::selectLimit(const QString &name)
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        if (m_list->model()->record(row).value(QLatin1String("name")).toString() == name) {
            m_list->view()->setCurrentIndex(m_list->model()->index(row, 0));
            return true;
        }
    return false;
}

void LimitsPage::updateButtons()
{
    const bool selected = !m_list->currentRecord().isEmpty();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_reset->setEnabled(selected);
}

LimitEditorDialog *LimitsPage::createLimit()
{
    return openEditor(QJsonObject());
}

LimitEditorDialog *LimitsPage::editLimit()
{
    const QJsonObject limit = m_list->currentRecord();
    return limit.isEmpty() ? nullptr : openEditor(limit);
}

LimitEditorDialog *LimitsPage::openEditor(const QJsonObject &limit)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new LimitEditorDialog(client(), limit, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &LimitEditorDialog::saved, this, &LimitsPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}

void LimitsPage::deleteLimit()
{
    const QJsonObject limit = m_list->currentRecord();
    if (limit.isEmpty())
        return;
    const qint64 id = qint64(limit.value(QLatin1String("id")).toDouble());
    Confirmation::ask(this, tr("Delete limit"),
                      tr("Delete the limit \"%1\"?").arg(limit.value(QLatin1String("name")).toString()),
                      tr("&Delete"), [this, id] {
                          client()->send("DELETE", QStringLiteral("system/limit/%1").arg(id), QJsonValue(),
                                         this, [this](const ApiReply &reply) {
                                             if (checkReply(reply, tr("The limit could not be deleted")))
                                                 refresh();
                                             Q_EMIT actionFinished();
                                         });
                      });
}

void LimitsPage::resetLimit()
{
    const QJsonObject limit = m_list->currentRecord();
    if (limit.isEmpty())
        return;
    const qint64 id = qint64(limit.value(QLatin1String("id")).toDouble());
    client()->send("DELETE", QStringLiteral("system/limit_cache/%1").arg(id), QJsonValue(), this,
                   [this](const ApiReply &reply) {
                       if (checkReply(reply, tr("The counter could not be reset")))
                           refreshCounters();
                       Q_EMIT actionFinished();
                   });
}

void LimitsPage::resetAll()
{
    Confirmation::ask(
        this, tr("Reset all counters"),
        tr("Reset the counters of every limit? Callers that are locked out now can call again at once."),
        tr("Reset &all"), [this] {
            client()->send("DELETE", QStringLiteral("system/limit_cache?allow_delete=true"), QJsonValue(),
                           this, [this](const ApiReply &reply) {
                               if (checkReply(reply, tr("The counters could not be reset")))
                                   refreshCounters();
                               Q_EMIT actionFinished();
                           });
        });
}
} // namespace gatehouse
