#include "MetricsChart.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QJsonObject>
#include <QLineSeries>
#include <QValueAxis>

namespace gatehouse {
namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}
} // namespace

MetricsChart::MetricsChart(const QString &title, QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setAccessibleName(title);
    setFocusPolicy(Qt::NoFocus);
    applyPalette();
}

void MetricsChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void MetricsChart::applyPalette()
{
    QChart *c = chart();
    // The built-in themes pick series colours that read on their background; the background
    // and text then follow the widget palette so the chart sits in the page like the rest.
    c->setTheme(isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->setBackgroundBrush(palette().brush(QPalette::Base));
    c->setTitleBrush(palette().brush(QPalette::Text));
    c->legend()->setLabelColor(palette().color(QPalette::Text));
    for (QAbstractSeries *series : c->series()) {
        if (auto *area = qobject_cast<QAreaSeries *>(series)) {
            QColor fill = palette().color(QPalette::Highlight);
            fill.setAlpha(90);
            area->setBrush(fill);
            area->setPen(QPen(palette().color(QPalette::Highlight), 2));
        }
    }
    for (QAbstractAxis *axis : c->axes()) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setTitleBrush(palette().brush(QPalette::Text));
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
}

void MetricsChart::setTimeSeries(const QJsonArray &points, const QList<Line> &lines, const QString &axisTitle)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes())
        c->removeAxis(axis), delete axis;
    auto *x = new QDateTimeAxis;
    auto *y = new QValueAxis;
    x->setFormat(points.size() > 0 && points.size() <= 62 ? QStringLiteral("HH:mm")
                                                          : QStringLiteral("MMM d HH:mm"));
    y->setTitleText(axisTitle);
    y->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    double maximum = 1;
    QStringList summary;
    for (int i = 0; i < lines.size(); ++i) {
        auto *series = new QLineSeries;
        series->setName(lines.at(i).name);
        double total = 0;
        for (const QJsonValue &value : points) {
            const QJsonObject point = value.toObject();
            const QDateTime time =
                QDateTime::fromString(point.value(QStringLiteral("time")).toString(), Qt::ISODate);
            const double number = point.value(lines.at(i).key).toDouble();
            series->append(double(time.toMSecsSinceEpoch()), number);
            maximum = qMax(maximum, number);
            total += number;
        }
        summary << QStringLiteral("%1: %2").arg(lines.at(i).name).arg(total);
        if (i == 0) {
            // The first line is the headline number: filled to the axis.
            auto *area = new QAreaSeries(series);
            series->setParent(area);
            area->setName(lines.at(i).name);
            c->addSeries(area);
            area->attachAxis(x);
            area->attachAxis(y);
        } else {
            c->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
    }
    if (!points.isEmpty()) {
        x->setRange(QDateTime::fromString(points.first().toObject().value(QStringLiteral("time")).toString(),
                                          Qt::ISODate),
                    QDateTime::fromString(points.last().toObject().value(QStringLiteral("time")).toString(),
                                          Qt::ISODate));
    }
    y->setRange(0, maximum * 1.1);
    y->applyNiceNumbers();
    setAccessibleDescription(summary.join(QStringLiteral("; ")));
    applyPalette();
}

void MetricsChart::setBars(const QJsonArray &rows, const QString &categoryKey, const QList<Line> &sets,
                           const QString &axisTitle)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes())
        c->removeAxis(axis), delete axis;
    auto *series = new QBarSeries;
    QStringList categories;
    for (const QJsonValue &row : rows)
        categories << row.toObject().value(categoryKey).toString();
    double maximum = 1;
    QStringList summary;
    for (const Line &line : sets) {
        auto *set = new QBarSet(line.name);
        for (const QJsonValue &row : rows) {
            const double number = row.toObject().value(line.key).toDouble();
            *set << number;
            maximum = qMax(maximum, number);
        }
        series->append(set);
    }
    for (const QJsonValue &row : rows) {
        QStringList values;
        for (const Line &line : sets)
            values << QStringLiteral("%1 %2").arg(row.toObject().value(line.key).toDouble()).arg(line.name);
        summary << QStringLiteral("%1: %2").arg(row.toObject().value(categoryKey).toString(),
                                                values.join(QStringLiteral(", ")));
    }
    c->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setTitleText(axisTitle);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setRange(0, maximum * 1.1);
    y->applyNiceNumbers();
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    setAccessibleDescription(summary.join(QStringLiteral("; ")));
    applyPalette();
}
} // namespace gatehouse
