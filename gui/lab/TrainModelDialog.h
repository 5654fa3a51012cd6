#pragma once
// Lab > Train Model: the default recipe (learn::TrainRecipe) with what a lead may change:
// from scratch or from the current checkpoint, preset, steps, encoder pretraining, batch,
// threads, the hand-made quality measures and what reads them, the checkpoint's name. A run
// stopped before it finished is resumed by training again under its name, which the dialog
// offers. The settings are checked by train::TrainConfig::validate() before it closes.
#include "learn/TrainModelJob.h"

#include <QDialog>
#include <QMap>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace medq::gui {

class TrainModelDialog : public QDialog {
    Q_OBJECT
public:
    // `current`: the current checkpoint (empty: none, so only from scratch); `interrupted`:
    // names of runs that can be resumed (learn::CheckpointRegistry::interrupted).
    TrainModelDialog(const learn::TrainOptions& defaults, const QString& current, const QStringList& interrupted,
                     QWidget* parent = nullptr);

    // What the current checkpoint reads (its manifest's config): fine-tuning shows its size
    // and inputs in the greyed-out fields instead of the new network's choices.
    void setCurrentInputs(const model::ModelConfig& config);

    learn::TrainOptions options() const;
    // A field by name ("start", "preset", "steps", "encoderEpochs", "batchSize", "threads",
    // "measures", "measureRoute", "name", "makeCurrent"), for tests.
    QWidget* field(const QString& name) const { return m_fields.value(name); }
    QString errorText() const;

    void accept() override;

private:
    void updateEnabled();
    void showCheckpointInputs();
    // Shows `preset`, `measures` and `route` in the size and input fields.
    void showInputs(const QString& preset, bool measures, const QString& route);

    learn::TrainOptions m_defaults;
    QString m_current;
    std::optional<model::ModelConfig> m_currentInputs;
    // The new network's choices, kept while the fields show the checkpoint's.
    QString m_scratchPreset, m_scratchRoute;
    bool m_scratchMeasures = false;
    bool m_showingCheckpoint = false;
    QMap<QString, QWidget*> m_fields;
    QComboBox* m_start;
    QComboBox* m_preset;
    QSpinBox *m_steps, *m_encoderEpochs, *m_batch, *m_threads;
    QCheckBox* m_measures;
    QComboBox* m_route;
    QLineEdit* m_name;
    QCheckBox* m_makeCurrent;
    QLabel* m_error;
};

}  // namespace medq::gui
