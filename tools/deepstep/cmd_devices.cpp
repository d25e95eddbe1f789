// deepstep devices: the CPU and the GPUs DeepStep can compute on, and, for a GPU that
// cannot be used, why. Also the device line `train` prints (deviceNotice).

#include "commands.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/device.hpp"
#include "deepstep/trainer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace deepstep::cli {

CommandSpec devicesSpec() {
    return {"devices", "[OPTIONS]", "cmd.devices.summary", "cmd.devices.description", {}, {{"json", "", "opt.json"}}};
}

std::string problemLine(DeviceProblem problem, const std::string& detail) {
    std::string text = tr("device.problem." + std::to_string(static_cast<int>(problem)));
    if (!detail.empty()) text += " (" + terminalSafe(detail) + ")";
    return text;
}

namespace {

std::string gib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
    return text;
}

std::string about(const DeviceInfo& d) {
    std::string text = d.name.empty() ? std::string() : terminalSafe(d.name);
    const auto add = [&](const std::string& part) {
        if (part.empty()) return;
        text += text.empty() ? part : ", " + part;
    };
    if (d.threads > 0) add(tr("devices.threads", {std::to_string(d.threads)}));
    if (d.memoryBytes > 0) add(gib(d.memoryBytes));
    if (!d.computeCapability.empty()) add(tr("devices.capability", {d.computeCapability}));
    if (!d.driverVersion.empty()) add(tr("devices.driver", {d.driverVersion}));
    if (!d.runtimeVersion.empty()) add(tr("devices.runtime", {d.runtimeVersion}));
    return text;
}

}  // namespace

std::string experimentDevice(const Json& experiment) {
    const auto device = experiment.find("device");
    return device != experiment.end() && device->is_string() ? device->get<std::string>() : std::string("cpu");
}

std::string deviceNotice(const DeviceChoice& c, Trainer* trainer) {
    if (c.fallback == DeviceProblem::None && c.gpu >= 0 && trainer != nullptr) {
        DeviceProblem why = DeviceProblem::None;
        std::string detail;
        const gpu::Backend* backend = gpu::Backend::open(c, &why, &detail);
        if (backend == nullptr) return tr("device.fallback", {c.requested, problemLine(why, detail)});
        trainer->setDevice(backend, c.device.id);
        return tr("device.gpu", {c.device.id, terminalSafe(c.device.name), pick(trainer->devicePlacement())});
    }
    if (c.fallback != DeviceProblem::None) {
        return tr("device.fallback", {c.requested, problemLine(c.fallback, c.fallbackDetail)});
    }
    return tr("device.cpu", {terminalSafe(c.device.name), std::to_string(c.device.threads)});
}

int runDevices(const Arguments& args) {
    const std::vector<DeviceInfo> devices = listDevices();
    if (args.has("json")) {
        nlohmann::json all = nlohmann::json::array();
        for (const DeviceInfo& d : devices) {
            nlohmann::json j{{"id", d.id},
                             {"name", d.name},
                             {"memory_bytes", d.memoryBytes},
                             {"usable", d.usable()},
                             {"driver_version", d.driverVersion},
                             {"runtime_version", d.runtimeVersion}};
            if (d.threads > 0) j["threads"] = d.threads;
            if (!d.computeCapability.empty()) j["compute_capability"] = d.computeCapability;
            if (!d.usable()) {
                j["why_not"] = problemText(d.problem);
                if (!d.detail.empty()) j["detail"] = d.detail;
            }
            all.push_back(j);
        }
        std::cout << all.dump(2) << "\n";
        return 0;
    }
    Table table({tr("devices.col.device"), tr("devices.col.about"), tr("devices.col.state")});
    for (const DeviceInfo& d : devices) {
        table.addRow({d.id, about(d),
                      d.usable() ? tr("devices.usable") : tr("devices.notUsable", {problemLine(d.problem, d.detail)})});
    }
    std::cout << table.render(2, isatty(fileno(stdout)) != 0 ? terminalColumns() : 0);
    return 0;
}

}  // namespace deepstep::cli
