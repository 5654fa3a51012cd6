#include "dataset/SynthItemWriter.h"

#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRenderer.h"
#include "io/ImageRendering.h"
#include "synth/ItemGenerator.h"
#include "taxonomy/QuestionTemplates.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace medq::dataset {
namespace {

QJsonArray optionsJson(const QStringList& options) {
    QJsonArray a;
    for (const QString& o : options) a.append(o);
    return a;
}
}  // namespace

QJsonObject SynthItemWriter::truthJson(const synth::GroundTruth& truth) {
    QJsonArray attrs;
    for (const auto& a : truth.attributes) attrs.append(QJsonObject{{"key", a.key}, {"severity", severityKey(a.severity)}});
    return {{"attributes", attrs}, {"level", qualityLevelKey(truth.level)}, {"score", truth.score}};
}

Result<WrittenItem> SynthItemWriter::write(const SynthRecipe& recipe, const QString& split, const QString& actor,
                                           const QString& source) {
    const QString text = recipe.toText();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    auto image = SynthRenderer::render(recipe, SiteBaseFile::folderOf(m_ws));
    if (!image) return Error{text, image.error().message()};
    const Image& im = image.value();
    const QString thumbRel = QStringLiteral("blobs/thumbnails/%1.png").arg(hash.left(24));
    const QString thumbAbs = m_ws.dir().filePath(thumbRel);
    if (!QFileInfo::exists(thumbAbs) && renderThumbnail(im, 128).save(thumbAbs, "PNG")) m_written << thumbAbs;

    const synth::BenchmarkItem item = synth::ItemGenerator::generate(recipe.modality, recipe.attributes, recipe.seed);
    store::ImageRecord rec;
    rec.contentHash = hash;
    rec.path = QStringLiteral("synth:") + text;
    rec.source = source;
    rec.modality = modalityKey(recipe.modality);
    rec.format = QStringLiteral("synthetic");
    rec.width = im.width;
    rec.height = im.height;
    rec.channels = im.channels;
    rec.metadata = QJsonObject{{"recipe", text}, {"truth", truthJson(item.truth)}};
    rec.thumbnail = thumbRel;
    rec.createdBy = actor;
    WrittenItem out;
    out.imageId = m_ws.images().insert(rec, {});
    out.truth = item.truth;

    const auto tasks = itemTasks(out.imageId, item.description, item.questions, split);
    const auto ids = m_ws.tasks().insertMany(tasks);
    out.descriptionTaskId = ids.front();
    out.perceptionTasks = int(item.questions.size());
    return out;
}

std::vector<store::TaskRecord> SynthItemWriter::itemTasks(store::Id imageId, const QString& description,
                                                          const std::vector<synth::PerceptionQuestion>& questions,
                                                          const QString& split) {
    std::vector<store::TaskRecord> tasks;
    store::TaskRecord d;
    d.imageId = imageId;
    d.kind = TaskKind::Description;
    d.questionType = QuestionType::Description;
    d.question = QuestionTemplates::describe();
    d.answer = description;
    d.split = split;
    tasks.push_back(d);
    for (const auto& q : questions) {
        store::TaskRecord t;
        t.imageId = imageId;
        t.kind = TaskKind::Perception;
        t.questionType = q.type;
        t.question = q.text;
        t.options = optionsJson(q.options);
        t.answer = QString(q.correctLabel());
        t.split = split;
        tasks.push_back(t);
    }
    return tasks;
}

void SynthItemWriter::writePair(const std::pair<store::Id, synth::GroundTruth>& first,
                                const std::pair<store::Id, synth::GroundTruth>& second, std::uint64_t seed,
                                const QString& split) {
    const synth::PairItem pair = synth::ItemGenerator::compare(first.second, second.second, seed);
    store::TaskRecord q;
    q.imageId = first.first;
    q.secondImageId = second.first;
    q.kind = TaskKind::Perception;
    q.questionType = QuestionType::Comparison;
    q.question = pair.question.text;
    q.options = optionsJson(pair.question.options);
    q.answer = QString(pair.question.correctLabel());
    q.split = split;
    store::TaskRecord d = q;
    d.kind = TaskKind::Description;
    d.questionType = QuestionType::Description;
    d.question = QuestionTemplates::describePair();
    d.options = {};
    d.answer = pair.description;
    m_ws.tasks().insertMany({q, d});
}

void SynthItemWriter::removeWrittenFiles() {
    for (const QString& f : m_written) QFile::remove(f);
    m_written.clear();
}

}  // namespace medq::dataset
