#pragma once
// Asks who is working (name and role) when the workstation starts; recorded on every write.
#include <QDialog>

class QLineEdit;
class QComboBox;

namespace medq::gui {

class AnnotatorDialog : public QDialog {
    Q_OBJECT
public:
    AnnotatorDialog(const QString& lastName, const QString& lastRole, QWidget* parent = nullptr);
    QString name() const;
    QString role() const;  // "annotator" or "lead"

private:
    QLineEdit* m_name;
    QComboBox* m_role;
};

}  // namespace medq::gui
