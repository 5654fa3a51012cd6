#include "dataset/SiteBases.h"

#include "dataset/BaseLibrary.h"
#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRecipe.h"
#include "store/Workspace.h"

#include <QFile>
#include <QJsonArray>

namespace medq::dataset {
namespace {
std::optional<BenchmarkSplit> splitFromKey(const QString& key) {
    for (BenchmarkSplit s : {BenchmarkSplit::Train, BenchmarkSplit::Val, BenchmarkSplit::Test})
        if (splitKey(s) == key) return s;
    return std::nullopt;
}
}  // namespace

Result<SiteBaseAddition> SiteBases::add(store::Workspace& ws, const SiteBaseScanResult& scan, QStringList& written,
                                        const jobs::Progress& progress) {
    // Splits: a registered source keeps its own; new sources fill test, validation and
    // training up to their shares of all the modality's sources (SourceSplit::extend).
    QMap<QString, QMap<QString, BenchmarkSplit>> given;  // modality key -> source -> split
    for (const auto& row : ws.siteBases().all())
        if (const auto split = splitFromKey(row.split)) given[row.modality].insert(row.source, *split);
    QMap<QString, QStringList> sources;  // modality key -> sources found now
    for (const auto& base : scan.bases) sources[modalityKey(base.modality)] << base.source;
    QMap<QString, QMap<QString, BenchmarkSplit>> splitOf;
    for (auto it = sources.begin(); it != sources.end(); ++it) splitOf[it.key()] = SourceSplit::extend(given.value(it.key()), it.value());

    SiteBaseAddition addition;
    const QString folder = SiteBaseFile::folderOf(ws);
    for (std::size_t i = 0; i < scan.bases.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(scan.bases.size()),
                        QStringLiteral("Storing bases: %1 of %2").arg(i + 1).arg(scan.bases.size()));
        const SiteBaseCandidate& base = scan.bases[i];
        const QString m = modalityKey(base.modality);
        if (ws.siteBases().find(base.file, base.slice)) {
            ++addition.known[m];
            continue;
        }
        auto pixels = SiteBaseScan::load(base);
        if (!pixels) return pixels.error();
        const store::Id id = ws.siteBases().add({0, m, base.source, base.file, base.slice, splitKey(splitOf[m].value(base.source)), {}});
        const QString path = SiteBaseFile::path(folder, id);
        if (Status s = SiteBaseFile::write(path, pixels.value()); !s) return s.error();
        written << path;
        ++addition.added[m];
    }
    return addition;
}

QString SiteBases::describe(const SiteBaseAddition& addition) {
    QStringList parts;
    for (auto it = addition.added.begin(); it != addition.added.end(); ++it) parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

QString SiteBases::summary(const SiteBaseScanResult& scan, const SiteBaseAddition& addition) {
    QStringList known;
    for (auto it = addition.known.begin(); it != addition.known.end(); ++it) known << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    QString text = QStringLiteral("site bases from %1 files: added %2").arg(scan.files).arg(describe(addition));
    if (!known.isEmpty()) text += QStringLiteral("; registered before: %1").arg(known.join(QStringLiteral(", ")));
    if (!scan.refused.empty())
        text += QStringLiteral("; refused %1: %2").arg(scan.refused.size()).arg(scan.refusalSummary(20));
    return text;
}

QJsonObject SiteBases::summaryJson(const SiteBaseScanResult& scan, const SiteBaseAddition& addition) {
    QJsonObject added, known;
    for (auto it = addition.added.begin(); it != addition.added.end(); ++it) added.insert(it.key(), it.value());
    for (auto it = addition.known.begin(); it != addition.known.end(); ++it) known.insert(it.key(), it.value());
    QJsonArray refused;
    for (const auto& r : scan.refused) refused.append(QJsonObject{{"file", r.file}, {"reason", r.reason}});
    return {{"files", scan.files}, {"added", added}, {"known", known}, {"refused", refused}};
}

std::vector<int> SiteBases::basesFor(store::Workspace& ws, Modality modality, BenchmarkSplit split) {
    std::vector<int> out;
    for (const auto& row : ws.siteBases().all())
        if (row.modality == modalityKey(modality) && row.split == splitKey(split)) out.push_back(SynthRecipe::siteBase(row.id));
    return out;
}

std::vector<int> SiteBases::realBasesFor(store::Workspace& ws, Modality modality, BenchmarkSplit split) {
    return has(ws, modality) ? basesFor(ws, modality, split) : BaseLibrary::instance().basesFor(modality, split);
}

bool SiteBases::has(store::Workspace& ws, Modality modality) {
    for (const auto& row : ws.siteBases().all())
        if (row.modality == modalityKey(modality)) return true;
    return false;
}

SourceKind SiteBases::kindOf(store::Workspace& ws, Modality modality, int base) {
    SynthRecipe recipe;
    recipe.base = base;
    if (!recipe.isSiteBase()) return BaseLibrary::instance().kindOf(modality, base);
    const auto row = ws.siteBases().get(recipe.siteBaseId());
    if (!row) return SourceKind::Unseen;  // its row is gone: no training saw it
    return splitFromKey(row->split) == BenchmarkSplit::Train ? SourceKind::Seen : SourceKind::Unseen;
}

Result<SiteBaseIntake> SiteBaseIntake::scan(const QString& dir, const jobs::Progress& progress) {
    SiteBaseIntake intake;
    if (dir.isEmpty()) return intake;
    auto scanned = SiteBaseScan::scan(dir, progress);
    if (!scanned) return scanned.error();
    intake.m_scan = scanned.take();
    return intake;
}

Status SiteBaseIntake::add(store::Workspace& ws, const jobs::Progress& progress) {
    if (!m_scan) return {};
    auto added = SiteBases::add(ws, *m_scan, m_written, progress);
    if (!added) return added.error();
    m_addition = added.take();
    return {};
}

void SiteBaseIntake::discard() {
    for (const QString& f : m_written) QFile::remove(f);
    m_written.clear();
}

void SiteBaseIntake::report(QString& message, QJsonObject& details) const {
    if (!m_scan) return;
    message += QLatin1Char('\n') + SiteBases::summary(*m_scan, m_addition);
    details.insert(QStringLiteral("site_bases"), SiteBases::summaryJson(*m_scan, m_addition));
}

}  // namespace medq::dataset
