#pragma once

#include <QIcon>
#include <QWidget>

class QVBoxLayout;

namespace gatehouse {

class GatehouseClient;
class MessageBar;
struct ApiReply;

// One area of the console (Services, Roles, Logs …) as MainWindow shows it in its page list.
// A page reaches the engine only through its GatehouseClient. It loads lazily: MainWindow calls
// refresh() the first time the page is shown after sign-in and whenever the user asks (F5).
class ConsolePage : public QWidget
{
    Q_OBJECT
public:
    ConsolePage(GatehouseClient *client, QWidget *parent = nullptr);

    // The entry in the page list ("&Services" style mnemonics are not used there).
    virtual QString title() const = 0;
    // A resource name under :/icons/ (without .svg).
    virtual QString iconName() const = 0;
    // Whether the page needs an admin session (everything except Connect).
    virtual bool needsSignIn() const { return true; }
    virtual void refresh() = 0;

    QIcon icon() const;
    MessageBar *messageBar() const { return m_messages; }
    GatehouseClient *client() const { return m_client; }

Q_SIGNALS:
    // A refresh has finished, successfully or not (tests wait for it).
    void refreshed();

protected:
    // Where a page puts its widgets, below the message bar.
    QVBoxLayout *contentLayout() const { return m_content; }
    // Shows a failed call as "<what>: <message> (request <id>)" and returns false, so
    // callbacks can write `if (!checkReply(reply, tr("…"))) return;`.
    bool checkReply(const ApiReply &reply, const QString &what);

private:
    GatehouseClient *m_client;
    MessageBar *m_messages;
    QVBoxLayout *m_content;
};
} // namespace gatehouse
