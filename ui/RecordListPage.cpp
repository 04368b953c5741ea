#include "RecordListPage.h"

#include <QAction>
#include <QDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTableView>

#include "Confirmation.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

RecordListPage::RecordListPage(GatehouseClient *client, QList<JsonTableModel::Column> columns,
                               QWidget *parent)
    : ConsolePage(client, parent)
    , m_list(new PagedRecordList(client, std::move(columns), this))
{
}

void RecordListPage::setUp(const Setup &setup)
{
    m_resource = setup.resource;
    m_nameField = setup.nameField;
    m_loadError = setup.loadError;
    m_list->setObjectName(setup.objectName);
    m_list->view()->setAccessibleName(setup.accessibleName);
    m_list->setSearchFields(setup.searchFields);
    m_list->setSource(setup.resource, setup.query);
    auto *add = new QPushButton(setup.newText, this);
    add->setObjectName(setup.newObjectName);
    m_edit = new QPushButton(setup.editText, this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete = new QPushButton(setup.deleteText, this);
    m_delete->setObjectName(QStringLiteral("delete"));
    auto *reload = new QPushButton(setup.refreshText, this);
    connect(add, &QPushButton::clicked, this, [this] { openEditor(QJsonObject()); });
    connect(m_edit, &QPushButton::clicked, this, &RecordListPage::editCurrent);
    connect(m_delete, &QPushButton::clicked, this, &RecordListPage::deleteCurrent);
    connect(reload, &QPushButton::clicked, this, &RecordListPage::refresh);
    connect(m_list, &PagedRecordList::activated, this,
            [this](const QJsonObject &record) { openEditor(record); });
    connect(m_list, &PagedRecordList::currentChanged, this, &RecordListPage::updateButtons);
    connect(m_list, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, m_loadError) && first)
            messageBar()->clear();
        updateButtons();
        pageArrived(reply);
        if (first)
            Q_EMIT refreshed();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    for (QPushButton *button : setup.buttonsAfterEdit)
        buttons->addWidget(button);
    buttons->addWidget(m_delete);
    for (QPushButton *button : setup.buttonsAfterDelete)
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_list, 1);
    contentLayout()->addLayout(buttons);
    // Ctrl+N and Delete anywhere on the page (not inside its dialogs).
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { openEditor(QJsonObject()); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &RecordListPage::deleteCurrent);
    addActions({newAction, deleteAction});
    updateButtons();
}

void RecordListPage::refresh()
{
    m_list->reload();
}

qint64 RecordListPage::recordId(const QJsonObject &record)
{
    return qint64(record.value(QLatin1String("id")).toDouble());
}

bool RecordListPage::selectRecord(const QString &name)
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        if (m_list->model()->record(row).value(m_nameField).toString() == name) {
            m_list->view()->setCurrentIndex(m_list->model()->index(row, 0));
            return true;
        }
    return false;
}

void RecordListPage::updateButtons()
{
    const QJsonObject current = m_list->currentRecord();
    m_edit->setEnabled(!current.isEmpty());
    m_delete->setEnabled(!current.isEmpty());
    updateExtraButtons(current);
}

QDialog *RecordListPage::openEditor(const QJsonObject &record)
{
    if (m_editor)
        m_editor->close();
    QDialog *editor = makeEditor(record);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    m_editor = editor;
    editor->open();
    return editor;
}

QDialog *RecordListPage::editCurrent()
{
    const QJsonObject record = m_list->currentRecord();
    return record.isEmpty() ? nullptr : openEditor(record);
}

void RecordListPage::deleteCurrent()
{
    const QJsonObject record = m_list->currentRecord();
    if (record.isEmpty())
        return;
    const qint64 id = recordId(record);
    const DeleteTexts texts = deleteTexts();
    Confirmation::ask(this, texts.title, texts.question.arg(record.value(m_nameField).toString()),
                      texts.button, [this, id, error = texts.error] {
                          client()->send("DELETE", QStringLiteral("%1/%2").arg(m_resource).arg(id),
                                         QJsonValue(), this, [this, error](const ApiReply &reply) {
                                             if (checkReply(reply, error))
                                                 refresh();
                                             Q_EMIT actionFinished();
                                         });
                      });
}
} // namespace gatehouse
