#include "LogsPage.h"

#include <QTabWidget>
#include <QVBoxLayout>

#include "LiveTailTab.h"
#include "LogTableTab.h"
#include "MessageBar.h"

namespace gatehouse {
namespace {
using Filter = LogTableTab::Filter;

LogTableTab::Spec auditSpec()
{
    LogTableTab::Spec spec;
    spec.name = QStringLiteral("audit");
    spec.resource = QStringLiteral("system/audit");
    spec.columns = {{QStringLiteral("created_date"), LogsPage::tr("Time (UTC)")},
                    {QStringLiteral("user_email"), LogsPage::tr("User")},
                    {QStringLiteral("service"), LogsPage::tr("Service")},
                    {QStringLiteral("verb"), LogsPage::tr("Verb")},
                    {QStringLiteral("path"), LogsPage::tr("Path")},
                    {QStringLiteral("status"), LogsPage::tr("Status")},
                    {QStringLiteral("duration_ms"), LogsPage::tr("Duration (ms)")},
                    {QStringLiteral("request_id"), LogsPage::tr("Request id")}};
    spec.fields = {
        QStringLiteral("id"),           QStringLiteral("created_date"), QStringLiteral("event"),
        QStringLiteral("request_id"),   QStringLiteral("client_ip"),    QStringLiteral("user_id"),
        QStringLiteral("user_email"),   QStringLiteral("app_id"),       QStringLiteral("app_name"),
        QStringLiteral("role_id"),      QStringLiteral("role_name"),    QStringLiteral("service"),
        QStringLiteral("component"),    QStringLiteral("verb"),         QStringLiteral("path"),
        QStringLiteral("status"),       QStringLiteral("duration_ms"),  QStringLiteral("bytes_in"),
        QStringLiteral("bytes_out"),    QStringLiteral("params"),       QStringLiteral("user_agent"),
        QStringLiteral("error_message")};
    spec.filters = {
        {QStringLiteral("user"),
         LogsPage::tr("&User:"),
         QStringLiteral("user_email"),
         Filter::Kind::Contains,
         {}},
        {QStringLiteral("service"),
         LogsPage::tr("Ser&vice:"),
         QStringLiteral("service"),
         Filter::Kind::Equals,
         {}},
        {QStringLiteral("verb"),
         LogsPage::tr("Ver&b:"),
         QStringLiteral("verb"),
         Filter::Kind::Choice,
         {{LogsPage::tr("Any"), QString()},
          {QStringLiteral("GET"), QStringLiteral("verb = 'GET'")},
          {QStringLiteral("POST"), QStringLiteral("verb = 'POST'")},
          {QStringLiteral("PUT"), QStringLiteral("verb = 'PUT'")},
          {QStringLiteral("PATCH"), QStringLiteral("verb = 'PATCH'")},
          {QStringLiteral("DELETE"), QStringLiteral("verb = 'DELETE'")}}},
        {QStringLiteral("status"),
         LogsPage::tr("&Status:"),
         QStringLiteral("status"),
         Filter::Kind::Choice,
         {{LogsPage::tr("Any"), QString()},
          {LogsPage::tr("Successful (below 400)"), QStringLiteral("status < 400")},
          {LogsPage::tr("Errors (400 and above)"), QStringLiteral("status >= 400")},
          {LogsPage::tr("Server errors (500 and above)"), QStringLiteral("status >= 500")}}},
    };
    return spec;
}

LogTableTab::Spec aiUsageSpec()
{
    LogTableTab::Spec spec;
    spec.name = QStringLiteral("aiUsage");
    spec.resource = QStringLiteral("system/ai_usage");
    spec.columns = {{QStringLiteral("created_date"), LogsPage::tr("Time (UTC)")},
                    {QStringLiteral("service_name"), LogsPage::tr("Connection")},
                    {QStringLiteral("model"), LogsPage::tr("Model")},
                    {QStringLiteral("endpoint"), LogsPage::tr("Endpoint")},
                    {QStringLiteral("input_tokens"), LogsPage::tr("Input tokens")},
                    {QStringLiteral("output_tokens"), LogsPage::tr("Output tokens")},
                    {QStringLiteral("cost"), LogsPage::tr("Cost")},
                    {QStringLiteral("latency_ms"), LogsPage::tr("Latency (ms)")},
                    {QStringLiteral("status"), LogsPage::tr("Status")}};
    spec.fields = {QStringLiteral("id"),
                   QStringLiteral("created_date"),
                   QStringLiteral("request_id"),
                   QStringLiteral("service_id"),
                   QStringLiteral("service_name"),
                   QStringLiteral("provider"),
                   QStringLiteral("model"),
                   QStringLiteral("user_id"),
                   QStringLiteral("role_id"),
                   QStringLiteral("app_id"),
                   QStringLiteral("endpoint"),
                   QStringLiteral("stream"),
                   QStringLiteral("input_tokens"),
                   QStringLiteral("output_tokens"),
                   QStringLiteral("cached_input_tokens"),
                   QStringLiteral("reasoning_tokens"),
                   QStringLiteral("cost"),
                   QStringLiteral("estimated"),
                   QStringLiteral("latency_ms"),
                   QStringLiteral("ttft_ms"),
                   QStringLiteral("status"),
                   QStringLiteral("http_status"),
                   QStringLiteral("error_message"),
                   QStringLiteral("fallback_index"),
                   QStringLiteral("attempt")};
    spec.filters = {
        {QStringLiteral("service"),
         LogsPage::tr("&Connection:"),
         QStringLiteral("service_name"),
         Filter::Kind::Equals,
         {}},
        {QStringLiteral("model"),
         LogsPage::tr("&Model:"),
         QStringLiteral("model"),
         Filter::Kind::Contains,
         {}},
        {QStringLiteral("user"),
         LogsPage::tr("&User id:"),
         QStringLiteral("user_id"),
         Filter::Kind::Integer,
         {}},
        {QStringLiteral("status"),
         LogsPage::tr("&Status:"),
         QStringLiteral("status"),
         Filter::Kind::Choice,
         {{LogsPage::tr("Any"), QString()},
          {LogsPage::tr("Success"), QStringLiteral("status = 'success'")},
          {LogsPage::tr("Partial"), QStringLiteral("status = 'partial'")},
          {LogsPage::tr("Error"), QStringLiteral("status = 'error'")}}},
    };
    return spec;
}

LogTableTab::Spec aiPromptSpec()
{
    LogTableTab::Spec spec;
    spec.name = QStringLiteral("aiPrompt");
    spec.resource = QStringLiteral("system/ai_prompt");
    spec.columns = {{QStringLiteral("created_date"), LogsPage::tr("Time (UTC)")},
                    {QStringLiteral("model"), LogsPage::tr("Model")},
                    {QStringLiteral("user_id"), LogsPage::tr("User id")},
                    {QStringLiteral("request_id"), LogsPage::tr("Request id")},
                    {QStringLiteral("prompt"), LogsPage::tr("Prompt")}};
    spec.fields = {QStringLiteral("id"),         QStringLiteral("created_date"), QStringLiteral("request_id"),
                   QStringLiteral("service_id"), QStringLiteral("user_id"),      QStringLiteral("model"),
                   QStringLiteral("prompt"),     QStringLiteral("response")};
    spec.filters = {
        {QStringLiteral("model"),
         LogsPage::tr("&Model:"),
         QStringLiteral("model"),
         Filter::Kind::Contains,
         {}},
        {QStringLiteral("request"),
         LogsPage::tr("Re&quest id:"),
         QStringLiteral("request_id"),
         Filter::Kind::Equals,
         {}},
        {QStringLiteral("text"),
         LogsPage::tr("&Prompt contains:"),
         QStringLiteral("prompt"),
         Filter::Kind::Contains,
         {}},
    };
    return spec;
}
} // namespace

LogsPage::LogsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_tabs(new QTabWidget(this))
    , m_audit(new LogTableTab(client, messageBar(), auditSpec(), m_tabs))
    , m_aiUsage(new LogTableTab(client, messageBar(), aiUsageSpec(), m_tabs))
    , m_aiPrompts(new LogTableTab(client, messageBar(), aiPromptSpec(), m_tabs))
    , m_tail(new LiveTailTab(client, messageBar(), m_tabs))
{
    setObjectName(QStringLiteral("logsPage"));
    m_tabs->setObjectName(QStringLiteral("logsTabs"));
    m_tabs->addTab(m_audit, tr("Audit"));
    m_tabs->addTab(m_aiUsage, tr("AI usage"));
    m_tabs->addTab(m_aiPrompts, tr("AI prompts"));
    m_tabs->addTab(m_tail, tr("Live tail"));
    contentLayout()->addWidget(m_tabs);
    for (LogTableTab *tab : {m_audit, m_aiUsage, m_aiPrompts})
        connect(tab, &LogTableTab::pageLoaded, this, [this] {
            if (m_pending > 0 && --m_pending == 0)
                emit refreshed();
        });
}

void LogsPage::refresh()
{
    messageBar()->clear();
    m_pending = 3;
    m_audit->reload();
    m_aiUsage->reload();
    m_aiPrompts->reload();
}
} // namespace gatehouse
