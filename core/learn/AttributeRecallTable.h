#pragma once
// The report of the generalisation issue: the attribute head's recall at each true severity
// (mild, moderate, severe) and its precision, attribute by attribute, on sources training
// never saw beside phantoms (and seen sources, when the split has them), as a Markdown table
// for docs/. Read from an evaluation's result (EvaluateModelJob: attributeHeadBySource).
#include <QJsonObject>
#include <QString>

namespace medq::learn {

class AttributeRecallTable {
public:
    // One row per attribute of any kind; cells "50% (4)": recall (present labels); "-": none
    // at that severity. Empty when the result has no attribute head by source.
    static QString markdown(const QJsonObject& evaluation);
};

}  // namespace medq::learn
