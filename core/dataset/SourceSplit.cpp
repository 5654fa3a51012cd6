#include "dataset/SourceSplit.h"

#include <QCryptographicHash>
#include <algorithm>
#include <vector>

namespace medq::dataset {

QString splitKey(BenchmarkSplit split) {
    switch (split) {
    case BenchmarkSplit::Train: return QStringLiteral("train");
    case BenchmarkSplit::Val: return QStringLiteral("val");
    case BenchmarkSplit::Test: return QStringLiteral("test");
    }
    return {};
}

QString sourceKindKey(SourceKind kind) {
    switch (kind) {
    case SourceKind::Seen: return QStringLiteral("seen");
    case SourceKind::Unseen: return QStringLiteral("unseen");
    case SourceKind::Phantom: return QStringLiteral("phantom");
    case SourceKind::Site: return QStringLiteral("site");
    }
    return {};
}

QMap<QString, BenchmarkSplit> SourceSplit::assign(const QStringList& sources) { return extend({}, sources); }

QMap<QString, BenchmarkSplit> SourceSplit::extend(const QMap<QString, BenchmarkSplit>& given, const QStringList& sources) {
    std::vector<std::pair<QByteArray, QString>> ordered;
    for (const QString& s : sources)
        if (!given.contains(s)) ordered.push_back({QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha1), s});
    std::sort(ordered.begin(), ordered.end());
    ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());
    QMap<QString, BenchmarkSplit> out = given;
    const int n = int(given.size() + ordered.size());
    const int test = std::max(1, (n + 2) / 3);
    const int val = n - test >= 2 ? 1 : 0;
    int tests = int(std::count(given.begin(), given.end(), BenchmarkSplit::Test));
    int vals = int(std::count(given.begin(), given.end(), BenchmarkSplit::Val));
    for (const auto& [hash, source] : ordered) {
        if (tests < test) {
            out.insert(source, BenchmarkSplit::Test);
            ++tests;
        } else if (vals < val) {
            out.insert(source, BenchmarkSplit::Val);
            ++vals;
        } else {
            out.insert(source, BenchmarkSplit::Train);
        }
    }
    return out;
}

}  // namespace medq::dataset
