#pragma once

#include <QString>
#include <QStringList>

namespace gatehouse {

// One row of the system `field_mask` table: how a role sees one column of one table of one
// service. `field` "*" covers every text column (mostly with the detect mode); `table` "*"
// every table of the service.
struct FieldMaskRule
{
    enum class Mode
    {
        Redact,  // a fixed "**********"
        Partial, // keep the last `keep` characters
        Hash,    // keyed BLAKE2b of the value: stable, not reversible by dictionary
        Null,    // null
        Detect   // replace only the spans found by `detectors` (email, ssn, card, phone)
    };

    qint64 id = 0;
    qint64 roleId = 0;
    qint64 serviceId = 0;
    QString table;
    QString field;
    Mode mode = Mode::Redact;
    int keep = 4;
    QStringList detectors;
    bool allowFilter = false; // may the column still be used in filter/order/group/having/ids

    static bool parseMode(const QString &text, Mode *mode);
    static QString modeName(Mode mode);
    static const QStringList &detectorNames();
};
} // namespace gatehouse
