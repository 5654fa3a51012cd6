#pragma once
// Right dock: the model's draft (answers with probabilities, description with uncertain
// words highlighted) and the annotator's form: answer, attributes with severities (keys
// 1-9), overall quality, description, flags. Every edit is undoable within the item and
// autosaved to the workspace within a second.
#include "annotate/AnnotationSession.h"
#include "annotation/AttributeChoice.h"
#include "taxonomy/Severity.h"

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class QUndoStack;
class QVBoxLayout;

namespace medq::gui {

class AnnotationPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationPanel(QWidget* parent = nullptr);

    // The panel writes through `session` (autosave, submit); nullptr disables it.
    void setSession(annotate::AnnotationSession* session) { m_session = session; }
    void open(const annotate::WorkItem& item, const AttributeChoices& choices, const QString& noDraftReason);
    void clear(const QString& message);
    // An image opened outside a queue: the header and the model's assessment (or why there is
    // none yet), the form disabled. `draftHtml` empty shows `message` alone.
    void showViewOnly(const QString& header, const QString& draftHtml, const QString& message);
    // The model's draft text (tests read it).
    QString draftText() const;

    annotate::AnnotationState state() const { return m_state; }
    QUndoStack* undoStack() const { return m_undo; }
    QPlainTextEdit* descriptionEditor() const { return m_text; }
    bool hasItem() const { return m_open; }

    // Keyboard actions (also bound to shortcuts by the main window).
    void cycleAttribute(int index);  // 0-based; none -> mild -> moderate -> severe -> none
    void setQuality(QualityLevel level);
    void setAnswerIndex(int index);
    void toggleFlag(const QString& flag);
    void acceptDraft();
    void submit();
    // Writes pending edits now (the timer does it within a second anyway).
    void flushAutosave();

signals:
    void submitted(qint64 annotationId, medq::AnnotationAction action);
    void problem(const QString& message);

private:
    void buildDraftView(const annotate::WorkItem& item, const QString& noDraftReason);
    void buildForm(const annotate::WorkItem& item, const AttributeChoices& choices);
    void showState(const annotate::AnnotationState& s);
    void edited(bool typing, const QString& what);
    annotate::AnnotationState readWidgets() const;

    annotate::AnnotationSession* m_session = nullptr;
    bool m_open = false;
    bool m_updating = false;
    annotate::AnnotationState m_state;
    QUndoStack* m_undo;
    QTimer m_autosave;

    QLabel* m_header;
    QTextBrowser* m_draft;
    QGroupBox* m_answerBox;
    QVBoxLayout* m_answerLayout;
    QButtonGroup* m_answers;
    QStringList m_options;
    QGroupBox* m_attributeBox;
    QVBoxLayout* m_attributeLayout;
    std::vector<std::pair<QString, QComboBox*>> m_attributes;
    QButtonGroup* m_quality;
    QPlainTextEdit* m_text;
    std::vector<std::pair<QString, QCheckBox*>> m_flags;
    QLabel* m_saved;
};

}  // namespace medq::gui
