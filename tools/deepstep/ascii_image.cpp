#include "ascii_image.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::cli {

char greyCharacter(float v, float low, float high) {
    if (!(high > low) || std::isnan(v)) return kGreyRamp.front();
    const float unit = std::clamp((v - low) / (high - low), 0.0F, 1.0F);
    const auto bins = kGreyRamp.size();
    const auto index = std::min(bins - 1, static_cast<std::size_t>(unit * static_cast<float>(bins)));
    return kGreyRamp[index];
}

std::vector<std::string> asciiImage(std::span<const float> pixels, std::size_t height, std::size_t width, float low,
                                    float high, std::size_t maxWidth) {
    std::vector<std::string> lines;
    if (height == 0 || width == 0 || pixels.size() != height * width) return lines;
    const std::size_t factor = (width + std::max<std::size_t>(maxWidth, 1) - 1) / std::max<std::size_t>(maxWidth, 1);
    for (std::size_t top = 0; top < height; top += factor) {
        std::string line;
        for (std::size_t left = 0; left < width; left += factor) {
            double sum = 0.0;
            std::size_t count = 0;
            for (std::size_t y = top; y < std::min(height, top + factor); ++y)
                for (std::size_t x = left; x < std::min(width, left + factor); ++x) {
                    sum += pixels[y * width + x];
                    ++count;
                }
            line += greyCharacter(static_cast<float>(sum / static_cast<double>(count)), low, high);
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace deepstep::cli
