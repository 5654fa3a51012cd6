#include "lab/StartRoundDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace medq::gui {
namespace {

QString number(double v) { return QString::number(v, 'g', 6); }

// Fields that take fractions; every other text field takes whole numbers.
const QStringList kFractional{QStringLiteral("targetErrorRate"), QStringLiteral("expertErrorRate"), QStringLiteral("spotCheckRate"),
                              QStringLiteral("reviewAnchoring"), QStringLiteral("maxAccuracyLoss"), QStringLiteral("goldRate"), QStringLiteral("doubleRate"), QStringLiteral("learningRate")};

}  // namespace

StartRoundDialog::StartRoundDialog(const loop::RoundOptions& d, QWidget* parent)
    : QDialog(parent), m_defaults(d), m_error(new QLabel(this)) {
    setWindowTitle(tr("Start a Loop Round"));
    setObjectName(QStringLiteral("StartRoundDialog"));
    auto* form = new QFormLayout;
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The round evaluates the current model, finds failure prototypes, retrieves and routes "
                                    "pool items, has them annotated, and fine-tunes with rollback."), this));
    layout->addLayout(form);
    // Fields are added to the form in this order; names are RoundOptions' JSON names.
    auto row = [&](const QString& name, const QString& label) {
        m_order << name;
        form->addRow(label, m_fields.value(name));
    };
    addChoice(
        "strategy", tr("&Strategy"), keys<RetrievalStrategy>(), key(d.strategy),
        tr("engine: failure prototypes retrieve similar pool items; random: uniform; uncertainty: most uncertain drafts; "
           "coreset: the items farthest from everything labelled (k-center greedy)"));
    row("strategy", tr("&Strategy:"));
    addText("budget", tr("Budget"), QString::number(d.budget), tr("Pool items annotated in this round (at least 1)"));
    row("budget", tr("&Budget (items):"));
    addText("targetErrorRate", tr("Target error"), number(d.targetErrorRate),
            tr("Largest error rate of auto-accepted drafts, calibrated on validation (0 to 1)"));
    row("targetErrorRate", tr("&Target error rate:"));
    addText("expertErrorRate", tr("Expert error"), number(d.expertErrorRate),
            tr("Drafts of no help (most answers wrong, or a description of at most 2 of 8) at least this often go to the expert (target error to 1)"));
    row("expertErrorRate", tr("E&xpert threshold error rate:"));
    addText("maxAccuracyLoss", tr("Accuracy loss"), number(d.maxAccuracyLoss),
            tr("Answer accuracy the routed labels may lose against sending every item to the expert; more items go to the "
               "expert until the validation drafts' expected loss fits (0.01: one point; negative: no limit)"));
    row("maxAccuracyLoss", tr("Allowed accurac&y loss:"));
    addText("reviewAnchoring", tr("Anchoring"), number(d.reviewAnchoring),
            tr("Share of a draft's wrong answers and wrong findings a reviewer leaves as they are (automation bias; "
               "0.45 after Dratsch et al., Radiology 2023)"));
    row("reviewAnchoring", tr("Reviewer a&nchoring:"));
    addText("spotCheckRate", tr("Spot checks"), number(d.spotCheckRate), tr("Share of auto-accepted drafts a person still checks (0 to 1)"));
    row("spotCheckRate", tr("Spot-&check rate:"));
    addText("goldRate", tr("Gold"), number(d.goldRate), tr("Gold items mixed into the queues (0 to 1)"));
    row("goldRate", tr("&Gold rate:"));
    addText("doubleRate", tr("Double"), number(d.doubleRate), tr("Items annotated twice for agreement (0 to 1)"));
    row("doubleRate", tr("&Double-annotation rate:"));
    addChoice("annotator", tr("Annotator"), keys<AnnotatorKind>(), key(d.annotator),
              tr("simulated: the headless annotator; human: the round waits for the queues to be done"));
    row("annotator", tr("&Annotator:"));
    addText("fineTuneSteps", tr("Steps"), QString::number(d.fineTuneSteps), tr("Fine-tuning steps (0: no fine-tuning)"));
    row("fineTuneSteps", tr("&Fine-tune steps:"));
    addText("learningRate", tr("Learning rate"), number(d.learningRate), tr("Fine-tuning learning rate (0 to 1, exclusive of 0)"));
    row("learningRate", tr("&Learning rate:"));
    addText("loraRank", tr("LoRA rank"), QString::number(d.loraRank), tr("0: full fine-tuning; above 0: LoRA adapters of this rank"));
    row("loraRank", tr("Lo&RA rank:"));
    addText("validationLimit", tr("Validation items"), QString::number(d.validationLimit),
            tr("Validation tasks for the accept/rollback decision (0: all)"));
    row("validationLimit", tr("&Validation limit:"));
    addText("poolEmbedLimit", tr("Pool items"), QString::number(d.poolEmbedLimit), tr("Pool items to embed for retrieval (0: the whole pool)"));
    row("poolEmbedLimit", tr("&Pool embed limit:"));
    addText("seed", tr("Seed"), QString::number(d.seed), tr("Seed of every random choice in the round"));
    row("seed", tr("S&eed:"));

    m_error->setObjectName(QStringLiteral("StartRoundError"));
    m_error->setStyleSheet(QStringLiteral("color: #d62728"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Queue Round"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &StartRoundDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StartRoundDialog::reject);
}

void StartRoundDialog::addText(const QString& name, const QString& label, const QString& value, const QString& help) {
    auto* edit = new QLineEdit(value, this);
    edit->setObjectName(name);
    edit->setToolTip(help);
    edit->setAccessibleName(label);
    m_fields.insert(name, edit);
}

void StartRoundDialog::addChoice(const QString& name, const QString& label, const QStringList& choices, const QString& value,
                                 const QString& help) {
    auto* box = new QComboBox(this);
    box->setObjectName(name);
    box->addItems(choices);
    box->setCurrentText(value);
    box->setToolTip(help);
    box->setAccessibleName(label);
    m_fields.insert(name, box);
}

Result<loop::RoundOptions> StartRoundDialog::options() const {
    // Start from the defaults (fields not in the form keep them), then overwrite from the form
    // through the JSON names, so fromJson() and validate() judge every value.
    QJsonObject json = m_defaults.toJson();
    for (const QString& name : m_order) {
        QWidget* w = m_fields.value(name);
        if (auto* box = qobject_cast<QComboBox*>(w)) {
            json.insert(name, box->currentText());
            continue;
        }
        const QString text = static_cast<QLineEdit*>(w)->text().trimmed();
        bool ok = false;
        double v = text.toDouble(&ok);  // "0.1" everywhere; then the user's locale ("0,1")
        if (!ok) v = QLocale().toDouble(text, &ok);
        const bool integral = !kFractional.contains(name);
        if (!ok) return Error{name, tr("'%1' is not a number").arg(text)};
        if (integral && v != std::floor(v)) return Error{name, tr("'%1' is not a whole number").arg(text)};
        if (integral && std::abs(v) > (name == QLatin1String("seed") ? 9e15 : 2e9)) return Error{name, tr("'%1' is too large").arg(text)};
        if (name == QLatin1String("seed") && v < 0) return Error{name, tr("cannot be negative")};
        json.insert(name, v);
    }
    return loop::RoundOptions::fromJson(json);  // validates; errors name the field
}

void StartRoundDialog::accept() {
    for (const QString& name : std::as_const(m_invalid))
        if (QWidget* w = m_fields.value(name)) w->setStyleSheet(QString());
    m_invalid.clear();
    m_error->clear();
    const auto parsed = options();
    if (!parsed) {
        markInvalid(parsed.error());
        return;
    }
    QDialog::accept();
}

void StartRoundDialog::markInvalid(const Error& error) {
    QStringList names{error.subject};
    if (error.subject == QLatin1String("limits")) names = {QStringLiteral("validationLimit"), QStringLiteral("poolEmbedLimit")};
    for (const QString& name : names) {
        QWidget* w = m_fields.value(name);
        if (!w) continue;
        m_invalid << name;
        w->setStyleSheet(QStringLiteral("border: 2px solid #d62728"));
    }
    QString label = error.subject;
    if (QWidget* w = m_fields.value(names.front())) {
        label = w->accessibleName();
        w->setFocus();
    }
    m_error->setText(tr("%1: %2").arg(label, error.reason));
}

QString StartRoundDialog::errorText() const { return m_error->text(); }

}  // namespace medq::gui
