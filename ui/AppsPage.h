#pragma once

#include <QPointer>

#include "RecordListPage.h"

class QPushButton;

namespace gatehouse {

class ApiKeyDialog;
class AppEditorDialog;

// The Apps page: apps (/system/app) with their default role and key hint; create, edit,
// activate/deactivate, regenerate the API key and delete. A new key is shown once (ApiKeyDialog).
class AppsPage : public RecordListPage
{
    Q_OBJECT
public:
    explicit AppsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Apps"); }
    QString iconName() const override { return QStringLiteral("apps"); }

    AppEditorDialog *createApp();
    AppEditorDialog *editApp();
    // Ask first (Confirmation), then act on the current app.
    void regenerateKey();
    void toggleActive();
    void deleteApp() { deleteCurrent(); }

    AppEditorDialog *editor() const;
    ApiKeyDialog *keyDialog() const;
    // Selects the app called `name` among the loaded rows.
    bool selectApp(const QString &name) { return selectRecord(name); }

protected:
    QDialog *makeEditor(const QJsonObject &app) override;
    DeleteTexts deleteTexts() const override;
    void updateExtraButtons(const QJsonObject &app) override;

private:
    void showKey(const QString &appName, const QString &key);

    QPushButton *m_toggle;
    QPushButton *m_regenerate;
    QPointer<ApiKeyDialog> m_keyDialog;
};
} // namespace gatehouse
