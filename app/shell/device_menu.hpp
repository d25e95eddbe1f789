#pragma once
// DeviceMenu: View ▸ Device, where the Studio's training runs. One entry per device of
// deepstep::listDevices(): the CPU, each usable GPU, and a GPU that cannot be used shown
// disabled with the reason ("GPU — not usable: no NVIDIA driver on this machine"), plus
// "About the devices…" with everything `deepstep devices` prints. The choice is kept
// in QSettings ("compute/device"). GPUs are looked for the first time the menu opens
// (loading the CUDA backend takes a moment), or at once when the saved choice is one.
//
// With a GPU chosen, the playground, the step view and the CNN lab compute there every
// layer that has a GPU form (Layer::gpuForm) and the others on the CPU; the playground
// says what runs where when a run starts, statusText() says it too. Nothing switches
// silently.

#include "deepstep/device.hpp"

#include <QMenu>
#include <QString>

#include <vector>

class QAction;
class QActionGroup;

namespace deepstep::studio {

class DeviceMenu : public QMenu {
    Q_OBJECT
public:
    explicit DeviceMenu(QWidget* parent = nullptr);

    /// "cpu" or "cuda:N": the device chosen (the CPU when the saved GPU is not usable).
    QString chosen() const { return chosen_; }
    /// Chooses a device by id. requires: the id is listed and usable; returns false otherwise.
    bool choose(const QString& id);
    /// One line for the status bar: where training runs, and why not on the GPU chosen.
    QString statusText() const;
    /// The devices as listed (empty until the menu has looked: see look()).
    const std::vector<DeviceInfo>& devices() const { return devices_; }
    /// Looks for the devices now (once), filling the menu.
    void look();
    /// Every device line as the "About the devices…" box shows it, plain text.
    QString aboutText() const;

signals:
    void chosenChanged(const QString& id);

public:
    /// Why a GPU cannot be used, in the UI's language, with the driver's own words after it.
    static QString problemText(DeviceProblem problem, const std::string& detail);

protected:
    void changeEvent(QEvent* event) override;

private:
    void fill();
    void retranslateUi();
    QString entryText(const DeviceInfo& d) const;
    void showAbout();

    std::vector<DeviceInfo> devices_;
    bool looked_ = false;
    QString chosen_ = QStringLiteral("cpu");
    QActionGroup* group_ = nullptr;
    std::vector<QAction*> entries_;  // one per device, in devices_ order
    QAction* aboutAction_ = nullptr;
};

}  // namespace deepstep::studio
