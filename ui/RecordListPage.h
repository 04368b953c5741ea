#pragma once

#include <QJsonObject>
#include <QPointer>

#include "ConsolePage.h"
#include "JsonTableModel.h"

class QDialog;
class QPushButton;

namespace gatehouse {

class PagedRecordList;

// The shared body of the console's record list pages (Roles, Users …): a PagedRecordList of one
// /system resource with New/Edit/Delete/Refresh buttons, Ctrl+N and Delete shortcuts, one editor
// dialog at a time and delete after a Confirmation. Every user-visible text comes from the
// subclass, so each string keeps the translation context of the page it appears on.
class RecordListPage : public ConsolePage
{
    Q_OBJECT
public:
    void refresh() override;

    PagedRecordList *list() const { return m_list; }

Q_SIGNALS:
    // An action on a record finished (success or not).
    void actionFinished();

protected:
    // The page's texts and the resource it lists; all texts already translated by the subclass.
    struct Setup
    {
        QString objectName;     // of the list, e.g. "roles"
        QString accessibleName; // of the table
        QStringList searchFields;
        QString resource; // e.g. "system/role"; DELETE goes to "<resource>/<id>"
        QString query;
        QString nameField; // what selectRecord() matches and the delete question names
        QString newText;
        QString newObjectName;
        QString editText;
        QString deleteText;
        QString refreshText;
        QString loadError;
        QList<QPushButton *> buttonsAfterEdit;   // between Edit and Delete
        QList<QPushButton *> buttonsAfterDelete; // between Delete and the stretch
    };
    // What deleteRecord() asks and reports; `question` gets the record's name as %1 here.
    struct DeleteTexts
    {
        QString title;
        QString question;
        QString button;
        QString error;
    };

    RecordListPage(GatehouseClient *client, QList<JsonTableModel::Column> columns, QWidget *parent);

    // Builds the buttons, layout and shortcuts. Called from the subclass constructor (not ours)
    // so the virtual hooks below already reach the subclass.
    void setUp(const Setup &setup);

    bool selectRecord(const QString &name);
    // Opens the editor for `record` (empty: a new one), closing the one open before.
    QDialog *openEditor(const QJsonObject &record);
    QDialog *currentEditor() const { return m_editor; }
    QDialog *editCurrent();
    void deleteCurrent();
    void updateButtons();

    // Hooks. makeEditor() creates the (not yet opened) dialog and connects its saved signal.
    virtual QDialog *makeEditor(const QJsonObject &record) = 0;
    virtual DeleteTexts deleteTexts() const = 0;
    // Extra buttons that depend on the current record (empty: none selected).
    virtual void updateExtraButtons(const QJsonObject &current) { Q_UNUSED(current) }
    // After a page arrived and was checked, before refreshed() is emitted.
    virtual void pageArrived(const ApiReply &reply) { Q_UNUSED(reply) }

    static qint64 recordId(const QJsonObject &record);

private:
    PagedRecordList *m_list;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QString m_resource;
    QString m_nameField;
    QString m_loadError;
    QPointer<QDialog> m_editor;
};
} // namespace gatehouse
