#pragma once
// The device the Studio trains on: View ▸ Device's choice ("compute/device" in
// QSettings), resolved and opened. QtCore only, safe to call from a training thread.

#include "deepstep/device.hpp"
#include "deepstep/options.hpp"

#include <QString>

#include <string>

namespace deepstep::studio {

/// The saved choice: "cpu" (also when nothing is saved) or "cuda:N".
QString chosenDeviceName();

/// The backend of a device name, or nullptr for the CPU and for a GPU that cannot be
/// used. `id` receives the device's id ("cuda:0") when a backend is returned; `note`
/// (when given) one line for the user when a GPU was asked for and cannot be used.
const gpu::Backend* openDevice(const std::string& name, std::string* id, Text* note = nullptr);

}  // namespace deepstep::studio
