// Settings a lesson changes in its experiment.

#include "deepstep/lessons/setting.hpp"

#include "deepstep/errors.hpp"
#include "wording.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>

namespace deepstep {

namespace {

struct SettingPath {
    std::string section;  ///< optimizer, loss, dataset, training, model.layers, seed
    std::size_t layer = 0;
    std::string key;
};

bool isOptionName(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

std::optional<SettingPath> parseSettingPath(const std::string& path) {
    if (path == "seed") return SettingPath{"seed", 0, {}};
    for (const char* section : {"optimizer", "loss", "dataset", "training"}) {
        const std::string prefix = std::string(section) + ".";
        if (path.starts_with(prefix) && isOptionName(path.substr(prefix.size())))
            return SettingPath{section, 0, path.substr(prefix.size())};
    }
    const std::string layers = "model.layers[";
    if (path.starts_with(layers)) {
        const std::size_t close = path.find(']', layers.size());
        if (close == std::string::npos || close == layers.size() || close - layers.size() > 6) return std::nullopt;
        const std::string digits = path.substr(layers.size(), close - layers.size());
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        if (close + 1 >= path.size() || path[close + 1] != '.' || !isOptionName(path.substr(close + 2)))
            return std::nullopt;
        return SettingPath{"model.layers", static_cast<std::size_t>(std::stoul(digits)), path.substr(close + 2)};
    }
    return std::nullopt;
}

}  // namespace

bool isLessonSetting(const std::string& path) {
    return parseSettingPath(path).has_value();
}

std::string lessonSettingExpected(const std::string& path) {
    return "expected a setting such as \"optimizer.learning_rate\", \"training.batch_size\", \"loss.OPTION\", "
           "\"optimizer.OPTION\", \"dataset.OPTION\", \"model.layers[i].OPTION\" or \"seed\", got " +
           lessons_detail::inQuotes(path);
}

Json applySetting(const Json& experiment, const std::string& path, const Json& value) {
    const auto setting = parseSettingPath(path);
    if (!setting) throw InputError(path, lessonSettingExpected(path));
    Json doc = experiment.is_object() ? experiment : Json::object();
    if (setting->section == "seed") {
        doc["seed"] = value;
        return doc;
    }
    if (setting->section == "model.layers") {
        Json* layers = doc.contains("model") && doc["model"].is_object() && doc["model"].contains("layers")
                           ? &doc["model"]["layers"]
                           : nullptr;
        const std::size_t count = layers != nullptr && layers->is_array() ? layers->size() : 0;
        if (setting->layer >= count)
            throw InputError(path, "expected a layer index below " + std::to_string(count) + " (the model has " +
                                       std::to_string(count) + " layers), got " + std::to_string(setting->layer));
        Json& layer = (*layers)[setting->layer];
        if (layer.is_string()) layer = Json{{"type", layer.get<std::string>()}};
        layer[setting->key] = value;
        return doc;
    }
    Json& section = doc[setting->section];
    // A component named by its type alone ("loss": "mse") takes options once it is an object.
    if (section.is_string())
        section = Json{{"type", section.get<std::string>()}};
    else if (!section.is_object())
        section = Json::object();
    section[setting->key] = value;
    return doc;
}

}  // namespace deepstep
