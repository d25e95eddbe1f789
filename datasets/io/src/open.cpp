// Opening a dataset file by path: the format is told by the name and the header.

#include "deepstep/data/open.hpp"

#include "deepstep/data/csv.hpp"
#include "deepstep/data/idx.hpp"
#include "deepstep/data/images.hpp"
#include "deepstep/errors.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace deepstep::data {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "train-images-idx3-ubyte.gz" → "train-labels-idx1-ubyte.gz"; "x-images.idx" →
// "x-labels.idx". Empty when the name says nothing about images.
std::string labelsNameFor(const std::string& imagesName) {
    std::string name = imagesName;
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"images-idx3", "labels-idx1"},
                                   std::pair<std::string, std::string>{"images.idx3", "labels.idx1"},
                                   std::pair<std::string, std::string>{"images", "labels"}}) {
        const auto at = name.rfind(from);
        if (at != std::string::npos) return name.replace(at, from.size(), to);
    }
    return {};
}

std::string describe(const IdxArray& a) {
    static const char* hex = "0123456789ABCDEF";
    std::string text = std::string("type 0x") + hex[a.type >> 4] + hex[a.type & 15] + ", rank " +
                       std::to_string(a.dims.size()) + " (";
    for (std::size_t i = 0; i < a.dims.size(); ++i) text += (i ? " × " : "") + std::to_string(a.dims[i]);
    return text + ")";
}

}  // namespace

std::unique_ptr<Dataset> openDatasetFile(const std::string& path) {
    const std::string name = std::filesystem::path(path).filename().string();
    const std::string lowered = lower(name);
    if (endsWith(lowered, ".csv") || endsWith(lowered, ".csv.gz")) {
        return std::make_unique<TensorDataset>(loadCsv(path, CsvOptions{}));
    }
    const bool idxName = lowered.find("idx") != std::string::npos || lowered.find("ubyte") != std::string::npos;
    if (!idxName) {
        throw InputError(path, "expected a dataset file: *.csv, or an IDX images file such as "
                               "train-images-idx3-ubyte.gz, got an unknown kind of file");
    }
    // The header alone says what the file is, so that a labels file is refused as
    // such before the partner file is looked for (and before any values are decoded).
    const IdxArray array = readIdxHeader(path);
    if (array.type != 0x08 || array.dims.size() != 3) {
        const bool labels = array.type == 0x08 && array.dims.size() == 1;
        throw InputError(path, std::string("expected an IDX images file (N × H × W, unsigned bytes), got ") +
                                   (labels ? "a labels file (" + describe(array) + "); open the images file beside it"
                                           : describe(array)));
    }
    const std::string labelsName = labelsNameFor(name);
    if (labelsName.empty()) {
        throw InputError(path, "expected \"images\" in the file name, to find the labels file beside it (as "
                               "train-images-idx3-ubyte.gz has train-labels-idx1-ubyte.gz), got none");
    }
    // The partner may be compressed when the images are not, or the other way round.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    const std::string plainName = endsWith(labelsName, ".gz") ? labelsName.substr(0, labelsName.size() - 3) : labelsName;
    for (const std::string& candidate : {labelsName, plainName, plainName + ".gz"}) {
        const std::string labelsPath = (folder / candidate).string();
        if (std::filesystem::exists(labelsPath)) {
            return std::make_unique<TensorDataset>(loadIdxImages(path, labelsPath, {}));
        }
    }
    throw InputError(path, "expected its labels file " + (folder / labelsName).string() +
                               " beside it (or the same name with or without .gz), got no such file");
}

}  // namespace deepstep::data
