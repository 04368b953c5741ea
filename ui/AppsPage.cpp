#include "AppsPage.h"

#include <QJsonObject>
#include <QPushButton>

#include "ApiKeyDialog.h"
#include "AppEditorDialog.h"
#include "Confirmation.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

AppsPage::AppsPage(GatehouseClient *client, QWidget *parent)
    : RecordListPage(client,
                     {{QStringLiteral("name"), tr("Name")},
                      {QStringLiteral("role_by_role_id.name"), tr("Default role")},
                      {QStringLiteral("is_active"), tr("Active")},
                      {QStringLiteral("api_key_hint"), tr("Key hint")},
                      {QStringLiteral("description"), tr("Description")}},
                     parent)
    , m_toggle(new QPushButton(tr("Deac&tivate"), this))
    , m_regenerate(new QPushButton(tr("Re&generate key…"), this))
{
    m_toggle->setObjectName(QStringLiteral("toggleActive"));
    m_regenerate->setObjectName(QStringLiteral("regenerate"));
    connect(m_toggle, &QPushButton::clicked, this, &AppsPage::toggleActive);
    connect(m_regenerate, &QPushButton::clicked, this, &AppsPage::regenerateKey);
    setUp({.objectName = QStringLiteral("apps"),
           .accessibleName = tr("Apps"),
           .searchFields = {QStringLiteral("name"), QStringLiteral("description")},
           .resource = QStringLiteral("system/app"),
           .query = QStringLiteral("fields=*&related=role_by_role_id&order=name"),
           .nameField = QStringLiteral("name"),
           .newText = tr("&New app…"),
           .newObjectName = QStringLiteral("newApp"),
           .editText = tr("&Edit…"),
           .deleteText = tr("&Delete…"),
           .refreshText = tr("&Refresh"),
           .loadError = tr("The apps could not be loaded"),
           .buttonsAfterEdit = {m_toggle, m_regenerate}});
}

void AppsPage::updateExtraButtons(const QJsonObject &app)
{
    m_toggle->setEnabled(!app.isEmpty());
    m_regenerate->setEnabled(!app.isEmpty());
    m_toggle->setText(app.value(QLatin1String("is_active")).toBool(true) ? tr("Deac&tivate")
                                                                         : tr("Ac&tivate"));
}

AppEditorDialog *AppsPage::createApp()
{
    return static_cast<AppEditorDialog *>(openEditor(QJsonObject()));
}

AppEditorDialog *AppsPage::editApp()
{
    return static_cast<AppEditorDialog *>(editCurrent());
}

QDialog *AppsPage::makeEditor(const QJsonObject &app)
{
    auto *editor = new AppEditorDialog(client(), app, this);
    const bool creating = app.isEmpty();
    connect(editor, &AppEditorDialog::saved, this, [this, creating](const QJsonObject &record) {
        if (creating)
            showKey(record.value(QLatin1String("name")).toString(),
                    record.value(QLatin1String("api_key")).toString());
        refresh();
    });
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
    const QJsonObject app = list()->currentRecord();
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
    const QJsonObject app = list()->currentRecord();
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

RecordListPage::DeleteTexts AppsPage::deleteTexts() const
{
    return {tr("Delete app"),
            tr("Delete the app \"%1\"? Its API key stops working and its lookups are deleted."),
            tr("&Delete"), tr("The app could not be deleted")};
}

AppEditorDialog *AppsPage::editor() const
{
    return static_cast<AppEditorDialog *>(currentEditor());
}

ApiKeyDialog *AppsPage::keyDialog() const
{
    return m_keyDialog;
}
} // namespace gatehouse
