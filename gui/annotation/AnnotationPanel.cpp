#include "annotation/AnnotationPanel.h"

#include "annotate/QueueItemDisclosure.h"
#include "annotate/SubmissionRules.h"
#include "annotation/DraftRendering.h"
#include "annotation/StateChangeCommand.h"
#include "common/DisplayNames.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

namespace medq::gui {
namespace {
// The quality buttons left to right (Alt+1/2/3); an attribute combo's index is its Severity.
constexpr QualityLevel kQualityButtons[] = {QualityLevel::Good, QualityLevel::Usable, QualityLevel::Reject};
constexpr int kSeverityCount = int(Severity::Severe) + 1;

void clearLayout(QLayout* layout) {
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}
}  // namespace

AnnotationPanel::AnnotationPanel(QWidget* parent)
    : QWidget(parent), m_undo(new QUndoStack(this)), m_header(new QLabel(this)), m_draft(new QTextBrowser(this)),
      m_answerBox(new QGroupBox(tr("Answer"), this)), m_answerLayout(new QVBoxLayout(m_answerBox)),
      m_answers(new QButtonGroup(this)), m_attributeBox(new QGroupBox(tr("Quality attributes (keys 1–9)"), this)),
      m_attributeLayout(new QVBoxLayout(m_attributeBox)), m_quality(new QButtonGroup(this)),
      m_text(new QPlainTextEdit(this)), m_saved(new QLabel(this)) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    outer->addWidget(m_header);
    auto* draftBox = new QGroupBox(tr("Model draft"), this);
    auto* draftLayout = new QVBoxLayout(draftBox);
    draftLayout->addWidget(m_draft);
    m_draft->setMinimumHeight(90);
    m_draft->setMaximumHeight(200);
    outer->addWidget(draftBox);
    outer->addWidget(m_answerBox);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_attributeBox);
    scroll->setMinimumHeight(120);
    outer->addWidget(scroll, 1);

    auto* qualityBox = new QGroupBox(tr("Overall quality (Alt+1/2/3)"), this);
    auto* qualityLayout = new QHBoxLayout(qualityBox);
    const QString qualityNames[] = {tr("&Good"), tr("&Usable"), tr("&Reject")};
    for (int i = 0; i < 3; ++i) {
        auto* b = new QRadioButton(qualityNames[i], qualityBox);
        m_quality->addButton(b, i);
        qualityLayout->addWidget(b);
    }
    outer->addWidget(qualityBox);

    auto* textBox = new QGroupBox(tr("Description"), this);
    auto* textLayout = new QVBoxLayout(textBox);
    m_text->setPlaceholderText(tr("Describe the quality: findings, severity, clinical impact. End with the overall rating."));
    m_text->setTabChangesFocus(true);
    textLayout->addWidget(m_text);
    outer->addWidget(textBox, 1);

    auto* flagRow = new QHBoxLayout;
    const std::pair<const char*, QString> flags[] = {{"unreadable", tr("Unreadable (F)")},
                                                     {"wrong_modality", tr("Wrong modality (Alt+M)")},
                                                     {"phi_visible", tr("PHI visible (Alt+P)")}};
    for (const auto& [key, label] : flags) {
        auto* c = new QCheckBox(label, this);
        m_flags.emplace_back(QString::fromLatin1(key), c);
        flagRow->addWidget(c);
        connect(c, &QCheckBox::toggled, this, [this] { edited(false, tr("flag")); });
    }
    outer->addLayout(flagRow);

    auto* buttons = new QHBoxLayout;
    auto* accept = new QPushButton(tr("Accept draft (A)"), this);
    auto* submitButton = new QPushButton(tr("Submit && next (Ctrl+Enter)"), this);
    submitButton->setDefault(true);
    buttons->addWidget(accept);
    buttons->addStretch(1);
    buttons->addWidget(m_saved);
    buttons->addWidget(submitButton);
    outer->addLayout(buttons);
    connect(accept, &QPushButton::clicked, this, &AnnotationPanel::acceptDraft);
    connect(submitButton, &QPushButton::clicked, this, &AnnotationPanel::submit);

    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { edited(true, tr("typing")); });
    connect(m_quality, &QButtonGroup::idClicked, this, [this] { edited(false, tr("quality")); });
    connect(m_answers, &QButtonGroup::idClicked, this, [this] { edited(false, tr("answer")); });

    // Autosave: at most one second after the last edit (docs/architecture.md: within a second).
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(400);
    connect(&m_autosave, &QTimer::timeout, this, &AnnotationPanel::flushAutosave);
    clear(tr("Select an item in a queue to start."));
}

void AnnotationPanel::clear(const QString& message) {
    flushAutosave();
    m_open = false;
    m_undo->clear();
    m_header->setText(message);
    m_draft->clear();
    m_answerBox->setVisible(false);
    setEnabled(true);
    m_updating = true;
    m_text->clear();
    m_updating = false;
    for (QWidget* w : findChildren<QWidget*>())
        if (w != m_header) w->setEnabled(false);
}

