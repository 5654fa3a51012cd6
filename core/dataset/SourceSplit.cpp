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

QMap<QString, BenchmarkSplit> SourceSplit::assign(const QStringList& sources) {
    std::vector<std::pair<QByteArray, QString>> ordered;
    for (const QString& s : sources)
        ordered.push_back({QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha1), s});
    std::sort(ordered.begin(), ordered.end());
    ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());
    const int n = int(ordered.size());
    const int test = std::max(1, (n + 2) / 3);
    const int val = n - test >= 2 ? 1 : 0;
    QMap<QString, BenchmarkSplit> out;
    for (int i = 0; i < n; ++i)
        out.insert(ordered[std::size_t(i)].second,
                   i < test ? BenchmarkSplit::Test : i < test + val ? BenchmarkSplit::Val : BenchmarkSplit::Train);
    return out;
}

}  // namespace medq::dataset
