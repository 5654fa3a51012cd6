#include "export/TrainingDataExport.h"

#include "store/ExportQueries.h"
#include "store/Workspace.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace medq::exports {
namespace {

const QString kImageToken = QStringLiteral("<image>\n");
// The instruction LLaVA-style multiple-choice data uses, so the model learns to answer with
// the letter alone.
const QString kLetterInstruction = QStringLiteral("Answer with the option's letter from the given choices directly.");

QStringList optionTexts(const QJsonArray& options) {
    QStringList out;
    for (const auto& o : options) out << o.toString();
    return out;
}

bool flaggedUnusable(const store::AnnotationRecord& a) {
    const QJsonArray flags = a.labels.value(QStringLiteral("flags")).toArray();
    return flags.contains(QStringLiteral("unreadable")) || flags.contains(QStringLiteral("wrong_modality"));
}

bool flaggedPhi(const store::AnnotationRecord& a) {
    return a.labels.value(QStringLiteral("flags")).toArray().contains(QStringLiteral("phi_visible"));
}

bool declaresBurnedIn(const store::ImageRecord& image) {
    return image.metadata.value(QStringLiteral("burned_in_annotation")).toBool();
}

bool showsText(const store::ImageRecord& image) { return image.pixelText == PixelTextScan::PhiRisk; }

}  // namespace

QString TrainingDataExport::perceptionPrompt(int imageCount, const QString& question, const QStringList& options) {
    QString text = kImageToken.repeated(imageCount) + question.trimmed();
    for (int i = 0; i < options.size(); ++i) text += QStringLiteral("\n%1. %2").arg(QChar(int('A' + i))).arg(options[i]);
    return text + QLatin1Char('\n') + kLetterInstruction;
}

QString TrainingDataExport::optionLetter(const QString& answer, const QStringList& options) {
    const QString a = answer.trimmed();
    if (a.size() == 1 && a[0] >= QLatin1Char('A') && a[0] < QChar(int('A' + options.size()))) return a;
    const int index = options.indexOf(a);
    return index >= 0 ? QString(QChar(int('A' + index))) : QString();
}

std::vector<ConversationRecord> TrainingDataExport::collect(store::Workspace& ws, const QString& split,
                                                            TrainingDataSummary* summary) {
    TrainingDataSummary local;
    TrainingDataSummary& sum = summary ? *summary : local;
    store::ExportQueries queries(ws.db());
    QHash<store::Id, store::AnnotationRecord> latest;  // by task: revisions come oldest first
    for (auto& a : queries.annotations(split)) latest.insert(a.taskId, std::move(a));
    QHash<store::Id, store::ImageRecord> images;
    auto image = [&](store::Id id) -> const store::ImageRecord& {
        auto it = images.find(id);
        if (it == images.end()) it = images.insert(id, ws.images().get(id).value_or(store::ImageRecord{}));
        return *it;
    };

    std::vector<ConversationRecord> out;
    for (const store::TaskRecord& t : queries.tasks(split)) {
        const auto annotation = latest.constFind(t.id);
        if (annotation != latest.constEnd() && flaggedUnusable(*annotation)) {
            ++sum.skippedFlagged;
            continue;
        }
        if (showsText(image(t.imageId)) || (t.secondImageId && showsText(image(*t.secondImageId)))) {
            ++sum.skippedPixelText;
            continue;
        }
        if ((annotation != latest.constEnd() && flaggedPhi(*annotation)) || declaresBurnedIn(image(t.imageId)) ||
            (t.secondImageId && declaresBurnedIn(image(*t.secondImageId)))) {
            ++sum.skippedPhi;
            continue;
        }
        ConversationRecord r;
        r.id = QStringLiteral("task-%1").arg(t.id);
        r.images << image(t.imageId).path;
        r.imageIds.push_back(t.imageId);
        if (t.secondImageId) {
            r.images << image(*t.secondImageId).path;
            r.imageIds.push_back(*t.secondImageId);
        }
        r.modality = image(t.imageId).modality;
        QString prompt, fromAnnotation, fromTruth;
        if (t.kind == TaskKind::Perception) {
            const QStringList options = optionTexts(t.options);
            prompt = perceptionPrompt(int(r.images.size()), t.question, options);
            if (annotation != latest.constEnd()) fromAnnotation = optionLetter(annotation->answer, options);
            fromTruth = optionLetter(t.answer, options);
        } else {
            const QString question = t.question.trimmed().isEmpty()
                                         ? QStringLiteral("Describe the quality of this image.")
                                         : t.question.trimmed();
            prompt = kImageToken.repeated(int(r.images.size())) + question;
            if (annotation != latest.constEnd()) fromAnnotation = annotation->text.trimmed();
            fromTruth = t.answer.trimmed();
        }
        const QString answer = fromAnnotation.isEmpty() ? fromTruth : fromAnnotation;
        if (answer.isEmpty()) {
            ++sum.skippedNoAnswer;
            continue;
        }
        ++(fromAnnotation.isEmpty() ? sum.fromGroundTruth : sum.fromAnnotations);
        r.conversations = {{QStringLiteral("human"), prompt}, {QStringLiteral("gpt"), answer}};
        out.push_back(std::move(r));
    }
    return out;
}

Status TrainingDataExport::writeJsonl(const std::vector<ConversationRecord>& records, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, file.errorString()};
    for (const auto& r : records) {
        QByteArray line = QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
        line += '\n';
        if (file.write(line) != line.size()) return Error{path, file.errorString()};
    }
    if (!file.commit()) return Error{path, file.errorString()};
    return {};
}

Result<std::vector<ConversationRecord>> TrainingDataExport::importJsonl(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    std::vector<ConversationRecord> out;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty()) continue;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) return Error{where, QStringLiteral("not a JSON object (%1)").arg(error.errorString())};
        auto record = ConversationRecord::fromJson(doc.object(), where);
        if (!record) return record.error();
        out.push_back(record.take());
    }
    return out;
}

}  // namespace medq::exports
