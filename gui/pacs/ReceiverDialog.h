#pragma once
// DICOM > Start Receiver: this receiver's AE title, port, and whether received images are
// imported or registered in the pool.
#include "pacs/DicomReceiver.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace medq::gui {

class DestinationCombo;

class ReceiverDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReceiverDialog(QWidget* parent = nullptr);
    void setOptions(const pacs::ReceiverOptions& options);
    pacs::ReceiverOptions options() const;  // workspaceDir left empty

private:
    void validate();

    QLineEdit* m_aeTitle;
    QSpinBox* m_port;
    DestinationCombo* m_destination;
    QLabel* m_problem;
};

}  // namespace medq::gui
