#pragma once

#include <QPointer>

#include "ConsolePage.h"
#include "LookupEditorDialog.h"

class QComboBox;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace gatehouse {

class JsonTableModel;
class PagedRecordList;

// The Lookups page: system lookups (/system/lookup, paged) and the lookups of one app, role or
// user (their `lookup_by_*_id` relation). Private values are listed as the server's mask; the
// console never has them in clear.
class LookupsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit LookupsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Lookups"); }
    QString iconName() const override { return QStringLiteral("lookups"); }
    void refresh() override;

    LookupScope scope() const;
    // 0 system, 1 app, 2 role, 3 user (the scope combo's rows).
    void setScopeIndex(int index);
    QComboBox *ownerBox() const { return m_owner; }
    LookupEditorDialog *createLookup();
    LookupEditorDialog *editLookup();
    void deleteLookup();
    bool selectLookup(const QString &name);
    LookupEditorDialog *editor() const;
    // The rows shown now (system or the owner's).
    JsonTableModel *currentModel() const;
    QTableView *currentView() const;

Q_SIGNALS:
    void actionFinished();
    void ownersLoaded();

private:
    QJsonObject currentLookup() const;
    void loadOwnerLookups();
    void updateButtons();
    LookupEditorDialog *openEditor(const QJsonObject &lookup);

    QComboBox *m_scope;
    QComboBox *m_owner;
    QStackedWidget *m_stack;
    PagedRecordList *m_system;
    QTableView *m_ownerView;
    JsonTableModel *m_ownerModel;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPointer<LookupEditorDialog> m_editor;
    QPointer<QObject> m_ownerRequest;
};
} // namespace gatehouse
