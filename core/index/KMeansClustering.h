#pragma once
// k-means (faiss) over L2-normalised feature rows with k chosen from the data by the
// mean silhouette (cosine distance) over a range of k; medoids and per-cluster silhouette
// let the caller keep coherent clusters and drop incoherent ones.
#include "common/Result.h"
#include "jobs/Progress.h"

#include <QJsonObject>
#include <cstdint>
#include <vector>

namespace medq::index {

struct ClusteringOptions {
    int kMin = 2;
    int kMax = 12;         // capped at rows / 3
    int iterations = 25;
    int restarts = 3;      // k-means++-like restarts (faiss nredo); best objective kept
    std::uint64_t seed = 1;
};

struct Clustering {
    int k = 0;
    std::vector<int> assignment;           // cluster per row
    std::vector<int> medoids;              // per cluster: row index nearest to all members
    std::vector<double> silhouette;        // per cluster: mean silhouette of its members
    double meanSilhouette = 0.0;           // over all rows, for the chosen k
    std::vector<std::pair<int, double>> scan;  // (k, mean silhouette) for every k tried
    // k, meanSilhouette, scan, and per cluster its size, medoid and silhouette (the
    // per-row assignment is left out: it is as long as the input).
    QJsonObject toJson() const;
};

// Fails when rows < 2 * kMin (too few items to cluster) or dim < 1.
Result<Clustering> clusterRows(const float* rows, int rowCount, int dim, const ClusteringOptions& options,
                               const jobs::Progress& progress);

// Cosine distance (1 - dot) between two L2-normalised rows.
double cosineDistance(const float* a, const float* b, int dim);

// Scales v to unit length (left as is when it is all zeros).
void normaliseL2(std::vector<float>& v);

}  // namespace medq::index
