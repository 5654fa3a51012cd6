#include "index/KMeansClustering.h"

#include "common/Random.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/utils/distances.h>

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace medq::index {

namespace {

using FaissIdx = faiss::Index::idx_t;

// Silhouette is O(n^2) in distances; above this many rows it is computed on a seeded
// subsample of this size (distances among the sampled rows only, as scikit-learn's
// silhouette_score(sample_size=...) does), which estimates the mean well enough to pick k.
constexpr int kSilhouetteSampleMax = 2000;

// Pairwise cosine distances of the sampled rows, row-major m x m.
std::vector<float> pairwiseDistances(const float* rows, int dim, const std::vector<int>& sample, const jobs::Progress& progress) {
    const std::size_t m = sample.size();
    std::vector<float> dist(m * m, 0.0f);
    for (std::size_t i = 0; i < m; ++i) {
        if (i % 256 == 0) progress.checkCancelled();
        const float* a = rows + std::size_t(sample[i]) * dim;
        for (std::size_t j = i + 1; j < m; ++j) {
            const float dij = 1.0f - faiss::fvec_inner_product(a, rows + std::size_t(sample[j]) * dim, std::size_t(dim));
            dist[i * m + j] = dij;
            dist[j * m + i] = dij;
        }
    }
    return dist;
}

// Silhouette per sampled row: (b - a) / max(a, b) with a the mean distance to the other
// members of its cluster and b the smallest mean distance to another cluster; 0 for a
// row alone in its cluster (Rousseeuw 1987; scikit-learn's convention).
std::vector<double> silhouettes(const std::vector<float>& dist, const std::vector<int>& labels, int k) {
    const std::size_t m = labels.size();
    std::vector<int> size(std::size_t(k), 0);
    for (int c : labels) ++size[std::size_t(c)];
    std::vector<double> s(m, 0.0), sums(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < m; ++i) {
        const int own = labels[i];
        if (size[std::size_t(own)] <= 1) continue;
        std::fill(sums.begin(), sums.end(), 0.0);
        const float* row = &dist[i * m];
        for (std::size_t j = 0; j < m; ++j) sums[std::size_t(labels[j])] += row[j];
        const double a = sums[std::size_t(own)] / (size[std::size_t(own)] - 1);
        double b = std::numeric_limits<double>::infinity();
        for (int c = 0; c < k; ++c)
            if (c != own && size[std::size_t(c)] > 0) b = std::min(b, sums[std::size_t(c)] / size[std::size_t(c)]);
        if (!std::isfinite(b)) continue;  // every sampled row in one cluster
        const double denom = std::max(a, b);
        s[i] = denom > 0 ? (b - a) / denom : 0.0;
    }
    return s;
}

// Spherical k-means with faiss; returns the cluster of every row.
std::vector<int> kmeans(const float* rows, int n, int dim, int k, const ClusteringOptions& options) {
    faiss::ClusteringParameters cp;
    cp.niter = options.iterations;
    cp.nredo = std::max(1, options.restarts);
    cp.spherical = true;
    cp.seed = int(options.seed & 0x7fffffff);
    cp.min_points_per_centroid = 1;  // small pools are the normal case here: no warning
    cp.max_points_per_centroid = std::numeric_limits<int>::max() / 2;  // use every row
    faiss::Clustering clustering(dim, k, cp);
    faiss::IndexFlatIP index(dim);
    clustering.train(n, rows, index);
    std::vector<float> distances(static_cast<std::size_t>(n));
    std::vector<FaissIdx> labels(static_cast<std::size_t>(n));
    index.search(n, rows, 1, distances.data(), labels.data());
    return std::vector<int>(labels.begin(), labels.end());
}

}  // namespace

double cosineDistance(const float* a, const float* b, int dim) {
    double dot = 0.0;
    for (int i = 0; i < dim; ++i) dot += double(a[i]) * double(b[i]);
    return 1.0 - dot;
}

void normaliseL2(std::vector<float>& v) {
    double n = 0;
    for (float x : v) n += double(x) * x;
    n = std::sqrt(n);
    if (n > 0) for (float& x : v) x = float(x / n);
}

Result<Clustering> clusterRows(const float* rows, int rowCount, int dim, const ClusteringOptions& options,
                               const jobs::Progress& progress) {
    const QString subject = QStringLiteral("clustering");
    if (dim < 1) return Error{subject, QStringLiteral("dimension %1 is invalid").arg(dim)};
    if (options.kMin < 2) return Error{subject, QStringLiteral("kMin %1 is below 2 (silhouette needs two clusters)").arg(options.kMin)};
    if (rowCount < 2 * options.kMin || !rows)
        return Error{subject, QStringLiteral("too few rows to cluster: %1, at least %2 needed for %3 clusters")
                                  .arg(rowCount)
                                  .arg(2 * options.kMin)
                                  .arg(options.kMin)};
    // k up to rows / 3 (at least three members per cluster on average), but never below kMin:
    // rows >= 2 * kMin already guarantees kMin clusters of two.
    const int kMax = std::max(options.kMin, std::min(options.kMax, rowCount / 3));

    // Rows on which silhouettes are computed: all, or a seeded sample (sorted for locality).
    std::vector<int> sample(static_cast<std::size_t>(rowCount));
    std::iota(sample.begin(), sample.end(), 0);
    if (rowCount > kSilhouetteSampleMax) {
        Random(options.seed).shuffle(sample);
        sample.resize(kSilhouetteSampleMax);
        std::sort(sample.begin(), sample.end());
    }
    const std::vector<float> dist = pairwiseDistances(rows, dim, sample, progress);

    Clustering best;
    best.meanSilhouette = -std::numeric_limits<double>::infinity();
    std::vector<double> bestRowSilhouette;
    try {
        for (int k = options.kMin; k <= kMax; ++k) {
            progress.checkCancelled();
            progress.report(double(k - options.kMin) / (kMax - options.kMin + 1), QStringLiteral("k-means with k = %1").arg(k));
            std::vector<int> assignment = kmeans(rows, rowCount, dim, k, options);
            std::vector<int> sampleLabels(sample.size());
            for (std::size_t i = 0; i < sample.size(); ++i) sampleLabels[i] = assignment[std::size_t(sample[i])];
            std::vector<double> s = silhouettes(dist, sampleLabels, k);
            const double mean = std::accumulate(s.begin(), s.end(), 0.0) / double(s.size());
            best.scan.emplace_back(k, mean);
            if (mean > best.meanSilhouette) {  // ties keep the smaller k
                best.k = k;
                best.meanSilhouette = mean;
                best.assignment = std::move(assignment);
                bestRowSilhouette = std::move(s);
            }
        }
    } catch (const faiss::FaissException& e) {
        return Error{subject, QStringLiteral("faiss: %1").arg(QString::fromStdString(e.msg))};
    }

    // Per-cluster silhouette: mean over the cluster's (sampled) members; 0 for a cluster
    // with no sampled member.
    const auto k = std::size_t(best.k);
    best.silhouette.assign(k, 0.0);
    std::vector<int> sampled(k, 0);
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const auto c = std::size_t(best.assignment[std::size_t(sample[i])]);
        best.silhouette[c] += bestRowSilhouette[i];
        ++sampled[c];
    }
    for (std::size_t c = 0; c < k; ++c)
        if (sampled[c] > 0) best.silhouette[c] /= sampled[c];

    // Medoids, exactly and in O(n * dim): with d(i, j) = 1 - x_i.x_j, the sum of distances
    // from i to the other members of its cluster C is (|C| - 1) - (x_i.S_C - x_i.x_i),
    // S_C being the sum of C's rows, so no pairwise pass is needed.
    std::vector<std::vector<double>> sums(k, std::vector<double>(std::size_t(dim), 0.0));
    std::vector<int> sizes(k, 0);
    for (int i = 0; i < rowCount; ++i) {
        const auto c = std::size_t(best.assignment[std::size_t(i)]);
        ++sizes[c];
        const float* x = rows + std::size_t(i) * dim;
        for (int j = 0; j < dim; ++j) sums[c][std::size_t(j)] += x[j];
    }
    best.medoids.assign(k, -1);
    std::vector<double> bestSum(k, std::numeric_limits<double>::infinity());
    for (int i = 0; i < rowCount; ++i) {
        const auto c = std::size_t(best.assignment[std::size_t(i)]);
        const float* x = rows + std::size_t(i) * dim;
        double toSum = 0.0, self = 0.0;
        for (int j = 0; j < dim; ++j) {
            toSum += double(x[j]) * sums[c][std::size_t(j)];
            self += double(x[j]) * double(x[j]);
        }
        const double sumOfDistances = (sizes[c] - 1) - (toSum - self);
        if (sumOfDistances < bestSum[c]) {
            bestSum[c] = sumOfDistances;
            best.medoids[c] = i;
        }
    }
    progress.report(1.0, QStringLiteral("clustered into %1 groups").arg(best.k));
    return best;
}

QJsonObject Clustering::toJson() const {
    QJsonArray scanJson;
    for (const auto& [kk, s] : scan) scanJson.append(QJsonArray{kk, s});
    std::vector<int> sizes(std::size_t(k), 0);
    for (int c : assignment) ++sizes[std::size_t(c)];
    QJsonArray clusters;
    for (int c = 0; c < k; ++c)
        clusters.append(QJsonObject{{"size", sizes[std::size_t(c)]},
                                    {"medoid", medoids[std::size_t(c)]},
                                    {"silhouette", silhouette[std::size_t(c)]}});
    return QJsonObject{{"k", k}, {"meanSilhouette", meanSilhouette}, {"scan", scanJson}, {"clusters", clusters}};
}

}  // namespace medq::index
