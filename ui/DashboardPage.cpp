#include "DashboardPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

#include "JsonTableModel.h"
#include "MessageBar.h"
#include "MetricsChart.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
QTableView *makeTable(JsonTableModel *model, const QString &name, const QString &accessibleName,
                      QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setMinimumHeight(160);
    return view;
}

QLabel *makeFigure(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

DashboardPage::DashboardPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_range(new QComboBox(this))
    , m_live(new QCheckBox(tr("&Live updates"), this))
    , m_total(makeFigure(QStringLiteral("dashboardTotal"), this))
    , m_errorRate(makeFigure(QStringLiteral("dashboardErrorRate"), this))
    , m_latency(makeFigure(QStringLiteral("dashboardLatency"), this))
    , m_aiCost(makeFigure(QStringLiteral("dashboardAiCost"), this))
    , m_traffic(new MetricsChart(tr("Requests"), this))
    , m_latencyChart(new MetricsChart(tr("Average latency"), this))
    , m_tokens(new MetricsChart(tr("Tokens by model"), this))
    , m_services(new JsonTableModel({{QStringLiteral("service"), tr("Service")},
                                     {QStringLiteral("requests"), tr("Requests")},
                                     {QStringLiteral("errors"), tr("Errors")}},
                                    this))
    , m_users(new JsonTableModel(
          {{QStringLiteral("user_email"), tr("User")}, {QStringLiteral("requests"), tr("Requests")}}, this))
    , m_budgetBox(new QGroupBox(tr("AI spend against budgets"), this))
    , m_budgetLayout(new QVBoxLayout(m_budgetBox))
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *controls = new QHBoxLayout;
    auto *rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_range);
    m_range->setObjectName(QStringLiteral("dashboardRange"));
    m_range->setAccessibleName(tr("Range"));
    m_range->addItem(tr("Last hour"), QStringLiteral("1h"));
    m_range->addItem(tr("Last 24 hours"), QStringLiteral("24h"));
    m_range->addItem(tr("Last 7 days"), QStringLiteral("7d"));
    m_range->addItem(tr("Last 30 days"), QStringLiteral("30d"));
    m_live->setObjectName(QStringLiteral("dashboardLive"));
    m_live->setChecked(true);
    controls->addWidget(rangeLabel);
    controls->addWidget(m_range);
    controls->addWidget(m_live);
    controls->addStretch(1);
    connect(m_range, &QComboBox::currentIndexChanged, this, &DashboardPage::refresh);
    connect(m_live, &QCheckBox::toggled, this, &DashboardPage::updateTimer);

    auto *figures = new QGridLayout;
    const QList<QPair<QString, QLabel *>> captions{{tr("Requests"), m_total},
                                                   {tr("Error rate (4xx / 5xx)"), m_errorRate},
                                                   {tr("Latency p50 / p95"), m_latency},
                                                   {tr("AI spend"), m_aiCost}};
    for (int i = 0; i < captions.size(); ++i) {
        auto *caption = new QLabel(captions.at(i).first, this);
        figures->addWidget(caption, 0, i);
        figures->addWidget(captions.at(i).second, 1, i);
        captions.at(i).second->setAccessibleName(captions.at(i).first);
    }

    m_traffic->setObjectName(QStringLiteral("dashboardTraffic"));
    m_latencyChart->setObjectName(QStringLiteral("dashboardLatencyChart"));
    m_tokens->setObjectName(QStringLiteral("dashboardTokens"));
    m_servicesView = makeTable(m_services, QStringLiteral("dashboardTopServices"), tr("Top services"), this);
    m_usersView = makeTable(m_users, QStringLiteral("dashboardTopUsers"), tr("Top users"), this);
    m_budgetBox->setObjectName(QStringLiteral("dashboardBudgets"));

    auto *grid = new QGridLayout;
    grid->addWidget(m_traffic, 0, 0);
    grid->addWidget(m_latencyChart, 0, 1);
    auto *servicesBox = new QGroupBox(tr("Top services"), this);
    (new QVBoxLayout(servicesBox))->addWidget(m_servicesView);
    auto *usersBox = new QGroupBox(tr("Top users"), this);
    (new QVBoxLayout(usersBox))->addWidget(m_usersView);
    grid->addWidget(servicesBox, 1, 0);
    grid->addWidget(usersBox, 1, 1);
    grid->addWidget(m_budgetBox, 2, 0);
    grid->addWidget(m_tokens, 2, 1);

    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addLayout(figures);
    bodyLayout->addLayout(grid, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    contentLayout()->addLayout(controls);
    contentLayout()->addWidget(scroll, 1);

    m_timer.setInterval(kLiveMs);
    connect(&m_timer, &QTimer::timeout, this, &DashboardPage::refresh);
    showBudgets({});
}

DashboardPage::~DashboardPage() = default;

