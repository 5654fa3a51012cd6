// `medq synth bench|pool|sheet|bases`: benchmark, retrieval pool, contact sheets and the real bases.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "common/Log.h"
#include "dataset/BaseCatalogueReport.h"
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "ingest/WorkspaceJobs.h"
#include "store/Workspace.h"
#include "synth/ContactSheet.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message) {
    QTextStream(stderr) << "medq synth: " << message << Qt::endl;
    return UserError;
}

int runJob(std::unique_ptr<jobs::Job> job, const GlobalOptions& g) {
    const auto outcome = runJobInConsole(std::move(job), g.quiet);
    if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(QStringLiteral("cancelled; nothing was stored"));
    if (!outcome.ok()) return fail(outcome.message);
    QTextStream(stdout) << outcome.message << Qt::endl;
    return Ok;
}

std::optional<std::uint64_t> seedOption(const QCommandLineParser& p, std::uint64_t fallback) {
    if (!p.isSet(QStringLiteral("seed"))) return fallback;
    bool ok = false;
    const auto v = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) return std::nullopt;
    return v;
}

}  // namespace

int cmdSynth(const QStringList& args, const GlobalOptions& g) {
    const QString sub = args.value(0);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (same seed, same data)."), QStringLiteral("S")});
    if (sub == QLatin1String("bench")) {
        p.setApplicationDescription(QStringLiteral(
            "Build the evaluation benchmark (train/val/test) of synthetic items with exact ground truth.\n"
            "The default (330 per modality) gives a test split of ~2,600 perception questions and 660 descriptions."));
        p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
        p.addOption({QStringLiteral("per-modality"), QStringLiteral("Items per modality (default 330)."), QStringLiteral("N"), QStringLiteral("330")});
        p.addOption({QStringLiteral("train-fraction"), QStringLiteral("Share of the items in the train split (default 0.45)."), QStringLiteral("F"), QStringLiteral("0.45")});
        p.addOption({QStringLiteral("val-fraction"), QStringLiteral("Share in the validation split (default 0.15); the rest is test."), QStringLiteral("F"), QStringLiteral("0.15")});
        p.addOption({QStringLiteral("bases"), QStringLiteral("A folder of the site's own clean images to render on (modality from DICOM tags or a "
                                                             "subfolder named ct, mri, endoscopy, histopathology or fundus)."), QStringLiteral("DIR")});
        p.addOption({QStringLiteral("real-fraction"), QStringLiteral("Share of the items rendered on real bases rather than phantoms "
                                                                     "(default 0.3; 0.7 with --bases)."), QStringLiteral("F")});
        p.addOption({QStringLiteral("augmented-fraction"), QStringLiteral("Share of the items on real bases whose base is first varied "
                                                                          "(turned, zoomed, contrast or stain; default 0.5)."), QStringLiteral("F")});
    } else if (sub == QLatin1String("pool")) {
        p.setApplicationDescription(QStringLiteral(
            "Add N items to the retrieval pool, stored as recipes (pixels are rendered on demand).\n"
            "The distribution is deliberately uneven over modalities and attributes, as real archives are."));
        p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
        p.addOption({QStringLiteral("size"), QStringLiteral("Items to add (default 100000)."), QStringLiteral("N"), QStringLiteral("100000")});
        p.addOption({QStringLiteral("bases"), QStringLiteral("A folder of the site's own clean images to register as bases first."), QStringLiteral("DIR")});
    } else if (sub == QLatin1String("sheet")) {
        p.setApplicationDescription(QStringLiteral(
            "Render a contact sheet PNG: every attribute at mild, moderate and severe next to the clean base."));
        p.addPositionalArgument(QStringLiteral("OUT.png"), QStringLiteral("Output image."));
        p.addOption({QStringLiteral("modality"), QStringLiteral("One modality (default: all five)."), QStringLiteral("M")});
    } else if (sub == QLatin1String("bases")) {
        p.setApplicationDescription(QStringLiteral(
            "List the real clean bases the benchmark and the pool render on (docs/bases.md): each base's source, package,\n"
            "generation, split and whether it is installed (installer/fetch-real-sources.sh), and the sources per modality."));
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")});
        p.addOption({QStringLiteral("sheet"), QStringLiteral("Also write a PNG of every installed base as the benchmark renders it."), QStringLiteral("OUT.png")});
        p.addOption({QStringLiteral("augmentations"), QStringLiteral("Also write a PNG of each source beside five of its augmented variants."), QStringLiteral("OUT.png")});
        p.addOption({QStringLiteral("phantoms"), QStringLiteral("Also write a PNG of eight phantoms per modality, first and varied generation."), QStringLiteral("OUT.png")});
    } else {
        QTextStream(sub == QLatin1String("--help") ? stdout : stderr)
            << "Usage: medq synth bench WORKSPACE [--per-modality N] [--train-fraction F] [--val-fraction F] [--bases DIR]\n"
               "                        [--real-fraction F] [--augmented-fraction F] [--seed S]\n"
               "       medq synth pool WORKSPACE [--size N] [--bases DIR] [--seed S]\n"
               "       medq synth sheet OUT.png [--modality M] [--seed S]\n"
               "       medq synth bases [--json] [--sheet OUT.png] [--augmentations OUT.png] [--phantoms OUT.png]\n";
        return sub == QLatin1String("--help") ? Ok : UserError;
    }
    if (!p.parse(QStringList{QStringLiteral("medq synth ") + sub} + args.mid(1))) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (sub == QLatin1String("bases")) {
        if (!pos.isEmpty()) return fail(QStringLiteral("`synth bases` takes no positional argument"));
        if (p.isSet(QStringLiteral("sheet"))) {
            const QString out = p.value(QStringLiteral("sheet"));
            if (!dataset::BaseCatalogueReport::sheet().save(out)) return fail(QStringLiteral("%1: cannot write the image").arg(out));
            QTextStream(stderr) << "wrote " << out << Qt::endl;
        }
        if (p.isSet(QStringLiteral("phantoms"))) {
            const QString out = p.value(QStringLiteral("phantoms"));
            if (!dataset::BaseCatalogueReport::phantomSheet().save(out)) return fail(QStringLiteral("%1: cannot write the image").arg(out));
            QTextStream(stderr) << "wrote " << out << Qt::endl;
        }
        if (p.isSet(QStringLiteral("augmentations"))) {
            const QString out = p.value(QStringLiteral("augmentations"));
            if (!dataset::BaseCatalogueReport::augmentationSheet().save(out)) return fail(QStringLiteral("%1: cannot write the image").arg(out));
            QTextStream(stderr) << "wrote " << out << Qt::endl;
        }
        QTextStream(stdout) << (p.isSet(QStringLiteral("json"))
                                    ? QString::fromUtf8(QJsonDocument(dataset::BaseCatalogueReport::json()).toJson())
                                    : dataset::BaseCatalogueReport::table())
                            << Qt::endl;
        return Ok;
    }
    if (pos.size() != 1) return fail(QStringLiteral("expected one %1").arg(sub == QLatin1String("sheet") ? "OUT.png" : "WORKSPACE"));

    if (sub == QLatin1String("sheet")) {
        const auto seed = seedOption(p, 2026);
        if (!seed) return fail(QStringLiteral("--seed must be a non-negative integer"));
        QImage sheet;
        if (p.isSet(QStringLiteral("modality"))) {
            const auto m = modalityFromString(p.value(QStringLiteral("modality")));
            if (!m || *m == Modality::Other) return fail(QStringLiteral("unknown modality '%1'").arg(p.value(QStringLiteral("modality"))));
            sheet = synth::ContactSheet::render(*m, *seed);
        } else {
            sheet = synth::ContactSheet::renderAll(*seed);
        }
        if (!sheet.save(pos.front())) return fail(QStringLiteral("%1: cannot write the image").arg(pos.front()));
        QTextStream(stdout) << "wrote " << pos.front() << " (" << sheet.width() << "x" << sheet.height() << ")" << Qt::endl;
        return Ok;
    }
    if (!store::Workspace::exists(pos.front()))
        return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front()));
    log::attachWorkspace(pos.front());
    if (sub == QLatin1String("bench")) {
        dataset::BenchmarkOptions o;
        bool ok = false;
        o.perModality = p.value(QStringLiteral("per-modality")).toInt(&ok);
        if (!ok || o.perModality < 3) return fail(QStringLiteral("--per-modality must be an integer >= 3"));
        bool trainOk = false, valOk = false;
        o.trainFraction = p.value(QStringLiteral("train-fraction")).toDouble(&trainOk);
        o.valFraction = p.value(QStringLiteral("val-fraction")).toDouble(&valOk);
        if (!trainOk || !valOk || o.trainFraction <= 0 || o.valFraction <= 0 || o.trainFraction + o.valFraction >= 1)
            return fail(QStringLiteral("--train-fraction and --val-fraction must be positive and leave a test split (sum below 1)"));
        o.siteBasesDir = p.value(QStringLiteral("bases"));
        if (!o.siteBasesDir.isEmpty()) o.realBaseFraction = 0.7;
        if (p.isSet(QStringLiteral("real-fraction"))) {
            bool realOk = false;
            o.realBaseFraction = p.value(QStringLiteral("real-fraction")).toDouble(&realOk);
            if (!realOk || o.realBaseFraction < 0 || o.realBaseFraction > 1) return fail(QStringLiteral("--real-fraction must be between 0 and 1"));
        }
        if (p.isSet(QStringLiteral("augmented-fraction"))) {
            bool augmentedOk = false;
            o.augmentedFraction = p.value(QStringLiteral("augmented-fraction")).toDouble(&augmentedOk);
            if (!augmentedOk || o.augmentedFraction < 0 || o.augmentedFraction > 1)
                return fail(QStringLiteral("--augmented-fraction must be between 0 and 1"));
        }
        const auto seed = seedOption(p, o.seed);
        if (!seed) return fail(QStringLiteral("--seed must be a non-negative integer"));
        o.seed = *seed;
        return runJob(ingest::recordedInWorkspace(pos.front(), std::make_unique<dataset::BenchmarkBuildJob>(pos.front(), o)), g);
    }
    dataset::PoolOptions o;
    bool ok = false;
    o.size = p.value(QStringLiteral("size")).toLongLong(&ok);
    if (!ok || o.size <= 0 || o.size > 100'000'000) return fail(QStringLiteral("--size must be an integer in 1..100000000"));
    const auto seed = seedOption(p, o.seed);
    if (!seed) return fail(QStringLiteral("--seed must be a non-negative integer"));
    o.seed = *seed;
    o.siteBasesDir = p.value(QStringLiteral("bases"));
    return runJob(ingest::recordedInWorkspace(pos.front(), std::make_unique<dataset::PoolBuildJob>(pos.front(), o)), g);
}

}  // namespace medq::cli
