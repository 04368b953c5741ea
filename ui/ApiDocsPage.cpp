#include "ApiDocsPage.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "TryItPanel.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
const QStringList &operationMethods()
{
    static const QStringList methods{
        QStringLiteral("get"),    QStringLiteral("post"), QStringLiteral("put"),    QStringLiteral("patch"),
        QStringLiteral("delete"), QStringLiteral("head"), QStringLiteral("options")};
    return methods;
}

constexpr int kMethodRole = Qt::UserRole;
constexpr int kPathRole = Qt::UserRole + 1;

QWidget *labelled(const QString &text, QWidget *widget, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *label = new QLabel(text, box);
    label->setBuddy(widget);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(widget, 1);
    return box;
}
} // namespace

ApiDocsPage::ApiDocsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_services(new QListWidget(this))
    , m_expand(new QCheckBox(tr("E&xpand tables and procedures"), this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_tryIt(new TryItPanel(client, this))
{
    m_services->setObjectName(QStringLiteral("apiServices"));
    m_services->setAccessibleName(tr("Services"));
    m_tree->setObjectName(QStringLiteral("operations"));
    m_tree->setAccessibleName(tr("Paths and operations"));
    m_tree->setHeaderLabels({tr("Method"), tr("Path"), tr("Summary")});
    m_tree->setUniformRowHeights(true);
    m_tree->setColumnWidth(0, m_tree->fontMetrics().horizontalAdvance(QStringLiteral("OPTIONS")) + 48);
    m_details->setObjectName(QStringLiteral("operationDetails"));
    m_details->setAccessibleName(tr("Operation details"));
    m_details->setOpenLinks(false);

    m_expand->setObjectName(QStringLiteral("expandSchema"));
    m_expand->setToolTip(tr("Database services: one path per table and procedure instead of "
                            "{table_name}."));
    auto *operations = labelled(tr("&Operations:"), m_tree, this);
    static_cast<QVBoxLayout *>(operations->layout())->insertWidget(0, m_expand);
    auto *middle = new QSplitter(Qt::Vertical, this);
    middle->addWidget(operations);
    middle->addWidget(labelled(tr("Deta&ils:"), m_details, middle));
    auto *tryBox = new QWidget(this);
    auto *tryLayout = new QVBoxLayout(tryBox);
    tryLayout->setContentsMargins(0, 0, 0, 0);
    auto *tryTitle = new QLabel(tr("Try it (sent with your admin session)"), tryBox);
    tryLayout->addWidget(tryTitle);
    tryLayout->addWidget(m_tryIt, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(labelled(tr("Ser&vices:"), m_services, splitter));
    splitter->addWidget(middle);
    splitter->addWidget(tryBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 3);
    contentLayout()->addWidget(splitter);

    connect(m_services, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            loadService(item->data(Qt::UserRole).toString());
    });
    connect(m_expand, &QCheckBox::toggled, this, [this] {
        if (!m_service.isEmpty())
            loadService(m_service);
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showOperation(item); });
}

void ApiDocsPage::refresh()
{
    // The API root lists the services this session reaches (all of them for an admin).
    client()->send("GET", QString(), QJsonValue(), this, [this](const ApiReply &reply) {
        if (!checkReply(reply, tr("The services could not be loaded"))) {
            Q_EMIT refreshed();
            return;
        }
        messageBar()->clear();
        const QString current = m_service;
        QSignalBlocker block(m_services);
        m_services->clear();
        for (const QJsonValue &value : reply.body.toObject().value(QLatin1String("services")).toArray()) {
            const QJsonObject service = value.toObject();
            const QString name = service.value(QLatin1String("name")).toString();
            const QString label = service.value(QLatin1String("label")).toString();
            auto *item = new QListWidgetItem(
                label.isEmpty() || label == name ? name : tr("%1 (%2)").arg(name, label), m_services);
            item->setData(Qt::UserRole, name);
            item->setToolTip(service.value(QLatin1String("type")).toString());
            if (name == current)
                m_services->setCurrentItem(item);
        }
        Q_EMIT refreshed();
    });
}

void ApiDocsPage::loadService(const QString &name)
{
    delete m_load; // a slow document for the previous choice is no longer wanted
    m_load = new QObject(this);
    m_service = name;
    m_tree->clear();
    m_details->clear();
    m_document = {};
    m_details->setPlainText(tr("Loading the OpenAPI document of %1…").arg(name));
    const QString path = m_expand->isChecked() ? QStringLiteral("api_docs/%1?expand_schema=true").arg(name)
                                               : QStringLiteral("api_docs/%1").arg(name);
    client()->send("GET", path, QJsonValue(), m_load, [this, name](const ApiReply &reply) {
        m_details->clear();
        if (checkReply(reply, tr("The API document of %1 could not be loaded").arg(name))) {
            messageBar()->clear();
            m_document = reply.body.toObject();
            showDocument();
        }
        Q_EMIT documentLoaded();
    });
}

void ApiDocsPage::showDocument()
{
    const QJsonObject paths = m_document.value(QLatin1String("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        auto *pathItem = new QTreeWidgetItem(m_tree, {it.key()});
        pathItem->setFirstColumnSpanned(true); // the path heads its operations
        pathItem->setData(0, kPathRole, it.key());
        const QJsonObject operations = it.value().toObject();
        for (const QString &method : operationMethods()) {
            if (!operations.contains(method))
                continue;
            const QJsonObject operation = operations.value(method).toObject();
            auto *item = new QTreeWidgetItem(
                pathItem, {method.toUpper(), it.key(), operation.value(QLatin1String("summary")).toString()});
            item->setData(0, kMethodRole, method);
            item->setData(0, kPathRole, it.key());
        }
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(1);
    m_details->setPlainText(
        tr("%n path(s). Choose an operation to see its parameters and try it.", nullptr, int(paths.size())));
}

QJsonValue ApiDocsPage::resolve(const QJsonValue &value, int depth) const
{
    // Inline "#/components/..." references so the schema reads as one piece; deep or cyclic
    // references stay as they are.
    if (depth > 6)
        return value;
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &entry : value.toArray())
            out.append(resolve(entry, depth + 1));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    const QString ref = object.value(QLatin1String("$ref")).toString();
    if (ref.startsWith(QLatin1String("#/"))) {
        QJsonValue target = m_document;
        for (const QString &part : ref.mid(2).split(QLatin1Char('/')))
            target = target.toObject().value(part);
        return target.isUndefined() ? value : resolve(target, depth + 1);
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        it.value() = resolve(it.value(), depth + 1);
    return object;
}

void ApiDocsPage::showOperation(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString path = item->data(0, kPathRole).toString();
    const QString method = item->data(0, kMethodRole).toString();
    if (method.isEmpty()) {
        m_details->setPlainText(path);
        return;
    }
    const QJsonObject operation =
        m_document.value(QLatin1String("paths")).toObject().value(path).toObject().value(method).toObject();
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(method.toUpper(), path.toHtmlEscaped());
    const QString summary = operation.value(QLatin1String("summary")).toString();
    const QString description = operation.value(QLatin1String("description")).toString();
    if (!summary.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(summary.toHtmlEscaped());
    if (!description.isEmpty() && description != summary)
        html += QStringLiteral("<p>%1</p>").arg(description.toHtmlEscaped());
    if (operation.contains(QLatin1String("operationId")))
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Operation id: %1")
                             .arg(operation.value(QLatin1String("operationId")).toString().toHtmlEscaped()));

    // Parameters of the path item apply to each of its operations too.
    QJsonArray parameters = m_document.value(QLatin1String("paths"))
                                .toObject()
                                .value(path)
                                .toObject()
                                .value(QLatin1String("parameters"))
                                .toArray();
    for (const QJsonValue &parameter : operation.value(QLatin1String("parameters")).toArray())
        parameters.append(parameter);
    QStringList queryNames;
    if (!parameters.isEmpty()) {
        html +=
            QStringLiteral("<h4>%1</h4><table border=\"1\" cellpadding=\"3\" cellspacing=\"0\">"
                           "<tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                .arg(tr("Parameters"), tr("Name"), tr("In"), tr("Type"), tr("Required"), tr("Description"));
        for (const QJsonValue &value : std::as_const(parameters)) {
            const QJsonObject parameter = resolve(value).toObject();
            const QString name = parameter.value(QLatin1String("name")).toString();
            const QString in = parameter.value(QLatin1String("in")).toString();
            if (in == QLatin1String("query"))
                queryNames << name;
            const QJsonObject schema = parameter.value(QLatin1String("schema")).toObject();
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                        .arg(name.toHtmlEscaped(), in.toHtmlEscaped(),
                             schema.value(QLatin1String("type")).toString().toHtmlEscaped(),
                             parameter.value(QLatin1String("required")).toBool() ? tr("yes") : tr("no"),
                             parameter.value(QLatin1String("description")).toString().toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    const QJsonObject body = resolve(operation.value(QLatin1String("requestBody"))).toObject();
    const bool hasBody = !body.isEmpty();
    if (hasBody) {
        const QJsonObject content = body.value(QLatin1String("content")).toObject();
        const QJsonValue schema =
            content.value(QLatin1String("application/json")).toObject().value(QLatin1String("schema"));
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Request body"));
        if (!body.value(QLatin1String("description")).toString().isEmpty())
            html += QStringLiteral("<p>%1</p>")
                        .arg(body.value(QLatin1String("description")).toString().toHtmlEscaped());
        const QByteArray schemaText = schema.isObject()
                                          ? QJsonDocument(schema.toObject()).toJson(QJsonDocument::Indented)
                                          : QJsonDocument(content).toJson(QJsonDocument::Indented);
        html += QStringLiteral("<pre>%1</pre>").arg(QString::fromUtf8(schemaText).toHtmlEscaped());
    }
    m_details->setHtml(html);
    m_tryIt->setRequest(method.toUpper(), m_service + path, queryNames, hasBody);
}

bool ApiDocsPage::selectOperation(const QString &method, const QString &path)
{
    for (int top = 0; top < m_tree->topLevelItemCount(); ++top) {
        QTreeWidgetItem *pathItem = m_tree->topLevelItem(top);
        if (pathItem->data(0, kPathRole).toString() != path)
            continue;
        for (int child = 0; child < pathItem->childCount(); ++child)
            if (pathItem->child(child)->data(0, kMethodRole).toString() == method.toLower()) {
                m_tree->setCurrentItem(pathItem->child(child));
                return true;
            }
    }
    return false;
}

QString ApiDocsPage::detailsText() const
{
    return m_details->toPlainText();
}
} // namespace gatehouse
