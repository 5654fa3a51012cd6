#pragma once
// A remote DICOM node (a PACS) as the command line names it: AET@HOST:PORT.
#include "common/Result.h"

#include <QString>

namespace medq::pacs {

struct PacsNode {
    QString aeTitle;
    QString host;
    quint16 port = 104;
    QString text() const { return QStringLiteral("%1@%2:%3").arg(aeTitle, host).arg(port); }
    // "ORTHANC@pacs.example.org:4242"; an error naming what is wrong otherwise.
    static Result<PacsNode> parse(const QString& text);
};

}  // namespace medq::pacs
