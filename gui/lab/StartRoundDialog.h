#pragma once
// Settings of the next loop round (budget, strategy, routing target and rates, fine-tuning):
// every field is checked by loop::RoundOptions::validate(), and the dialog stays open with
// the offending field marked until the settings are valid.
#include "common/Result.h"
#include "loop/RoundOptions.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QLineEdit;

namespace medq::gui {

class StartRoundDialog : public QDialog {
    Q_OBJECT
public:
    // `defaults`: what the fields start with (e.g. the previous round's settings).
    explicit StartRoundDialog(const loop::RoundOptions& defaults, QWidget* parent = nullptr);

    // The settings as entered, or an error whose subject is the field's name.
    Result<loop::RoundOptions> options() const;
    // A field by its RoundOptions name ("budget", "strategy", ...), for tests.
    QWidget* field(const QString& name) const { return m_fields.value(name); }
    QString errorText() const;
    QStringList invalidFields() const { return m_invalid; }

    void accept() override;

private:
    void addText(const QString& name, const QString& label, const QString& value, const QString& help);
    void addChoice(const QString& name, const QString& label, const QStringList& choices, const QString& value, const QString& help);
    void markInvalid(const Error& error);

    loop::RoundOptions m_defaults;
    QMap<QString, QWidget*> m_fields;
    QStringList m_order;
    QStringList m_invalid;
    QLabel* m_error;
};

}  // namespace medq::gui
