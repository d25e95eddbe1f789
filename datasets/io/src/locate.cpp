// Data folders, from the environment.

#include "deepstep/data/locate.hpp"

#include <cstdlib>

namespace deepstep::data {

namespace {

// An empty variable counts as unset, as XDG asks.
const char* variable(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::string dataDirectory() {
    if (const char* own = variable("DEEPSTEP_DATA")) return own;
    if (const char* xdg = variable("XDG_DATA_HOME")) return std::string(xdg) + "/deepstep";
    if (const char* home = variable("HOME")) return std::string(home) + "/.local/share/deepstep";
    return "deepstep-data";
}

std::string fashionMnistDirectory() {
    if (const char* own = variable("DEEPSTEP_FASHION_MNIST")) return own;
    return "/usr/share/datasets/fashion-mnist";
}

std::string mnistDigitsDirectory() {
    return dataDirectory() + "/mnist-digits";
}

}  // namespace deepstep::data
