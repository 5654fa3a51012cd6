#include "pool/PoolAddDialog.h"

#include "common/DisplayNames.h"
#include "io/Modality.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace medq::gui {

PoolAddDialog::PoolAddDialog(QWidget* parent)
    : QDialog(parent), m_folder(new QLineEdit(this)), m_recursive(new QCheckBox(tr("Include sub-folders"), this)),
      m_modality(new QComboBox(this)), m_note(new QLabel(this)), m_error(new QLabel(this)) {
    setWindowTitle(tr("Add Folder to the Pool"));
    auto* intro = new QLabel(tr("The images stay where they are: the pool keeps their paths, sizes and times. "
                                "Adding the same folder again registers only new and changed files and marks "
                                "missing ones; files that cannot be used are listed under Pool ▸ Pool Status."),
                             this);
    intro->setWordWrap(true);
    m_folder->setPlaceholderText(tr("Folder of DICOM, NIfTI, PNG, JPEG or TIFF images"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to add to the pool"), m_folder->text());
        if (!dir.isEmpty()) setFolder(dir);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_recursive->setChecked(true);
    m_modality->addItem(tr("Detect from the files and their paths"), QString());
    for (Modality m : kClinicalModalities) m_modality->addItem(modalityName(modalityKey(m)), modalityKey(m));
    m_modality->setToolTip(
        tr("DICOM files name their modality; other files are recognised by words in their path "
           "(\"fundus\", \"ct\", \"ihc\"...). Choose one to register every file as that modality."));
    m_note->setWordWrap(true);
    m_note->hide();
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Folder:"), folderRow);
    form->addRow(QString(), m_recursive);
    form->addRow(tr("&Modality:"), m_modality);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add to Pool"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_note);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

void PoolAddDialog::setFolder(const QString& folder) { m_folder->setText(folder); }

void PoolAddDialog::setOptions(const ingest::PoolAddOptions& options) {
    setFolder(options.paths.value(0));
    m_recursive->setChecked(options.recursive);
    const int index = options.modality ? m_modality->findData(modalityKey(*options.modality)) : 0;
    m_modality->setCurrentIndex(std::max(0, index));
}

void PoolAddDialog::askForModality(qint64 count) {
    m_modalityRequired = true;
    m_note->setText(tr("<b>%n file(s) of this folder could not be registered because neither the file nor its "
                       "path names a modality.</b> Choose the modality of these images to register them; files "
                       "already registered keep theirs.",
                       nullptr, int(count)));
    m_note->show();
    m_modality->setFocus();
}

ingest::PoolAddOptions PoolAddDialog::options() const {
    ingest::PoolAddOptions o;
    o.paths = {m_folder->text().trimmed()};
    o.recursive = m_recursive->isChecked();
    const QString modality = m_modality->currentData().toString();
    if (!modality.isEmpty()) o.modality = modalityFromString(modality);
    return o;
}

QString PoolAddDialog::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }

void PoolAddDialog::accept() {
    const QString folder = m_folder->text().trimmed();
    const QFileInfo info(folder);
    QString problem;
    if (folder.isEmpty()) problem = tr("Choose a folder.");
    else if (!info.exists()) problem = tr("%1: no such folder.").arg(folder);
    else if (!info.isDir()) problem = tr("%1 is a file; choose the folder that holds it.").arg(folder);
    else if (m_modalityRequired && m_modality->currentData().toString().isEmpty())
        problem = tr("Choose the modality of the images that name none.");
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        m_folder->setFocus();
        return;
    }
    QDialog::accept();
}

}  // namespace medq::gui
