#pragma once
// Where images that arrive over DICOM go: imported (de-identified) or registered in the pool.
#include "common/Vocabulary.h"

#include <QComboBox>

namespace medq::gui {

class DestinationCombo : public QComboBox {
    Q_OBJECT
public:
    explicit DestinationCombo(QWidget* parent = nullptr);
    ReceiveDestination destination() const { return ReceiveDestination(currentData().toInt()); }
    void setDestination(ReceiveDestination d) { setCurrentIndex(findData(int(d))); }
};

}  // namespace medq::gui
