#pragma once
// How often an item's nearest neighbours in an embedding share its quality label: the
// retrieval precision of a failure mode (issue "Sample efficiency and routing savings"),
// measured on pool items whose degradations are known (synthetic recipes). Neighbours are
// taken within the item's group (its modality, as retrieval anchors are), by cosine of
// unit-length vectors; chance is the share of same-label items among the group's others.
#include <vector>

namespace medq::loop {

struct NeighbourAgreement {
    double agreement = 0;  // mean over items: share of its k nearest with its label
    double chance = 0;     // mean over items: share of its group's other items with its label
    int items = 0;         // items with at least one other in their group
};

// vectors: rows of `dim` floats, one per label; labels and groups parallel to them.
NeighbourAgreement neighbourAgreement(const std::vector<float>& vectors, int dim, const std::vector<int>& labels,
                                      const std::vector<int>& groups, int k);

}  // namespace medq::loop
