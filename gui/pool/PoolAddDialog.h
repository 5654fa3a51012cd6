#pragma once
// Pool > Add Folder: which folder of the site's images to register in the pool (by
// reference, never copied), whether its sub-folders count, and an optional modality for
// files that say none. The dialog stays open until the folder exists.
#include "ingest/PoolFileScanner.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace medq::gui {

class PoolAddDialog : public QDialog {
    Q_OBJECT
public:
    explicit PoolAddDialog(QWidget* parent = nullptr);

    // What the lead chose (paths, recursion, modality); the actor is the caller's.
    ingest::PoolAddOptions options() const;
    void setFolder(const QString& folder);
    QLineEdit* folderEdit() const { return m_folder; }
    QString errorText() const;

    void accept() override;

private:
    QLineEdit* m_folder;
    QCheckBox* m_recursive;
    QComboBox* m_modality;
    QLabel* m_error;
};

}  // namespace medq::gui
