#pragma once
// Probability helpers shared by the model's answers and the evaluation metrics.
#include <vector>

namespace medq::model {

// Numerically stable softmax (subtracts the maximum first).
std::vector<double> softmax(const std::vector<double>& logits);
// Shannon entropy -sum p ln p in nats; zero probabilities contribute 0. Uniform over k is ln k.
double entropyNats(const std::vector<double>& probabilities);

}  // namespace medq::model
