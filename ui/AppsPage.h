#pragma once

#include <QPointer>

#include "ConsolePage.h"

class QPushButton;

namespace gatehouse {

class ApiKeyDialog;
class AppEditorDialog;
class PagedRecordList;

// The Apps page: apps (/system/app) with their default role and key hint; create, edit,
// activate/deactivate, regenerate the API key and delete. A new key is shown once (ApiKeyDialog).
class AppsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit AppsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Apps"); }
    QString iconName() const override { return QStringLiteral("apps"); }
    void refresh() override;

    AppEditorDialog *createApp();
    AppEditorDialog *editApp();
    // Ask first (Confirmation), then act on the current app.
    void regenerateKey();
    void toggleActive();
    void deleteApp();

    PagedRecordList *list() const { return m_list; }
    AppEditorDialog *editor() const;
    ApiKeyDialog *keyDialog() const;
    // Selects the app called `name` among the loaded rows.
    bool selectApp(const QString &name);

Q_SIGNALS:
    // An action on an app finished (success or not).
    void actionFinished();

private:
    AppEditorDialog *openEditor(const QJsonObject &app);
    void showKey(const QString &appName, const QString &key);
    void updateButtons();

    PagedRecordList *m_list;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QPushButton *m_regenerate;
    QPushButton *m_delete;
    QPointer<AppEditorDialog> m_editor;
    QPointer<ApiKeyDialog> m_keyDialog;
};
} // namespace gatehouse
