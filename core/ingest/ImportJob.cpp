#include "ingest/ImportJob.h"

#include "common/Log.h"
#include "ingest/ImageStore.h"
#include "io/ImageReader.h"
#include "privacy/DeidentificationKeyStore.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>

namespace medq::ingest {
namespace {

QString sha256OfList(QStringList parts) {
    parts.sort();
    return QString::fromLatin1(
        QCryptographicHash::hash(parts.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256).toHex());
}

}  // namespace

QJsonObject ImportReport::toJson() const {
    QJsonObject perMod;
    for (auto it = perModality.begin(); it != perModality.end(); ++it) perMod.insert(it.key(), it.value());
    QJsonArray fails;
    for (const auto& f : failures) fails.append(QJsonObject{{"path", f.path}, {"reason", f.reason}});
    return {{"imported", imported}, {"series", series},       {"duplicates", duplicates},
            {"skipped", skipped},   {"failed", int(failures.size())}, {"per_modality", perMod},
            {"failures", fails}, {"text_scanned", textScanned}, {"phi_risk", phiRisk}};
}

ImportJob::ImportJob(QString workspaceDir, ImportOptions options)
    : m_workspaceDir(std::move(workspaceDir)), m_options(std::move(options)) {}

QString ImportJob::title() const {
    return m_options.inputs.size() == 1 ? QStringLiteral("Import %1").arg(QFileInfo(m_options.inputs.front()).fileName())
                                        : QStringLiteral("Import %1 paths").arg(m_options.inputs.size());
}

jobs::JobOutcome ImportJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    m_report = {};
    auto opened = store::Workspace::open(m_workspaceDir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    QJsonArray inputs;
    for (const QString& i : m_options.inputs) inputs.append(i);
    const store::Id jobRow = ws.jobs().start(
        kind(), QJsonObject{{"inputs", inputs}, {"recursive", m_options.recursive}, {"deidentify", m_options.deidentify}});
    std::optional<privacy::Deidentifier> deidentifier;
    try {
        if (m_options.deidentify) deidentifier.emplace(privacy::DeidentificationKeyStore::forWorkspace(ws));
    } catch (const store::StoreError& e) {
        const QString message = QStringLiteral("cannot read the workspace's de-identification keys: %1").arg(e.what());
        ws.jobs().finish(jobRow, RunStatus::Failed, message);
        return {JobOutcome::Status::Failed, message, {}};
    }

    ImportPlan plan = ImportPlanner::plan(m_options.inputs, m_options.recursive, progress.sub(0.0, 0.15));
    m_report.skipped = plan.skipped;
    m_report.failures = plan.failures;

    QSet<QString> known = ws.images().allHashes();
    ImageStore images(ws, deidentifier, m_options.thumbnailSize);
    const jobs::Progress reading = progress.sub(0.15, 1.0);
    try {
        store::Transaction tx(ws.db());
        for (std::size_t i = 0; i < plan.units.size(); ++i) {
            const ImportUnit& unit = plan.units[i];
            progress.checkCancelled();
            reading.report(double(i) / double(std::max<std::size_t>(1, plan.units.size())),
                           QStringLiteral("Importing %1 of %2").arg(i + 1).arg(plan.units.size()));
            std::vector<store::ImageFileRecord> files;
            QStringList fileHashes;
            bool unreadable = false;
            for (const QString& f : unit.files) {
                const QString h = sha256OfFile(f);
                if (h.isEmpty()) {
                    m_report.failures.push_back({f, QStringLiteral("cannot read the file")});
                    unreadable = true;
                    break;
                }
                files.push_back({f, h});
                fileHashes << h;
            }
            if (unreadable) continue;
            const QString contentHash = unit.isSeries ? sha256OfList(fileHashes) : fileHashes.front();
            if (known.contains(contentHash)) {
                ++m_report.duplicates;
                continue;
            }
            Result<Image> image = unit.isSeries ? ImageReader::readDicomSeries(unit.files, m_options.modality)
                                                : ImageReader::read(unit.files.front(), m_options.modality);
            if (!image) {
                m_report.failures.push_back({image.error().subject.isEmpty() ? unit.files.front() : image.error().subject,
                                             image.error().reason});
                continue;
            }
            const QString modality = modalityKey(image.value().modality);
            images.add(image.value(), files, contentHash, QStringLiteral("import"), m_options.actor);
            known.insert(contentHash);
            for (const QString& h : fileHashes) known.insert(h);
            ++m_report.imported;
            m_report.series += unit.isSeries ? 1 : 0;
            m_report.perModality[modality] += 1;
        }
        progress.checkCancelled();
        ws.audit().append(m_options.actor, QStringLiteral("import"), QStringLiteral("images"), std::nullopt,
                          QJsonObject{{"imported", m_report.imported},
                                      {"duplicates", m_report.duplicates},
                                      {"failed", int(m_report.failures.size())},
                                      {"deidentified", m_options.deidentify}});
        tx.commit();
    } catch (const jobs::JobCancelled&) {
        images.removeWrittenThumbnails();
        ws.jobs().finish(jobRow, RunStatus::Cancelled, QStringLiteral("nothing was stored"));
        throw;
    } catch (const std::exception& e) {
        images.removeWrittenThumbnails();
        const QString message = QStringLiteral("import failed, nothing was stored: %1").arg(e.what());
        ws.jobs().finish(jobRow, RunStatus::Failed, message);
        return {JobOutcome::Status::Failed, message, {}};
    }
    m_report.textScanned = images.pixelText().scanned();
    m_report.phiRisk = images.pixelText().flagged();
    for (const auto& f : m_report.failures)
        spdlog::warn("import: {}: {}", f.path.toStdString(), f.reason.toStdString());
    progress.report(1.0, QStringLiteral("Imported %1 images").arg(m_report.imported));
    QString summary = QStringLiteral("imported %1 (%2 series), %3 duplicates, %4 failed, %5 skipped")
                          .arg(m_report.imported).arg(m_report.series).arg(m_report.duplicates)
                          .arg(m_report.failures.size()).arg(m_report.skipped);
    if (m_report.textScanned > 0)
        summary += QStringLiteral("; %1 scanned for burned-in text, %2 flagged as a PHI risk (kept out of exports)")
                       .arg(m_report.textScanned).arg(m_report.phiRisk);
    else if (!images.pixelText().unavailable().isEmpty())
        summary += QStringLiteral("; burned-in text not scanned (%1)").arg(images.pixelText().unavailable());
    ws.jobs().finish(jobRow, RunStatus::Done, summary);
    return {JobOutcome::Status::Done, summary, m_report.toJson()};
}

}  // namespace medq::ingest
