#include "LookupsPage.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>

#include "Confirmation.h"
#include "JsonTableModel.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "RecordChoices.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
const QStringList kOwners = {QString(), QStringLiteral("app"), QStringLiteral("role"),
                             QStringLiteral("user")};

QList<JsonTableModel::Column> lookupColumns()
{
    return {{QStringLiteral("name"), LookupsPage::tr("Name")},
            {QStringLiteral("value"), LookupsPage::tr("Value")},
            {QStringLiteral("private"), LookupsPage::tr("Private")},
            {QStringLiteral("description"), LookupsPage::tr("Description")}};
}
} // namespace

LookupsPage::LookupsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_scope(new QComboBox(this))
    , m_owner(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_system(new PagedRecordList(client, lookupColumns(), m_stack))
    , m_ownerView(new QTableView(m_stack))
    , m_ownerModel(new JsonTableModel(lookupColumns(), this))
    , m_add(new QPushButton(tr("&New lookup…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    m_scope->setObjectName(QStringLiteral("scope"));
    m_scope->setAccessibleName(tr("Lookups of"));
    m_scope->addItems({tr("System"), tr("An app"), tr("A role"), tr("A user")});
    m_owner->setObjectName(QStringLiteral("owner"));
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->setMinimumContentsLength(24);
    m_owner->setEnabled(false);
    auto *scopeLabel = new QLabel(tr("Lookups &of:"), this);
    scopeLabel->setBuddy(m_scope);
    auto *ownerLabel = new QLabel(tr("&Which:"), this);
    ownerLabel->setBuddy(m_owner);

    m_system->setObjectName(QStringLiteral("systemLookups"));
    m_system->view()->setAccessibleName(tr("System lookups"));
    m_system->setSearchFields({QStringLiteral("name"), QStringLiteral("description")});
    m_system->setSource(QStringLiteral("system/lookup"), QStringLiteral("order=name"));
    m_ownerView->setObjectName(QStringLiteral("ownerLookups"));
    m_ownerView->setAccessibleName(tr("Lookups"));
    m_ownerView->setModel(m_ownerModel);
    m_ownerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ownerView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ownerView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ownerView->setTabKeyNavigation(false);
    m_ownerView->verticalHeader()->hide();
    m_ownerView->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_system);
    m_stack->addWidget(m_ownerView);

    m_add->setObjectName(QStringLiteral("newLookup"));
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete->setObjectName(QStringLiteral("delete"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    connect(m_add, &QPushButton::clicked, this, &LookupsPage::createLookup);
    connect(m_edit, &QPushButton::clicked, this, &LookupsPage::editLookup);
    connect(m_delete, &QPushButton::clicked, this, &LookupsPage::deleteLookup);
    connect(reload, &QPushButton::clicked, this, &LookupsPage::refresh);
    connect(m_system, &PagedRecordList::activated, this, [this](const QJsonObject &l) { openEditor(l); });
    connect(m_ownerView, &QTableView::activated, this,
            [this](const QModelIndex &index) { openEditor(m_ownerModel->record(index.row())); });
    connect(m_system, &PagedRecordList::currentChanged, this, &LookupsPage::updateButtons);
    connect(m_ownerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LookupsPage::updateButtons);
    connect(m_system, &PagedRecordList::pageLoaded, this, [this](const ApiReply &reply, bool first) {
        if (checkReply(reply, tr("The lookups could not be loaded")) && first)
            messageBar()->clear();
        updateButtons();
        if (first)
            Q_EMIT refreshed();
    });
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_stack->setCurrentIndex(index == 0 ? 0 : 1);
        m_owner->setEnabled(index != 0);
        m_ownerModel->setRows({});
        if (index == 0) {
            m_owner->clear();
            updateButtons();
            return;
        }
        RecordChoices::load(this->client(), m_owner, QStringLiteral("system/%1").arg(kOwners.at(index)),
                            m_owner, QString(), 0, [this](bool ok) {
                                if (!ok)
                                    messageBar()->showMessage(
                                        tr("The list to choose from could not be loaded."),
                                        MessageBar::Kind::Error);
                                loadOwnerLookups();
                                Q_EMIT ownersLoaded();
                            });
    });
    connect(m_owner, &QComboBox::currentIndexChanged, this, &LookupsPage::loadOwnerLookups);

    auto *top = new QHBoxLayout;
    top->addWidget(scopeLabel);
    top->addWidget(m_scope);
    top->addWidget(ownerLabel);
    top->addWidget(m_owner, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(reload);
    contentLayout()->addLayout(top);
    contentLayout()->addWidget(m_stack, 1);
    contentLayout()->addLayout(buttons);
    // Ctrl+N and Delete anywhere on the page (not inside its dialogs).
    auto *newAction = new QAction(this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, [this] { createLookup(); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &LookupsPage::deleteLookup);
    addActions({newAction, deleteAction});
    updateButtons();
}

LookupEditorDialog *LookupsPage::editor() const
{
    return m_editor;
}

LookupScope LookupsPage::scope() const
{
    LookupScope scope;
    scope.owner = kOwners.value(m_scope->currentIndex());
    if (!scope.isSystem())
        scope.ownerId = RecordChoices::selectedId(m_owner);
    return scope;
}

void LookupsPage::setScopeIndex(int index)
{
    m_scope->setCurrentIndex(index);
}

JsonTableModel *LookupsPage::currentModel() const
{
    return scope().isSystem() ? m_system->model() : m_ownerModel;
}

QTableView *LookupsPage::currentView() const
{
    return scope().isSystem() ? m_system->view() : m_ownerView;
}

QJsonObject LookupsPage::currentLookup() const
{
    const QModelIndex index = currentView()->currentIndex();
    return index.isValid() ? currentModel()->record(index.row()) : QJsonObject();
}

bool LookupsPage::selectLookup(const QString &name)
{
    for (int row = 0; row < currentModel()->rowCount(); ++row)
        if (currentModel()->record(row).value(QLatin1String("name")).toString() == name) {
            currentView()->setCurrentIndex(currentModel()->index(row, 0));
            return true;
        }
    return false;
}

void LookupsPage::updateButtons()
{
    const LookupScope current = scope();
    m_add->setEnabled(current.isSystem() || current.ownerId > 0);
    const bool selected = !currentLookup().isEmpty();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void LookupsPage::refresh()
{
    if (scope().isSystem())
        m_system->reload();
    else
        loadOwnerLookups();
}

void LookupsPage::loadOwnerLookups()
{
    const LookupScope current = scope();
    delete m_ownerRequest;
    m_ownerModel->setRows({});
    updateButtons();
    if (current.isSystem() || !current.ownerId) {
        if (!current.isSystem())
            Q_EMIT refreshed();
        return;
    }
    auto *request = new QObject(this);
    m_ownerRequest = request;
    client()->send("GET",
                   QStringLiteral("system/%1/%2?fields=id&related=%3")
                       .arg(current.owner)
                       .arg(current.ownerId)
                       .arg(current.relation()),
                   QJsonValue(), request, [this, request, current](const ApiReply &reply) {
                       request->deleteLater();
                       if (checkReply(reply, tr("The lookups could not be loaded"))) {
                           messageBar()->clear();
                           m_ownerModel->setRows(reply.body.toObject().value(current.relation()).toArray());
                           if (m_ownerModel->rowCount())
                               m_ownerView->setCurrentIndex(m_ownerModel->index(0, 0));
                       }
                       updateButtons();
                       Q_EMIT refreshed();
                   });
}

LookupEditorDialog *LookupsPage::createLookup()
{
    return openEditor(QJsonObject());
}

LookupEditorDialog *LookupsPage::editLookup()
{
    const QJsonObject lookup = currentLookup();
    return lookup.isEmpty() ? nullptr : openEditor(lookup);
}

LookupEditorDialog *LookupsPage::openEditor(const QJsonObject &lookup)
{
    const LookupScope current = scope();
    if (!current.isSystem() && !current.ownerId)
        return nullptr;
    if (m_editor)
        m_editor->close();
    auto *editor = new LookupEditorDialog(client(), current, lookup, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &LookupEditorDialog::saved, this, &LookupsPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}

void LookupsPage::deleteLookup()
{
    const QJsonObject lookup = currentLookup();
    if (lookup.isEmpty())
        return;
    const LookupScope current = scope();
    const qint64 id = qint64(lookup.value(QLatin1String("id")).toDouble());
    Confirmation::ask(
        this, tr("Delete lookup"),
        tr("Delete the lookup \"%1\"? Filters and statements that use it stop resolving it.")
            .arg(lookup.value(QLatin1String("name")).toString()),
        tr("&Delete"), [this, id, current] {
            auto done = [this](const ApiReply &reply) {
                if (checkReply(reply, tr("The lookup could not be deleted")))
                    refresh();
                Q_EMIT actionFinished();
            };
            if (current.isSystem()) {
                client()->send("DELETE", QStringLiteral("system/lookup/%1").arg(id), QJsonValue(), this,
                               done);
                return;
            }
            const QJsonObject removal{{QStringLiteral("id"), double(id)},
                                      {QStringLiteral("%1_id").arg(current.owner), QJsonValue()}};
            client()->send("PATCH", QStringLiteral("system/%1/%2").arg(current.owner).arg(current.ownerId),
                           QJsonObject{{current.relation(), QJsonArray{removal}}}, this, done);
        });
}
} // namespace gatehouse
