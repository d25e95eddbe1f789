#pragma once
// Image-classification datasets read from a pair of IDX files (MNIST layout).

#include "deepstep/dataset.hpp"

#include <string>
#include <vector>

namespace deepstep::data {

/// Loads an images file (N×H×W, type u8) and a labels file (N, type u8), either of them
/// gzip-compressed or not.
/// requires: classNames.size() == C, the number of classes, and every label < C. An
///   empty classNames means numbered classes "0".."C-1" with C = max(10, max label + 1).
/// ensures: inputs are N×1×H×W floats in [0, 1] (byte / 255), held once as float32;
///   targets are one-hot N×C; classNames() == classNames.
/// throws: InputError naming the file that is wrong (not u8, wrong rank, counts that
///   differ, a label out of range — with its byte offset, anything readIdxFile refuses);
///   InputError(imagesPath, "… would take … of memory; the limit is …") when the kept
///   images and their one-hot targets, as floats, would not fit the memory budget —
///   checked from the headers and labels, before the images are decoded;
///   RuntimeFailure for I/O errors.
/// limit > 0 keeps only the first `limit` examples (all of them when there are fewer);
/// the labels of the examples dropped are still checked.
TensorDataset loadIdxImages(const std::string& imagesPath, const std::string& labelsPath,
                            std::vector<std::string> classNames, std::size_t limit = 0);

/// Class names "0", "1", …, "C-1".
std::vector<std::string> numberedClassNames(std::size_t count);

}  // namespace deepstep::data
