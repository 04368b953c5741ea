#include "FieldMasker.h"

#include <mutex>
#include <sodium.h>

#include <QRegularExpression>

#include "AccessSnapshot.h"
#include "core/ApiError.h"

namespace gatehouse {
namespace {

std::mutex g_keyMutex;
QByteArray g_hashKey; // crypto_generichash_KEYBYTES once set

QByteArray hashKey()
{
    std::lock_guard lock(g_keyMutex);
    if (g_hashKey.isEmpty()) {
        g_hashKey.resize(crypto_generichash_KEYBYTES);
        randombytes_buf(g_hashKey.data(), size_t(g_hashKey.size()));
    }
    return g_hashKey;
}

int severity(FieldMaskRule::Mode mode)
{
    switch (mode) {
    case FieldMaskRule::Mode::Null:
        return 5;
    case FieldMaskRule::Mode::Redact:
        return 4;
    case FieldMaskRule::Mode::Hash:
        return 3;
    case FieldMaskRule::Mode::Partial:
        return 2;
    case FieldMaskRule::Mode::Detect:
        return 1;
    }
    return 0;
}

struct Detector
{
    const char *name;
    const char *token;
    QRegularExpression pattern;
};

const std::vector<Detector> &detectors()
{
    // Order matters: card numbers before phone numbers (a card contains phone-like runs) and
    // SSNs before phones. Tokens contain no digits or '@', so later detectors cannot re-match.
    static const std::vector<Detector> list{
        {"card", "[CARD]", QRegularExpression(QStringLiteral(R"((?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-]))"))},
        {"ssn", "[SSN]",
         QRegularExpression(QStringLiteral(
             R"((?<![\w-])(?!000|666|9\d\d)\d{3}([- ]?)(?!00)\d{2}\1(?!0000)\d{4}(?![\w-]))"))},
        {"email", "[EMAIL]",
         QRegularExpression(
             QStringLiteral(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"))},
        {"phone", "[PHONE]",
         QRegularExpression(QStringLiteral(
             R"((?<![\w+])(?:\+?1[-. ]?)?(?:\(\d{3}\)|\d{3})[-. ]?\d{3}[-. ]?\d{4}(?!\w)|(?<![\w+])\+\d{1,3}(?:[ .-]?\d){7,12}(?!\w))"))},
    };
    return list;
}
} // namespace

bool FieldMaskRule::parseMode(const QString &text, Mode *mode)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("redact"))
        *mode = Mode::Redact;
    else if (t == QLatin1String("partial"))
        *mode = Mode::Partial;
    else if (t == QLatin1String("hash"))
        *mode = Mode::Hash;
    else if (t == QLatin1String("null"))
        *mode = Mode::Null;
    else if (t == QLatin1String("detect"))
        *mode = Mode::Detect;
    else
        return false;
    return true;
}

QString FieldMaskRule::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Redact:
        return QStringLiteral("redact");
    case Mode::Partial:
        return QStringLiteral("partial");
    case Mode::Hash:
        return QStringLiteral("hash");
    case Mode::Null:
        return QStringLiteral("null");
    case Mode::Detect:
        return QStringLiteral("detect");
    }
    return {};
}

const QStringList &FieldMaskRule::detectorNames()
{
    static const QStringList names{QStringLiteral("email"), QStringLiteral("ssn"), QStringLiteral("card"),
                                   QStringLiteral("phone")};
    return names;
}

FieldMasker::FieldMasker(QList<FieldMaskRule> rules)
    : m_rules(std::move(rules))
{
}

void FieldMasker::setHashKey(const QByteArray &key)
{
    std::lock_guard lock(g_keyMutex);
    g_hashKey.resize(crypto_generichash_KEYBYTES);
    // Any key length works: it is condensed to the generichash key size.
    crypto_generichash(reinterpret_cast<unsigned char *>(g_hashKey.data()), size_t(g_hashKey.size()),
                       reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()),
                       reinterpret_cast<const unsigned char *>("gatehouse-field-mask"), 20);
}

FieldMasker FieldMasker::forTable(const Session &session, qint64 serviceId, const QString &table)
{
    if (session.isSysAdmin() || !session.role || !session.snapshot)
        return {};
    const auto it = session.snapshot->fieldMasks.constFind(session.role->id);
    if (it == session.snapshot->fieldMasks.constEnd())
        return {};
    QList<FieldMaskRule> exact;
    QList<FieldMaskRule> wildcard;
    for (const FieldMaskRule &rule : *it) {
        if (rule.serviceId != serviceId)
            continue;
        if (rule.table.compare(table, Qt::CaseInsensitive) == 0)
            exact << rule;
        else if (rule.table == QLatin1String("*"))
            wildcard << rule;
    }
    return FieldMasker(exact + wildcard);
}