void AnnotationPanel::showViewOnly(const QString& header, const QString& draftHtml, const QString& message) {
    clear(header);
    if (draftHtml.isEmpty()) m_draft->setHtml(QStringLiteral("<p style='color:gray'>%1</p>").arg(message.toHtmlEscaped()));
    else
        m_draft->setHtml(draftHtml + (message.isEmpty() ? QString() : QStringLiteral("<p><i>%1</i></p>").arg(message.toHtmlEscaped())));
    // The draft stays readable (scrollable) while the form is off.
    m_draft->setEnabled(true);
    m_draft->parentWidget()->setEnabled(true);
}

QString AnnotationPanel::draftText() const { return m_draft->toPlainText(); }

void AnnotationPanel::open(const annotate::WorkItem& item, const AttributeChoices& choices,
                           const QString& noDraftReason) {
    flushAutosave();
    for (QWidget* w : findChildren<QWidget*>()) w->setEnabled(true);
    m_open = true;
    m_undo->clear();
    QString header = tr("<b>%1</b> · %2 · queue <i>%3</i>")
                         .arg(modalityName(item.image.modality).toHtmlEscaped(),
                              questionTypeName(item.task.questionType).toHtmlEscaped(),
                              queueName(item.item.queue).toHtmlEscaped());
    const QString why = annotate::QueueItemDisclosure::of(item.item, m_session ? m_session->role() : QString()).reason;
    if (!why.isEmpty()) header += tr("<br>Why here: %1").arg(why.toHtmlEscaped());
    if (item.restoredFromAutosave) header += tr("<br><span style='color:#d08a00'>Restored your unsubmitted work.</span>");
    // De-identification cannot clean pixels: the DICOM BurnedInAnnotation flag is shown here.
    if (item.image.metadata.value(QStringLiteral("burned_in_annotation")).toBool())
        header += tr("<br><span style='color:#c0392b'>The file declares text burned into the pixels: check for "
                     "patient identity and flag PHI visible (Alt+P).</span>");
    // The burned-in text scan (core/ocr) found text: the image is kept out of exports.
    if (item.image.pixelText == PixelTextScan::PhiRisk)
        header += tr("<br><span style='color:#c0392b'><b>PHI risk: burned-in text</b> was found in the pixels; "
                     "the image is kept out of exports. Flag PHI visible (Alt+P) if it shows patient identity.</span>");
    m_header->setText(header);
    buildDraftView(item, noDraftReason);
    buildForm(item, choices);
    showState(item.initial);
    m_saved->setText(item.restoredFromAutosave ? tr("Restored") : QString());
}

void AnnotationPanel::buildDraftView(const annotate::WorkItem& item, const QString& noDraftReason) {
    if (item.draft) {
        m_draft->setHtml(renderDraftHtml(item.task, *item.draft));
    } else {
        m_draft->setHtml(tr("<p style='color:gray'>No model draft for this item: %1</p>").arg(noDraftReason.toHtmlEscaped()));
    }
}

void AnnotationPanel::buildForm(const annotate::WorkItem& item, const AttributeChoices& choices) {
    clearLayout(m_answerLayout);
    for (auto* b : m_answers->buttons()) m_answers->removeButton(b);
    m_options.clear();
    const bool perception = item.task.kind == TaskKind::Perception;
    m_answerBox->setVisible(perception);
    if (perception) {
        m_answerLayout->addWidget(new QLabel(item.task.question, m_answerBox));
        for (int i = 0; i < item.task.options.size(); ++i) {
            const QString option = item.task.options.at(i).toString();
            m_options << option;
            auto* b = new QRadioButton(QStringLiteral("%1. %2   (%3)").arg(QChar('A' + i)).arg(option).arg(i + 1), m_answerBox);
            m_answers->addButton(b, i);
            m_answerLayout->addWidget(b);
        }
    }
    clearLayout(m_attributeLayout);
    m_attributes.clear();
    for (std::size_t i = 0; i < choices.size(); ++i) {
        auto* row = new QWidget(m_attributeBox);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* label = new QLabel(i < 9 ? QStringLiteral("%1  %2").arg(i + 1).arg(choices[i].label) : choices[i].label, row);
        label->setToolTip(choices[i].definition);
        auto* severity = new QComboBox(row);
        severity->addItems({tr("absent"), tr("mild"), tr("moderate"), tr("severe")});
        h->addWidget(label, 1);
        h->addWidget(severity);
        m_attributeLayout->addWidget(row);
        m_attributes.emplace_back(choices[i].key, severity);
        connect(severity, &QComboBox::currentIndexChanged, this, [this] { edited(false, tr("attribute")); });
    }
    m_attributeLayout->addStretch(1);
}

