#include "deepstep/augment.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace deepstep {

bool Augmentation::any() const {
    return maxShift != 0 || flipHorizontal || noise != 0.0F;
}

const Schema& augmentationSchema() {
    static const Schema schema{
        integerOption("shift", 0, 0, 64,
                      {"Largest shift in pixels: every image moves by a random whole number of pixels in "
                       "[-shift, shift] horizontally and vertically; the uncovered border is filled with 0.",
                       "최대 이동 픽셀 수. 이미지마다 가로와 세로로 [-shift, shift] 범위의 무작위 정수 픽셀만큼 "
                       "옮기고, 비게 된 가장자리는 0으로 채웁니다."}),
        flagOption("flip", false,
                   {"Mirror each image left–right with probability 1/2 (fine for clothes, wrong for digits).",
                    "이미지마다 1/2 확률로 좌우를 뒤집습니다(옷 사진에는 괜찮지만 숫자에는 맞지 않습니다)."}),
        numberOption("noise", 0.0, 0, 1,
                     {"Standard deviation of the Gaussian noise added to every pixel; the result is clamped to "
                      "[0, 1].",
                      "모든 픽셀에 더하는 가우시안 노이즈의 표준편차. 결과는 [0, 1]로 잘라 냅니다."}),
    };
    return schema;
}

Augmentation augmentationFromOptions(const Options& o) {
    Augmentation a;
    a.maxShift = static_cast<int>(o.integer("shift"));
    a.flipHorizontal = o.flag("flip");
    a.noise = static_cast<float>(o.number("noise"));
    return a;
}

void augment(Tensor& images, const Augmentation& a, Rng& rng) {
    if (!a.any()) {
        return;
    }
    if (a.maxShift < 0) {
        throw InputError("augment.shift", "expected a shift of at least 0 pixels, got " + std::to_string(a.maxShift));
    }
    if (!(a.noise >= 0.0F)) {
        throw InputError("augment.noise",
                         "expected a standard deviation of at least 0, got " + std::to_string(a.noise));
    }
    if (images.rank() < 3) {
        throw InputError("augment", "expected a batch of images (N×C×H×W or N×H×W), got shape " + images.shape().str());
    }
    const std::size_t n = images.dim(0);
    const std::size_t channels = images.rank() == 4 ? images.dim(1) : 1;
    const std::size_t h = images.dim(images.rank() - 2);
    const std::size_t w = images.dim(images.rank() - 1);
    const std::size_t plane = h * w;
    const auto width = static_cast<long long>(w);
    const auto height = static_cast<long long>(h);
    std::vector<float> source(plane);
    for (std::size_t i = 0; i < n; ++i) {
        long long dx = 0;
        long long dy = 0;
        if (a.maxShift > 0) {
            const std::size_t span = 2 * static_cast<std::size_t>(a.maxShift) + 1;
            dx = static_cast<long long>(rng.index(span)) - a.maxShift;
            dy = static_cast<long long>(rng.index(span)) - a.maxShift;
        }
        const bool mirror = a.flipHorizontal && rng.uniform() < 0.5F;
        for (std::size_t c = 0; c < channels; ++c) {
            float* pixels = images.data() + (i * channels + c) * plane;
            if (dx != 0 || dy != 0 || mirror) {
                std::copy(pixels, pixels + plane, source.begin());
                for (long long y = 0; y < height; ++y) {
                    for (long long x = 0; x < width; ++x) {
                        // Where the shifted image's pixel (y, x) comes from; the mirror reads
                        // the shifted image at the opposite column.
                        const long long shiftedX = mirror ? width - 1 - x : x;
                        const long long fromY = y - dy;
                        const long long fromX = shiftedX - dx;
                        const bool inside = fromY >= 0 && fromY < height && fromX >= 0 && fromX < width;
                        pixels[y * width + x] = inside ? source[static_cast<std::size_t>(fromY * width + fromX)] : 0.0F;
                    }
                }
            }
        }
        if (a.noise > 0.0F) {
            float* first = images.data() + i * channels * plane;
            for (float* p = first; p != first + channels * plane; ++p) {
                *p = std::clamp(*p + rng.normal(0.0F, a.noise), 0.0F, 1.0F);
            }
        }
    }
}

}  // namespace deepstep
