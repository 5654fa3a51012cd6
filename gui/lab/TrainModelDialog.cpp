#include "lab/TrainModelDialog.h"

#include "learn/TrainRecipe.h"
#include "model/ModelConfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>

namespace medq::gui {
namespace {

// The measure routes' words, as ModelConfig spells them (measureRouteWords: "a, b or c").
QStringList routeWords() {
    QStringList out;
    static const QRegularExpression notLetters(QStringLiteral("[^a-z]+"));
    for (const QString& word : model::ModelConfig::measureRouteWords().split(notLetters, Qt::SkipEmptyParts))
        if (model::ModelConfig::measureRouteNamed(word)) out << word;
    return out;
}

}  // namespace

TrainModelDialog::TrainModelDialog(const learn::TrainOptions& d, const QString& current, const QStringList& interrupted,
                                   QWidget* parent)
    : QDialog(parent), m_defaults(d), m_current(current), m_start(new QComboBox(this)), m_preset(new QComboBox(this)),
      m_steps(new QSpinBox(this)), m_encoderEpochs(new QSpinBox(this)), m_batch(new QSpinBox(this)), m_threads(new QSpinBox(this)),
      m_measures(new QCheckBox(tr("Read hand-made quality measures, standardised per source"), this)),
      m_route(new QComboBox(this)), m_name(new QLineEdit(this)), m_makeCurrent(new QCheckBox(tr("Make it the current model"), this)),
      m_error(new QLabel(this)) {
    setWindowTitle(tr("Train the Model"));
    setObjectName(QStringLiteral("TrainModelDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Trains on the workspace's train split and keeps the weights that score best on its "
                                "validation split. The default recipe takes about %1 minutes on 2 CPU cores; "
                                "progress, time left and Cancel are in Lab > Engine, and a cancelled run resumes "
                                "when it is started again under the same name.")
                                 .arg(learn::TrainRecipe::kMinutesOnTwoCores),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    m_start->addItem(tr("From scratch (new tokenizer and network)"), QString());
    if (!current.isEmpty()) m_start->addItem(tr("Fine-tune the current model (%1)").arg(current), current);
    m_start->setCurrentIndex(d.fromCheckpoint.isEmpty() || current.isEmpty() ? 0 : 1);
    form->addRow(tr("&Start from:"), m_start);
    for (const char* preset : {"default", "tiny", "base"}) m_preset->addItem(QString::fromLatin1(preset));
    m_preset->setCurrentText(d.preset);
    m_preset->setToolTip(tr("default: trains on 2 CPU cores; base: larger, for a GPU; tiny: for tests"));
    form->addRow(tr("&Model size:"), m_preset);
    m_steps->setRange(1, 1'000'000);
    m_steps->setValue(d.config.maxSteps > 0 ? d.config.maxSteps : learn::TrainRecipe::kSteps);
    form->addRow(tr("&Steps:"), m_steps);
    m_encoderEpochs->setRange(0, 1000);
    m_encoderEpochs->setValue(d.config.encoderEpochs);
    m_encoderEpochs->setToolTip(tr("Passes of image-encoder pretraining on the attribute labels before the steps"));
    form->addRow(tr("&Encoder pretraining (epochs):"), m_encoderEpochs);
    m_batch->setRange(1, 4096);
    m_batch->setValue(d.config.batchSize);
    form->addRow(tr("&Batch size:"), m_batch);
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()) * 2);
    m_threads->setValue(d.config.threads);
    form->addRow(tr("&Threads:"), m_threads);
    m_measures->setChecked(d.sourceMeasures);
    form->addRow(QString(), m_measures);
    for (const QString& word : routeWords()) {
        m_route->addItem(word);
        if (model::ModelConfig::measureRouteNamed(word) == d.measureRoute) m_route->setCurrentText(word);
    }
    m_route->setToolTip(tr("token: beside the image's tokens; head: the attribute head reads only the measures; "
                           "only: the measures are the decoder's only image input"));
    form->addRow(tr("Measures &read by:"), m_route);
    m_name->setText(d.name);
    m_name->setPlaceholderText(tr("automatic (base-N or ft-N)"));
    if (!interrupted.isEmpty()) {
        m_name->setText(interrupted.back());
        m_name->setToolTip(tr("Stopped before it finished, resumed under this name: %1").arg(interrupted.join(QStringLiteral(", "))));
    }
    form->addRow(tr("Checkpoint &name:"), m_name);
    m_makeCurrent->setChecked(d.makeCurrent);
    form->addRow(QString(), m_makeCurrent);
    m_fields = {{QStringLiteral("start"), m_start},         {QStringLiteral("preset"), m_preset},
                {QStringLiteral("steps"), m_steps},         {QStringLiteral("encoderEpochs"), m_encoderEpochs},
                {QStringLiteral("batchSize"), m_batch},     {QStringLiteral("threads"), m_threads},
                {QStringLiteral("measures"), m_measures},   {QStringLiteral("measureRoute"), m_route},
                {QStringLiteral("name"), m_name},           {QStringLiteral("makeCurrent"), m_makeCurrent}};