annotate::AnnotationState AnnotationPanel::readWidgets() const {
    annotate::AnnotationState s;
    const int answer = m_answers->checkedId();
    if (answer >= 0) s.answer = QString(QChar('A' + answer));
    s.text = m_text->toPlainText();
    for (const auto& [key, combo] : m_attributes)
        if (combo->currentIndex() > 0) s.attributes.insert(key, severityKey(Severity(combo->currentIndex())));
    const int q = m_quality->checkedId();
    if (q >= 0) s.quality = qualityLevelKey(kQualityButtons[q]);
    for (const auto& [key, box] : m_flags)
        if (box->isChecked()) s.flags << key;
    return s;
}

void AnnotationPanel::showState(const annotate::AnnotationState& s) {
    m_updating = true;
    m_state = s;
    if (m_text->toPlainText() != s.text) m_text->setPlainText(s.text);
    for (auto* b : m_answers->buttons()) {
        const int id = m_answers->id(b);
        b->setChecked(s.answer == QString(QChar('A' + id)) || (!s.answer.isEmpty() && s.answer == m_options.value(id)));
    }
    m_answers->setExclusive(false);
    if (s.answer.isEmpty())
        for (auto* b : m_answers->buttons()) b->setChecked(false);
    m_answers->setExclusive(true);
    for (const auto& [key, combo] : m_attributes) {
        const auto severity = severityFromString(s.attributes.value(key).toString());
        combo->setCurrentIndex(int(severity.value_or(Severity::None)));
    }
    m_quality->setExclusive(false);
    const auto quality = qualityLevelFromString(s.quality);
    for (int i = 0; i < 3; ++i) m_quality->button(i)->setChecked(quality == kQualityButtons[i]);
    m_quality->setExclusive(true);
    for (const auto& [key, box] : m_flags) box->setChecked(s.flags.contains(key));
    m_updating = false;
}

void AnnotationPanel::edited(bool typing, const QString& what) {
    if (m_updating || !m_open) return;
    const annotate::AnnotationState after = readWidgets();
    if (after == m_state) return;
    const annotate::AnnotationState before = m_state;
    m_state = after;
    m_undo->push(new StateChangeCommand(before, after, typing,
                                        [this](const annotate::AnnotationState& s) {
                                            showState(s);
                                            m_autosave.start();
                                        },
                                        what));
    m_saved->setText(tr("Editing…"));
    m_autosave.start();
}

void AnnotationPanel::flushAutosave() {
    m_autosave.stop();
    if (!m_open || !m_session) return;
    if (Status st = m_session->autosave(m_state); !st) {
        m_saved->setText(tr("NOT SAVED"));
        emit problem(tr("Autosave failed: %1").arg(st.error().message()));
        return;
    }
    m_saved->setText(tr("Saved"));
}

void AnnotationPanel::cycleAttribute(int index) {
    if (!m_open || index < 0 || index >= int(m_attributes.size())) return;
    QComboBox* combo = m_attributes[std::size_t(index)].second;
    combo->setCurrentIndex((combo->currentIndex() + 1) % kSeverityCount);
}

void AnnotationPanel::setQuality(QualityLevel level) {
    if (!m_open) return;
    for (int i = 0; i < 3; ++i)
        if (level == kQualityButtons[i]) m_quality->button(i)->setChecked(true);
    edited(false, tr("quality"));
}

void AnnotationPanel::setAnswerIndex(int index) {
    if (!m_open || !m_answers->button(index)) return;
    m_answers->button(index)->setChecked(true);
    edited(false, tr("answer"));
}

void AnnotationPanel::toggleFlag(const QString& flag) {
    if (!m_open) return;
    for (const auto& [key, box] : m_flags)
        if (key == flag) box->toggle();
}

void AnnotationPanel::acceptDraft() {
    if (!m_open || !m_session || !m_session->current()) return;
    const auto& w = *m_session->current();
    if (!w.draft || w.draft->draftProblem) {
        emit problem(tr("There is no model draft to accept: write the annotation and press Ctrl+Enter."));
        return;
    }
    showState(annotate::AnnotationSession::stateFromDraft(w.task, *w.draft));
    submit();
}

void AnnotationPanel::submit() {
    if (!m_open || !m_session) return;
    m_autosave.stop();
    const annotate::AnnotationState s = readWidgets();
    const auto& task = m_session->current()->task;
    switch (annotate::SubmissionRules::gap(task, s)) {
    case annotate::SubmissionGap::Answer:
        emit problem(tr("Choose an answer (Ctrl+1…4) or flag the image as unreadable before submitting."));
        return;
    case annotate::SubmissionGap::Quality:
        emit problem(tr("Set the overall quality (Alt+1 good, Alt+2 usable, Alt+3 reject) before submitting."));
        return;
    case annotate::SubmissionGap::None: break;
    }
    auto result = m_session->submit(s);
    if (!result) {
        emit problem(tr("Could not submit: %1").arg(result.error().message()));
        return;
    }
    m_open = false;
    emit submitted(result.value().id, result.value().action);
}

}  // namespace medq::gui