QString DashboardPage::range() const
{
    return m_range->currentData().toString();
}

void DashboardPage::refresh()
{
    // A refresh supersedes one still in flight (the range may have changed meanwhile).
    m_call = std::make_unique<QObject>();
    client()->send("GET", QStringLiteral("system/metrics?range=%1").arg(range()), QJsonValue(), m_call.get(),
                   [this](const ApiReply &reply) {
                       m_call.release()->deleteLater();
                       if (checkReply(reply, tr("Loading the metrics failed"))) {
                           if (messageBar()->kind() == MessageBar::Kind::Error)
                               messageBar()->clear();
                           showMetrics(reply.body.toObject());
                       }
                       emit refreshed();
                   });
}

void DashboardPage::showMetrics(const QJsonObject &metrics)
{
    m_metrics = metrics;
    const QLocale locale;
    const QJsonObject requests = metrics.value(QStringLiteral("requests")).toObject();
    const qint64 total = requests.value(QStringLiteral("total")).toInteger();
    m_total->setText(locale.toString(total));
    m_errorRate->setText(
        tr("%1% / %2%")
            .arg(locale.toString(requests.value(QStringLiteral("error_rate")).toDouble() * 100, 'f', 1),
                 locale.toString(requests.value(QStringLiteral("server_error_rate")).toDouble() * 100, 'f',
                                 1)));
    m_latency->setText(tr("%1 ms / %2 ms")
                           .arg(requests.value(QStringLiteral("p50_ms")).toInteger())
                           .arg(requests.value(QStringLiteral("p95_ms")).toInteger()));
    const QJsonObject ai = metrics.value(QStringLiteral("ai")).toObject();
    m_aiCost->setText(locale.toString(ai.value(QStringLiteral("cost")).toDouble(), 'f', 2));

    const QJsonArray series = metrics.value(QStringLiteral("series")).toArray();
    m_traffic->setTimeSeries(series,
                             {{tr("Requests"), QStringLiteral("requests")},
                              {tr("Errors"), QStringLiteral("errors")},
                              {tr("Server errors"), QStringLiteral("server_errors")}},
                             tr("per %n minute(s)", nullptr,
                                int(metrics.value(QStringLiteral("bucket_seconds")).toInteger() / 60)));
    m_latencyChart->setTimeSeries(series, {{tr("Average"), QStringLiteral("avg_ms")}}, tr("ms"));
    m_tokens->setBars(ai.value(QStringLiteral("models")).toArray(), QStringLiteral("model"),
                      {{tr("Input tokens"), QStringLiteral("input_tokens")},
                       {tr("Output tokens"), QStringLiteral("output_tokens")}},
                      tr("tokens"));
    m_services->setRows(metrics.value(QStringLiteral("top_services")).toArray());
    m_users->setRows(metrics.value(QStringLiteral("top_users")).toArray());
    m_servicesView->resizeColumnsToContents();
    m_usersView->resizeColumnsToContents();
    showBudgets(ai.value(QStringLiteral("budgets")).toArray());
}

void DashboardPage::showBudgets(const QJsonArray &budgets)
{
    while (QLayoutItem *item = m_budgetLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (budgets.isEmpty()) {
        m_budgetLayout->addWidget(new QLabel(tr("No active AI budgets."), m_budgetBox));
        return;
    }
    const QLocale locale;
    for (const QJsonValue &value : budgets) {
        const QJsonObject budget = value.toObject();
        const double spent = budget.value(QStringLiteral("spent")).toDouble();
        const double limit = budget.value(QStringLiteral("limit")).toDouble();
        const QString caption = tr("%1 (%2): %3 of %4")
                                    .arg(budget.value(QStringLiteral("name")).toString(),
                                         budget.value(QStringLiteral("period")).toString(),
                                         locale.toString(spent, 'f', 2), locale.toString(limit, 'f', 2));
        auto *label = new QLabel(caption, m_budgetBox);
        auto *bar = new QProgressBar(m_budgetBox);
        bar->setObjectName(QStringLiteral("budget_%1").arg(budget.value(QStringLiteral("name")).toString()));
        bar->setAccessibleName(caption);
        bar->setRange(0, 100);
        // Over budget still shows a full bar; the caption has the real numbers.
        bar->setValue(int(qBound(0.0, budget.value(QStringLiteral("utilisation")).toDouble() * 100, 100.0)));
        m_budgetLayout->addWidget(label);
        m_budgetLayout->addWidget(bar);
    }
    m_budgetLayout->addStretch(1);
}

void DashboardPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    updateTimer();
}

void DashboardPage::hideEvent(QHideEvent *event)
{
    ConsolePage::hideEvent(event);
    updateTimer();
}

void DashboardPage::updateTimer()
{
    if (isVisible() && m_live->isChecked())
        m_timer.start();
    else
        m_timer.stop();
}
} // namespace gatehouse
