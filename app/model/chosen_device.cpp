#include "chosen_device.hpp"

#include <QSettings>

#include <exception>

namespace deepstep::studio {

QString chosenDeviceName() {
    return QSettings().value(QStringLiteral("compute/device"), QStringLiteral("cpu")).toString();
}

const gpu::Backend* openDevice(const std::string& name, std::string* id, Text* note) {
    if (name == "cpu") return nullptr;
    DeviceProblem why = DeviceProblem::None;
    std::string detail;
    const gpu::Backend* backend = nullptr;
    try {
        const DeviceChoice choice = chooseDevice(name, "device");
        backend = gpu::Backend::open(choice, &why, &detail);
        if (backend != nullptr) *id = choice.device.id;
    } catch (const std::exception& e) {
        why = DeviceProblem::Failed;
        detail = e.what();
    }
    if (backend == nullptr && note != nullptr) {
        // The reason, translated, is in View ▸ Device.
        *note = {"the GPU cannot be used (" + problemText(why) + "): training on the CPU",
                 "GPU를 쓸 수 없어 CPU에서 학습합니다(이유는 보기 ▸ 장치에 있습니다)"};
    }
    return backend;
}

}  // namespace deepstep::studio