FieldMasker FieldMasker::forService(const Session &session, qint64 serviceId)
{
    if (session.isSysAdmin() || !session.role || !session.snapshot)
        return {};
    const auto it = session.snapshot->fieldMasks.constFind(session.role->id);
    if (it == session.snapshot->fieldMasks.constEnd())
        return {};
    QList<FieldMaskRule> rules;
    for (const FieldMaskRule &rule : *it)
        if (rule.serviceId == serviceId)
            rules << rule;
    // Several tables may mask the same column name differently: the strictest wins.
    std::stable_sort(rules.begin(), rules.end(), [](const FieldMaskRule &a, const FieldMaskRule &b) {
        return severity(a.mode) > severity(b.mode);
    });
    return FieldMasker(rules);
}

const FieldMaskRule *FieldMasker::ruleFor(const QString &column, bool isText) const
{
    for (const FieldMaskRule &rule : m_rules)
        if (rule.field.compare(column, Qt::CaseInsensitive) == 0)
            return &rule;
    if (!isText)
        return nullptr;
    for (const FieldMaskRule &rule : m_rules)
        if (rule.field == QLatin1String("*"))
            return &rule;
    return nullptr;
}

bool FieldMasker::blocksInference(const QString &column, bool isText) const
{
    const FieldMaskRule *rule = ruleFor(column, isText);
    return rule && !rule->allowFilter;
}

void FieldMasker::requireUsable(const QString &column, bool isText, const char *where) const
{
    if (blocksInference(column, isText))
        throw ApiError::forbidden(
            QStringLiteral("Field '%1' is masked for this role and can not be used in '%2'.")
                .arg(column, QLatin1String(where)));
}

QString FieldMasker::partial(const QString &text, int keep)
{
    const qsizetype n = text.size();
    // Keeping the whole value (or all but nothing) would reveal it: mask everything then.
    if (keep <= 0 || keep >= n)
        return QString(n > 0 ? n : 1, QLatin1Char('*'));
    return QString(n - keep, QLatin1Char('*')) + text.right(keep);
}

QString FieldMasker::hash(const QByteArray &value)
{
    const QByteArray key = hashKey();
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(value.constData()),
                       size_t(value.size()), reinterpret_cast<const unsigned char *>(key.constData()),
                       size_t(key.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex());
}

bool FieldMasker::luhnValid(const QString &digits)
{
    int sum = 0;
    int count = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const QChar c = digits.at(i);
        if (c == QLatin1Char(' ') || c == QLatin1Char('-'))
            continue;
        if (!c.isDigit())
            return false;
        int d = c.digitValue();
        if (twice) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        twice = !twice;
        ++count;
    }
    return count >= 13 && count <= 19 && sum % 10 == 0;
}

QString FieldMasker::detect(const QString &text, const QStringList &wanted)
{
    QString out = text;
    for (const Detector &detector : detectors()) {
        const QString name = QLatin1String(detector.name);
        if (!wanted.contains(name, Qt::CaseInsensitive))
            continue;
        QString next;
        qsizetype last = 0;
        QRegularExpressionMatchIterator it = detector.pattern.globalMatch(out);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            if (name == QLatin1String("card") && !luhnValid(match.captured(0)))
                continue;
            next += QStringView(out).mid(last, match.capturedStart() - last);
            next += QLatin1String(detector.token);
            last = match.capturedEnd();
        }
        next += QStringView(out).mid(last);
        out = next;
    }
    return out;
}

QString FieldMasker::maskText(const FieldMaskRule &rule, const QString &text)
{
    switch (rule.mode) {
    case FieldMaskRule::Mode::Redact:
        return redacted();
    case FieldMaskRule::Mode::Partial:
        return partial(text, rule.keep);
    case FieldMaskRule::Mode::Hash:
        return hash(text.toUtf8());
    case FieldMaskRule::Mode::Detect:
        return detect(text, rule.detectors);
    case FieldMaskRule::Mode::Null:
        break;
    }
    return {};
}

Json FieldMasker::apply(const FieldMaskRule &rule, const Json &value)
{
    if (rule.mode == FieldMaskRule::Mode::Null)
        return nullptr;
    if (value.is_null())
        return value;
    // Detection looks for PII in free text; a number or a boolean is left as it is.
    if (rule.mode == FieldMaskRule::Mode::Detect && !value.is_string())
        return value;
    const QString text = value.is_string() ? QString::fromStdString(value.get<std::string>())
                                           : QString::fromStdString(value.dump());
    return maskText(rule, text).toStdString();
}

void FieldMasker::maskRecord(Json &record) const
{
    if (m_rules.isEmpty() || !record.is_object())
        return;
    for (auto it = record.begin(); it != record.end(); ++it) {
        if (const FieldMaskRule *rule = ruleFor(QString::fromStdString(it.key()), it.value().is_string()))
            it.value() = apply(*rule, it.value());
    }
}

void FieldMasker::maskRows(Json &rows) const
{
    if (m_rules.isEmpty() || !rows.is_array())
        return;
    for (Json &row : rows)
        maskRecord(row);
}
} // namespace gatehouse
