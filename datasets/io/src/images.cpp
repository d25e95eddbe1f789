// IDX image/label pairs as a TensorDataset.

#include "deepstep/data/images.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <algorithm>
#include <utility>

namespace deepstep::data {

namespace {

std::string shapeText(const IdxArray& a) {
    std::string text = "rank " + std::to_string(a.dims.size()) + " (";
    for (std::size_t i = 0; i < a.dims.size(); ++i) text += (i ? " × " : "") + std::to_string(a.dims[i]);
    return text + ")";
}

std::string typeText(std::uint8_t type) {
    static const char* hex = "0123456789ABCDEF";
    return std::string("type 0x") + hex[type >> 4] + hex[type & 15];
}

}  // namespace

std::vector<std::string> numberedClassNames(std::size_t count) {
    std::vector<std::string> names;
    names.reserve(count);
    for (std::size_t i = 0; i < count; ++i) names.push_back(std::to_string(i));
    return names;
}

TensorDataset loadIdxImages(const std::string& imagesPath, const std::string& labelsPath,
                            std::vector<std::string> classNames, std::size_t limit) {
    // The images' header first, then the (small) labels, then the memory the whole set
    // takes is checked, and only then are the images decoded.
    const IdxArray header = readIdxHeader(imagesPath);
    if (header.type != 0x08 || header.dims.size() != 3) {
        throw InputError(imagesPath, "expected IDX images (N × H × W, unsigned bytes), got " +
                                         typeText(header.type) + ", " + shapeText(header));
    }
    const IdxArray labels = readIdxFile(labelsPath);
    if (labels.type != 0x08 || labels.dims.size() != 1) {
        throw InputError(labelsPath, "expected IDX labels (N, unsigned bytes), got " + typeText(labels.type) + ", " +
                                         shapeText(labels));
    }
    const std::size_t n = header.dims[0];
    if (labels.dims[0] != n) {
        throw InputError(labelsPath, "expected " + std::to_string(n) + " labels, one per image in " + imagesPath +
                                         ", got " + std::to_string(labels.dims[0]));
    }
    if (classNames.empty()) {
        const float top = *std::max_element(labels.values.begin(), labels.values.end());
        classNames = numberedClassNames(std::max<std::size_t>(10, static_cast<std::size_t>(top) + 1));
    }
    const std::size_t classes = classNames.size();
    const std::size_t kept = limit > 0 && limit < n ? limit : n;
    const std::size_t h = header.dims[1];
    const std::size_t w = header.dims[2];
    checkMemoryBudget((static_cast<long double>(kept) * h * w + static_cast<long double>(kept) * classes) *
                          sizeof(float),
                      imagesPath,
                      "the images and their one-hot labels (" + std::to_string(kept) + " × " + std::to_string(h) +
                          " × " + std::to_string(w) + " and " + std::to_string(kept) + " × " +
                          std::to_string(classes) + " floats)");
    Tensor targets(Shape{kept, classes});
    for (std::size_t i = 0; i < n; ++i) {
        const auto label = static_cast<std::size_t>(labels.values[i]);
        if (label >= classes) {
            // Labels are one byte each after the 8-byte header of a rank-1 file.
            throw InputError(labelsPath + ": byte " + std::to_string(8 + i),
                             "expected a label below " + std::to_string(classes) + " (the number of classes), got " +
                                 std::to_string(label));
        }
        if (i < kept) targets[i * classes + label] = 1.0F;
    }
    IdxArray images = readIdxFile(imagesPath, kept);
    // Scale in place and hand the same buffer to the tensor: the images exist once.
    for (float& v : images.values) v /= 255.0F;
    Tensor inputs(Shape{kept, 1, h, w}, std::move(images.values));
    return TensorDataset(std::move(inputs), std::move(targets), std::move(classNames));
}

}  // namespace deepstep::data
