#include "pacs/DestinationCombo.h"

namespace medq::gui {

DestinationCombo::DestinationCombo(QWidget* parent) : QComboBox(parent) {
    addItem(tr("Import (de-identified)"), int(ReceiveDestination::Import));
    addItem(tr("Register in the pool"), int(ReceiveDestination::Pool));
}

}  // namespace medq::gui
