#pragma once

#include <QJsonObject>
#include <QPointer>

#include "ConsolePage.h"

class QCheckBox;
class QListWidget;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace gatehouse {

class TryItPanel;

// API docs: the services the admin can reach; choosing one loads its OpenAPI document
// (/api/v2/api_docs/{service}) into a tree of paths and operations. An operation's parameters and
// request body schema are shown below the tree, and "Try it" (TryItPanel) is prefilled with it.
class ApiDocsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit ApiDocsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("API docs"); }
    QString iconName() const override { return QStringLiteral("docs"); }
    void refresh() override;

    QListWidget *serviceList() const { return m_services; }
    QCheckBox *expandTables() const { return m_expand; }
    QTreeWidget *operationTree() const { return m_tree; }
    TryItPanel *tryIt() const { return m_tryIt; }
    QString detailsText() const;
    const QJsonObject &document() const { return m_document; }

public Q_SLOTS:
    void loadService(const QString &name);
    // Selects the operation `method` `path` (as in the document) in the tree; false if absent.
    bool selectOperation(const QString &method, const QString &path);

Q_SIGNALS:
    void documentLoaded();

private:
    void showDocument();
    void showOperation(QTreeWidgetItem *item);
    QJsonValue resolve(const QJsonValue &value, int depth = 0) const;

    QListWidget *m_services;
    QCheckBox *m_expand;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    TryItPanel *m_tryIt;
    QString m_service;
    QJsonObject m_document;
    QPointer<QObject> m_load;
};
} // namespace gatehouse
