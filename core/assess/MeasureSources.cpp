#include "assess/MeasureSources.h"

#include <QFileInfo>

namespace medq::assess {

QString MeasureSources::sourceOfFile(Modality modality, const QString& path) {
    return modalityKey(modality) + QLatin1Char('|') + QFileInfo(path).absolutePath();
}

MeasureBasis MeasureSources::basisFor(int imagesInSource, bool referenceHasModality) {
    if (imagesInSource >= model::SourceStandardiser::kMinImages) return MeasureBasis::OwnSource;
    return referenceHasModality ? MeasureBasis::ModelReference : MeasureBasis::None;
}

void MeasureSources::add(AssessInput& input) {
    if (input.measures.empty()) return;
    if (input.source.isEmpty()) input.source = sourceOfFile(input.modality, input.path);
    m_sources.add(input.source, input.measures);
}

MeasureBasis MeasureSources::standardiseOne(AssessInput& input) {
    if (input.measures.empty()) {
        ++m_total.none;
        return MeasureBasis::None;
    }
    const QString modality = modalityKey(input.modality);
    const MeasureBasis basis = basisFor(m_sources.imagesOf(input.source), m_reference.has(modality));
    switch (basis) {
    case MeasureBasis::OwnSource:
        input.measures = m_sources.standardise(input.source, input.measures);
        ++m_total.ownSource;
        break;
    case MeasureBasis::ModelReference:
        input.measures = m_reference.standardise(modality, input.measures);
        ++m_total.modelReference;
        break;
    case MeasureBasis::None:
        input.measures.assign(input.measures.size(), 0.0f);
        ++m_total.none;
        break;
    }
    return basis;
}

MeasureBasisCounts MeasureSources::standardise(std::vector<AssessInput>& inputs) {
    for (AssessInput& in : inputs) add(in);
    m_sources.fit();
    MeasureBasisCounts counts;
    for (AssessInput& in : inputs) {
        switch (standardiseOne(in)) {
        case MeasureBasis::OwnSource: ++counts.ownSource; break;
        case MeasureBasis::ModelReference: ++counts.modelReference; break;
        case MeasureBasis::None: ++counts.none; break;
        }
    }
    return counts;
}

std::vector<AssessInput> MeasureSources::take(std::vector<AssessInput> chunk) {
    QString last;
    for (AssessInput& in : chunk) {
        add(in);
        if (!in.measures.empty()) last = in.source;
        m_waiting.push_back(std::move(in));
    }
    m_sources.fit();
    std::vector<AssessInput> ready, waiting;
    for (AssessInput& in : m_waiting) {
        const bool open = !in.measures.empty() && in.source == last &&
                          m_sources.imagesOf(in.source) < model::SourceStandardiser::kMinImages;
        if (open) {
            waiting.push_back(std::move(in));
        } else {
            standardiseOne(in);
            ready.push_back(std::move(in));
        }
    }
    m_waiting = std::move(waiting);
    return ready;
}

std::vector<AssessInput> MeasureSources::flush() {
    std::vector<AssessInput> ready = std::move(m_waiting);
    m_waiting.clear();
    for (AssessInput& in : ready) standardiseOne(in);
    return ready;
}

}  // namespace medq::assess
