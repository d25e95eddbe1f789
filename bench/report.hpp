#pragma once
// Turning the collected measurements (one JSON document, see main.cpp) into the
// printed tables and the list of sanity problems.

#include "deepstep/options.hpp"

#include <string>
#include <vector>

namespace deepstep::bench {

/// The readable report: samples/s per contender and thread count, the ratios, the
/// GEMM table and the notes on how each figure was taken.
std::string formatReport(const Json& results);

/// What is wrong with the numbers, empty when all are sane: every rate finite and
/// positive, every loss finite and lower after the epoch than before it, and, when
/// `compareWeights` holds, DeepStep's and the hand-written loop's final weights
/// within `weightTolerance` of each other (they do the same arithmetic).
std::vector<std::string> sanityProblems(const Json& results, bool compareWeights, double weightTolerance);

}  // namespace deepstep::bench
