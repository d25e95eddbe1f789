#pragma once
// Opening a dataset file by its path, guessing the format from the name and content.

#include "deepstep/dataset.hpp"

#include <memory>
#include <string>

namespace deepstep::data {

/// Opens a dataset file for `deepstep dataset inspect PATH` and the `idx`/`csv` datasets.
/// - "*.csv" (any case): loadCsv with default options (last column is the target).
/// - An IDX images file (rank 3, u8): its labels file is found beside it by replacing
///   "images-idx3" with "labels-idx1" (or "images" with "labels") in the file name,
///   with or without a ".gz" ending whatever the images file has;
///   classes are numbered "0".."C-1" with C = max label + 1 (at least 10 when every label
///   is below 10, the MNIST convention).
/// ensures: a non-null dataset.
/// throws: InputError naming the file when it is not a readable dataset: a lone IDX
///   labels file or any other IDX array ("expected an IDX images file (N×H×W u8), got
///   …"), an images file whose labels file cannot be found (naming the file looked for),
///   an unknown extension; RuntimeFailure when the file cannot be read.
std::unique_ptr<Dataset> openDatasetFile(const std::string& path);

}  // namespace deepstep::data
