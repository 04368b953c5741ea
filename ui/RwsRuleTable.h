#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QTableWidget;

namespace gatehouse {

// The `parameters` or `headers` rules of a remote HTTP (rws) service as a table instead of raw
// JSON. Parameters: name, value, exclude, outbound, cache key; headers: name, value, pass from
// client; both then one check box column per verb, which together make the rule's `action` verb
// mask (GET 1, POST 2, PUT 4, PATCH 8, DELETE 16, as in DreamFactory). Keys of a rule the table
// has no column for are kept.
class RwsRuleTable : public QWidget
{
    Q_OBJECT
public:
    enum class Kind
    {
        Parameters,
        Headers
    };

    explicit RwsRuleTable(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setRules(const QJsonArray &rules);
    QJsonArray rules() const;
    QStringList validate(const QString &what) const;
    QTableWidget *table() const { return m_table; }
    void addRule(const QJsonObject &rule = QJsonObject());

    static constexpr int kAllVerbs = 31;

private:
    // The boolean columns after name and value.
    QStringList flagKeys() const;
    int verbColumn(int verb) const { return 2 + int(flagKeys().size()) + verb; }

    Kind m_kind;
    QTableWidget *m_table;
    QList<QJsonObject> m_extra; // per row: the rule as loaded, for keys without a column
};
} // namespace gatehouse
