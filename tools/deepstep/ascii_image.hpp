#pragma once
// Greyscale images as text: one character per pixel (or per block of pixels when the
// image is wider than the room on the line), from a ramp of ten greys.

#include <cstddef>
#include <span>
#include <string_view>
#include <string>
#include <vector>

namespace deepstep::cli {

/// The ramp, darkest (a blank) to brightest.
inline constexpr std::string_view kGreyRamp = " .:-=+*#%@";

/// The ramp's character for `v` scaled from [low, high] to [0, 1]: ten equal bins,
/// values outside the range clamped, NaN blank. With high <= low every value is blank.
char greyCharacter(float v, float low, float high);

/// Renders `pixels` (height × width, row-major) as `height / f` lines of `width / f`
/// characters (rounded up), where f is the smallest whole factor that makes a line
/// fit in `maxWidth` columns; each character shows the mean of its f × f block.
/// requires: pixels.size() == height * width; maxWidth >= 1.
std::vector<std::string> asciiImage(std::span<const float> pixels, std::size_t height, std::size_t width, float low,
                                    float high, std::size_t maxWidth);

}  // namespace deepstep::cli
