#include "ConsolePage.h"

#include <QVBoxLayout>

#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

ConsolePage::ConsolePage(GatehouseClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_messages(new MessageBar(this))
    , m_content(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(m_content, 1);
}

QIcon ConsolePage::icon() const
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(iconName()));
}

bool ConsolePage::checkReply(const ApiReply &reply, const QString &what)
{
    if (reply.ok())
        return true;
    m_messages->showError(what, reply);
    return false;
}
} // namespace gatehouse
