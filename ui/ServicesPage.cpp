#include "ServicesPage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "ServiceEditorDialog.h"

namespace gatehouse {

ServicesPage::ServicesPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_table(new QTableWidget(0, 4, this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
{
    m_table->setObjectName(QStringLiteral("services"));
    m_table->setAccessibleName(tr("Services"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Label"), tr("Type"), tr("Active")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();

    auto *newLdap = new QPushButton(tr("New &LDAP service…"), this);
    newLdap->setObjectName(QStringLiteral("newLdap"));
    auto *newAd = new QPushButton(tr("New Active &Directory service…"), this);
    newAd->setObjectName(QStringLiteral("newAdldap"));
    auto *newOidc = new QPushButton(tr("New &OpenID Connect service…"), this);
    newOidc->setObjectName(QStringLiteral("newOidc"));
    auto *reload = new QPushButton(tr("&Refresh"), this);
    m_edit->setObjectName(QStringLiteral("edit"));

    connect(newLdap, &QPushButton::clicked, this, [this] { createService(QStringLiteral("ldap")); });
    connect(newAd, &QPushButton::clicked, this, [this] { createService(QStringLiteral("adldap")); });
    connect(newOidc, &QPushButton::clicked, this, [this] { createService(QStringLiteral("oidc")); });
    connect(reload, &QPushButton::clicked, this, &ServicesPage::refresh);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0 && row < m_services.size())
            editService(m_services.at(row).name);
    });
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row < m_services.size() && ServiceEditorDialog::canEdit(m_services.at(row).type))
            editService(m_services.at(row).name);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ServicesPage::updateButtons);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newLdap);
    buttons->addWidget(newAd);
    buttons->addWidget(newOidc);
    buttons->addStretch();
    buttons->addWidget(m_edit);
    buttons->addWidget(reload);
    contentLayout()->addWidget(m_table);
    contentLayout()->addLayout(buttons);
    updateButtons();
}

ServiceEditorDialog *ServicesPage::editor() const
{
    return m_editor;
}

void ServicesPage::updateButtons()
{
    const int row = m_table->currentRow();
    const bool editable =
        row >= 0 && row < m_services.size() && ServiceEditorDialog::canEdit(m_services.at(row).type);
    m_edit->setEnabled(editable);
    m_edit->setToolTip(editable || row < 0 ? QString()
                                           : tr("This console edits identity services only so far."));
}

void ServicesPage::refresh()
{
    client()->listServices(this, [this](const ApiReply &reply, const QList<ServiceDefinition> &services) {
        if (!checkReply(reply, tr("The services could not be loaded"))) {
            Q_EMIT refreshed();
            return;
        }
        messageBar()->clear();
        m_services = services;
        m_table->setRowCount(0);
        for (const ServiceDefinition &service : services) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, new QTableWidgetItem(service.name));
            m_table->setItem(row, 1, new QTableWidgetItem(service.label));
            m_table->setItem(row, 2, new QTableWidgetItem(service.type));
            m_table->setItem(row, 3, new QTableWidgetItem(service.isActive ? tr("yes") : tr("no")));
        }
        updateButtons();
        Q_EMIT refreshed();
    });
}

ServiceEditorDialog *ServicesPage::createService(const QString &type)
{
    ServiceDefinition service;
    service.type = type;
    return openEditor(service);
}

ServiceEditorDialog *ServicesPage::editService(const QString &name)
{
    for (const ServiceDefinition &service : std::as_const(m_services))
        if (service.name == name && ServiceEditorDialog::canEdit(service.type))
            return openEditor(service);
    return nullptr;
}

ServiceEditorDialog *ServicesPage::openEditor(const ServiceDefinition &service)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new ServiceEditorDialog(client(), service, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ServiceEditorDialog::saved, this, &ServicesPage::refresh);
    m_editor = editor;
    editor->open();
    return editor;
}
} // namespace gatehouse
