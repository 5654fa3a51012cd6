#include "pacs/PacsMenu.h"

#include "jobs/JobEngine.h"
#include "pacs/PacsQueryDialog.h"
#include "pacs/ReceiverDialog.h"
#include "pacs/RetrieveStudyJob.h"
#include "pacs/ReceiverRunner.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace medq::gui {

PacsMenu::PacsMenu(QWidget* window, jobs::JobEngine& engine)
    : QObject(window), m_window(window), m_engine(engine), m_runner(new ReceiverRunner(this)) {
    m_status = new QLabel(window);
    m_status->setObjectName(QStringLiteral("dicomReceiverStatus"));
    m_status->hide();
    connect(m_runner, &ReceiverRunner::logged, this, &PacsMenu::showCounts);
    connect(m_runner, &ReceiverRunner::stopped, this, &PacsMenu::receiverStopped);
}

PacsMenu::~PacsMenu() { m_runner->stop(); }

QMenu* PacsMenu::addMenu(QMenuBar* bar) {
    QMenu* menu = bar->addMenu(tr("&DICOM"));
    menu->addAction(tr("&Query PACS…"), this, [this] { queryPacs(); });
    menu->addSeparator();
    m_start = menu->addAction(tr("Start &Receiver…"), this, [this] { startReceiver(); });
    m_stop = menu->addAction(tr("S&top Receiver"), this, &PacsMenu::stopReceiver);
    updateActions();
    return menu;
}

void PacsMenu::addStatus(QStatusBar* bar) { bar->addPermanentWidget(m_status); }

void PacsMenu::setWorkspace(store::Workspace* ws, const QString& annotator) {
    if (ws != m_ws) stopReceiver();
    m_ws = ws;
    m_annotator = annotator;
}

bool PacsMenu::isReceiving() const { return m_runner->isRunning(); }

bool PacsMenu::startReceiver() {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return false;
    }
    if (const Status allowed = store::Permissions::requireFor(m_ws->annotations(), m_annotator, store::Action::Import); !allowed) {
        emit problem(allowed.error().message());
        return false;
    }
    ReceiverDialog dialog(m_window);
    if (m_runner->isRunning()) dialog.setOptions(m_runner->options());
    if (dialog.exec() != QDialog::Accepted) return false;
    pacs::ReceiverOptions options = dialog.options();
    options.workspaceDir = m_ws->dir().absolutePath();
    m_runner->start(options);
    m_status->setText(tr("DICOM %1:%2 starting…").arg(options.aeTitle).arg(options.port));
    m_status->show();
    updateActions();
    return true;
}

int PacsMenu::queryPacs() {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return -1;
    }
    if (const Status allowed = store::Permissions::requireFor(m_ws->annotations(), m_annotator, store::Action::Import); !allowed) {
        emit problem(allowed.error().message());
        return -1;
    }
    PacsQueryDialog dialog(*m_ws, m_window);
    if (dialog.exec() != QDialog::Accepted) return -1;
    return m_engine.submit(std::make_unique<pacs::RetrieveStudyJob>(m_ws->dir().absolutePath(), dialog.callingAe(), dialog.node(),
                                                                    dialog.chosenStudies(), dialog.destination()));
}

void PacsMenu::stopReceiver() {
    if (!m_runner->isRunning()) return;
    m_runner->stop();
    updateActions();
}

void PacsMenu::showCounts(const QString& line, const pacs::ReceiverCounts& c) {
    const pacs::ReceiverOptions& o = m_runner->options();
    QString text = tr("DICOM %1:%2 receiving: %3 stored").arg(o.aeTitle).arg(o.port).arg(c.stored);
    if (c.refused) text += tr(", %1 refused").arg(c.refused);
    if (c.takenIn || c.failed) text += tr(", %1 taken in").arg(c.takenIn);
    if (c.failed) text += tr(", %1 failed").arg(c.failed);
    m_status->setText(text);
    m_status->setToolTip(line);
    if (line.contains(QLatin1String(" taken in"))) emit imagesArrived();
}

void PacsMenu::receiverStopped(const QString& error) {
    m_runner->stop();  // joins the finished thread
    m_status->setText(error.isEmpty() ? tr("DICOM receiver stopped") : tr("DICOM receiver stopped: %1").arg(error));
    if (!error.isEmpty()) emit problem(tr("The DICOM receiver stopped: %1").arg(error));
    updateActions();
}

void PacsMenu::updateActions() {
    if (!m_start) return;
    m_start->setEnabled(!m_runner->isRunning());
    m_stop->setEnabled(m_runner->isRunning());
}

}  // namespace medq::gui
