#include "AppsPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>

#include "ApiKeyDialog.h"
#include "AppEditorDialog.h"
#include "Confirmation.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

AppsPage::AppsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_list(new PagedRecordList(client,
                                 {{QStringLiteral("name"), tr("Name")},
                                  {QStringLiteral("role_by_role_id.name"), tr("Default role")},
                                  {QStringLiteral("is_active"), tr("Active")},
                                  {QStringLiteral("api_key_hint"), tr("Key hint")},
                                  {QStringLiteral("description"), tr("Description")}},
                                 this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_toggle(new QPushButton(tr("Deac&tivate"), this))
    , m_regenerate(new QPushButton(tr("Re&generate key…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    m_list->setObjectName(QStringLiteral("apps"));
    m_list->view()->setAccessibleName(tr("Apps"));
    m_list->setSearchFields({QStringLiteral("name"), QStringLiteral("description")});
    m_list->setSource(QStringLiteral("system/app"),
                      QStringLiteral("fields=*&related=role_by_role_id&order=name"));
    auto *add = new QPushButton(tr("&New app…"), this);
    add->setObjectName(QStringLiteral("newApp"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_toggle->setObjectName(QStringLiteral("toggleActive"));
    m_regenerate->setObjectName(QStringLiteral("regenerate"));
    m_delete->setObjectName(QStringLiteral("delete"));
    connect(add, &QPushButton::clicked, this, &AppsPage::createApp);
    connect(m_edit, &QPushButton::clicked, this, &AppsPage::editApp);
    connect(m_toggle, &QPushButton::clicked, this, &AppsPage::toggleActive);
    connect(m_regenerate, &QPushButton::clicked, this, &AppsPage::regenerateKey);
    connect(m_delete, &QPushButton::clicked, this, &AppsPage::deleteApp);
    connect(reload, &QPushButton::clicked, this, &AppsPage::refresh);
    connect(m_list, &PagedRecordList::activated, this, [this](const QJsonObject &app) { openEditor(app); });
    connect(m_list, &PagedRecordList::currentChanged, this, &AppsPage::updateButtons);
    connect(m_list, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, tr("The apps could not be loaded")) && first)
            messageBar()->clear();
        updateButtons();
        if (first)
            Q_EMIT refreshed();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_regenerate);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_list, 1);
    contentLayout()->addLayout(buttons);
    // Ctrl+N and Delete anywhere on the page (not inside its dialogs).
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { createApp(); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &AppsPage::deleteApp);
    addActions({newAction, deleteAction});
    updateButtons();
}

void AppsPage::refresh()
{
    m_list->reload();
}

bool AppsPage::selectApp(const QString &name)
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        if (m_list->model()->record(row).value(QLatin1String("name")).toString() == name) {
            m_list->view()->setCurrentIndex(m_list->model()->index(row, 0));
            return true;
        }
    return false;
}

void AppsPage::updateButtons()
{
    const QJsonObject app = m_list->currentRecord();
    const bool selected = !app.isEmpty();
    for (QPushButton *button : {m_edit, m_toggle, m_regenerate, m_delete})
        button->setEnabled(selected);
    m_toggle->setText(app.value(QLatin1String("is_active")).toBool(true) ? tr("Deac&tivate")
                                                                         : tr("Ac&tivate"));
}

AppEditorDialog *AppsPage::createApp()
{
    return openEditor(QJsonObject());
}

AppEditorDialog *AppsPage::editApp()
{
    const QJsonObject app = m_list->currentRecord();
    return app.isEmpty() ? nullptr : openEditor(app);
}

AppEditorDialog *AppsPage::openEditor(const QJsonObject &app)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new AppEditorDialog(client(), app, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    const bool creating = app.isEmpty();
    connect(editor, &AppEditorDialog::saved, this, [this, creating](const QJsonObject &record) {
        if (creating)
            showKey(record.value(QLatin1String("name")).toString(),
                    record.value(QLatin1String("api_key")).toString());
        refresh();
    });
    m_editor = editor;
    editor->open();
    return editor;
}

void AppsPage::showKey(const QString &appName, const QString &key)
{
    if (key.isEmpty()) {
        messageBar()->showMessage(tr("The server did not send the new API key."), MessageBar::Kind::Warning);
        return;
    }
    if (m_keyDialog)
        m_keyDialog->close();
    auto *dialog = new ApiKeyDialog(appName, key, this);
    dialog->setObjectName(QStringLiteral("apiKeyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_keyDialog = dialog;
    dialog->open();
}

void AppsPage::regenerateKey()
{
    const QJsonObject app = m_list->currentRecord();
    if (app.isEmpty())
        return;
    const qint64 id = qint64(app.value(QLatin1String("id")).toDouble());
    const QString name = app.value(QLatin1String("name")).toString();
    Confirmation::ask(
        this, tr("Regenerate API key"),
        tr("Regenerate the API key of \"%1\"? The current key stops working at once; "
           "every client using it must be given the new key.")
            .arg(name),
        tr("Re&generate"), [this, id, name] {
            client()->send(
                "PATCH", QStringLiteral("system/app/%1?regenerate=true&fields=*").arg(id),
                // A PATCH needs a field; the unchanged name is the harmless one.
                QJsonObject{{QStringLiteral("name"), name}}, this, [this, name](const ApiReply &reply) {
                    if (checkReply(reply, tr("The key could not be regenerated"))) {
                        showKey(name, reply.body.toObject().value(QLatin1String("api_key")).toString());
                        refresh();
                    }
                    Q_EMIT actionFinished();
                });
        });
}

void AppsPage::toggleActive()
{
    const QJsonObject app = m_list->currentRecord();
    if (app.isEmpty())
        return;
    const qint64 id = qint64(app.value(QLatin1String("id")).toDouble());
    const bool active = app.value(QLatin1String("is_active")).toBool(true);
    client()->send("PATCH", QStringLiteral("system/app/%1").arg(id),
                   QJsonObject{{QStringLiteral("is_active"), !active}}, this, [this](const ApiReply &reply) {
                       if (checkReply(reply, tr("The app could not be changed")))
                           refresh();
                       Q_EMIT actionFinished();
                   });
}

void AppsPage::deleteApp()
{
    const QJsonObject app = m_list->currentRecord();
    if (app.isEmpty())
        return;
    const qint64 id = qint64(app.value(QLatin1String("id")).toDouble());
    Confirmation::ask(this, tr("Delete app"),
                      tr("Delete the app \"%1\"? Its API key stops working and its lookups are deleted.")
                          .arg(app.value(QLatin1String("name")).toString()),
                      tr("&Delete"), [this, id] {
                          client()->send("DELETE", QStringLiteral("system/app/%1").arg(id), QJsonValue(),
                                         this, [this](const ApiReply &reply) {
                                             if (checkReply(reply, tr("The app could not be deleted")))
                                                 refresh();
                                             Q_EMIT actionFinished();
                                         });
                      });
}

AppEditorDialog *AppsPage::editor() const
{
    return m_editor;
}

ApiKeyDialog *AppsPage::keyDialog() const
{
    return m_keyDialog;
}
} // namespace gatehouse
