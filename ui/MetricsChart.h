#pragma once

#include <QChartView>
#include <QJsonArray>

namespace gatehouse {

// One dashboard chart: time series (lines, the first one filled) or bars per category, drawn
// in the widget palette's colours so it reads in light and dark themes.
class MetricsChart : public QChartView
{
    Q_OBJECT
public:
    explicit MetricsChart(const QString &title, QWidget *parent = nullptr);

    struct Line
    {
        QString name;
        QString key; // the value in each point of the series
    };
    // `points` as /system/metrics' "series": {"time": ISO, <key>: number, ...}.
    void setTimeSeries(const QJsonArray &points, const QList<Line> &lines, const QString &axisTitle);
    // One bar set per key, one category per row (`categoryKey` names it).
    void setBars(const QJsonArray &rows, const QString &categoryKey, const QList<Line> &sets,
                 const QString &axisTitle);
    // Re-reads the colours from the palette (after a theme change).
    void applyPalette();
    // What the chart draws, as plain text for assistive technology and tests.
    QString summary() const { return accessibleDescription(); }

protected:
    void changeEvent(QEvent *event) override;
};
} // namespace gatehouse
