#pragma once
// Undo step inside one item: the annotation state before and after an edit. Consecutive
// typing in the description merges into one step so undo removes a phrase, not a letter.
#include "annotate/AnnotationState.h"

#include <QUndoCommand>
#include <functional>

namespace medq::gui {

class StateChangeCommand : public QUndoCommand {
public:
    using Apply = std::function<void(const annotate::AnnotationState&)>;
    StateChangeCommand(annotate::AnnotationState before, annotate::AnnotationState after, bool typing, Apply apply,
                       const QString& text)
        : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_typing(typing),
          m_apply(std::move(apply)) {}

    void undo() override { m_apply(m_before); }
    void redo() override {
        // The first redo happens on push, when the widgets already show `after`.
        if (m_pushed) m_apply(m_after);
        m_pushed = true;
    }
    int id() const override { return m_typing ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const StateChangeCommand*>(other);
        if (!o->m_typing) return false;
        m_after = o->m_after;
        return true;
    }

private:
    annotate::AnnotationState m_before, m_after;
    bool m_typing;
    Apply m_apply;
    bool m_pushed = false;
};

}  // namespace medq::gui