    m_error->setObjectName(QStringLiteral("trainError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Train"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TrainModelDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TrainModelDialog::reject);
    layout->addWidget(buttons);
    connect(m_start, &QComboBox::currentIndexChanged, this, [this] {
        // Fine-tuning starts from a trained encoder: no pretraining, as `medq model train --from`.
        m_encoderEpochs->setValue(m_start->currentData().toString().isEmpty() ? m_defaults.config.encoderEpochs : 0);
        updateEnabled();
    });
    connect(m_measures, &QCheckBox::toggled, this, &TrainModelDialog::updateEnabled);
    updateEnabled();
}

void TrainModelDialog::setCurrentInputs(const model::ModelConfig& config) {
    m_currentInputs = config;
    if (m_showingCheckpoint) showCheckpointInputs();
    updateEnabled();
}

void TrainModelDialog::showCheckpointInputs() {
    const model::ModelConfig& c = *m_currentInputs;
    QString route = m_route->currentText();
    for (const QString& word : routeWords())
        if (model::ModelConfig::measureRouteNamed(word) == c.measureRoute) route = word;
    showInputs(c.presetName, c.sourceMeasures, route);
}

void TrainModelDialog::showInputs(const QString& preset, bool measures, const QString& route) {
    if (m_preset->findText(preset) < 0) m_preset->addItem(preset);  // e.g. a TorchScript model's
    m_preset->setCurrentText(preset);
    m_measures->setChecked(measures);
    m_route->setCurrentText(route);
}

// A checkpoint keeps its own size and inputs: those choices are for a new network only, and
// while fine-tuning the fields show the checkpoint's (the new network's come back after).
void TrainModelDialog::updateEnabled() {
    const bool scratch = m_start->currentData().toString().isEmpty();
    const bool showCheckpoint = !scratch && m_currentInputs.has_value();
    if (showCheckpoint && !m_showingCheckpoint) {
        m_scratchPreset = m_preset->currentText();
        m_scratchMeasures = m_measures->isChecked();
        m_scratchRoute = m_route->currentText();
        m_showingCheckpoint = true;
        showCheckpointInputs();
    } else if (!showCheckpoint && m_showingCheckpoint) {
        m_showingCheckpoint = false;
        showInputs(m_scratchPreset, m_scratchMeasures, m_scratchRoute);
        // Only presets a new network can be built from stay offered.
        for (int i = m_preset->count() - 1; i >= 0; --i)
            if (!model::ModelConfig::presetNames().contains(m_preset->itemText(i))) m_preset->removeItem(i);
    }
    m_preset->setEnabled(scratch);
    m_measures->setEnabled(scratch);
    m_route->setEnabled(scratch && m_measures->isChecked());
}

learn::TrainOptions TrainModelDialog::options() const {
    learn::TrainOptions o = m_defaults;
    o.fromCheckpoint = m_start->currentData().toString();
    const bool scratch = o.fromCheckpoint.isEmpty();
    o.preset = m_preset->currentText();
    o.config.maxSteps = m_steps->value();
    o.config.encoderEpochs = m_encoderEpochs->value();
    o.config.batchSize = m_batch->value();
    o.config.threads = m_threads->value();
    o.sourceMeasures = scratch && m_measures->isChecked();
    o.measureRoute = model::ModelConfig::measureRouteNamed(m_route->currentText()).value_or(model::ModelConfig::MeasureRoute::Token);
    o.name = m_name->text().trimmed();
    o.makeCurrent = m_makeCurrent->isChecked();
    return o;
}

QString TrainModelDialog::errorText() const { return m_error->text(); }

void TrainModelDialog::accept() {
    const learn::TrainOptions o = options();
    if (const Status s = o.config.validate(); !s) {
        m_error->setText(s.error().message());
        return;
    }
    if (o.name.contains(QLatin1Char('/')) || o.name.startsWith(QLatin1Char('.'))) {
        m_error->setText(tr("A checkpoint name is a folder name: no '/' and no leading '.'"));
        m_name->setFocus();
        return;
    }
    m_error->clear();
    QDialog::accept();
}

}  // namespace medq::gui
