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
    // Fills in an earlier choice (folder, recursion, modality).
    void setOptions(const ingest::PoolAddOptions& options);
    // Says that `count` files of the folder were refused for want of a modality and asks
    // for one: the dialog will not accept "Detect" until one is chosen.
    void askForModality(qint64 count);
    QComboBox* modalityBox() const { return m_modality; }
    QLineEdit* folderEdit() const { return m_folder; }
    QString errorText() const;

    void accept() override;

private:
    QLineEdit* m_folder;
    QCheckBox* m_recursive;
    QComboBox* m_modality;
    QLabel* m_note;
    QLabel* m_error;
    bool m_modalityRequired = false;
};

}  // namespace medq::gui
