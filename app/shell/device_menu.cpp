#include "device_menu.hpp"

#include <QActionGroup>
#include <QEvent>
#include <QMessageBox>
#include <QSettings>

namespace deepstep::studio {

namespace {
const QString kSetting = QStringLiteral("compute/device");
}

DeviceMenu::DeviceMenu(QWidget* parent) : QMenu(parent) {
    group_ = new QActionGroup(this);
    const QString saved = QSettings().value(kSetting, QStringLiteral("cpu")).toString();
    connect(this, &QMenu::aboutToShow, this, &DeviceMenu::look);
    if (saved != QLatin1String("cpu")) {
        look();  // the user asked for a GPU before: find out now whether it is there
        if (!choose(saved)) chosen_ = QStringLiteral("cpu");
    }
    retranslateUi();
}

void DeviceMenu::look() {
    if (looked_) return;
    looked_ = true;
    devices_ = listDevices();
    fill();
}

void DeviceMenu::fill() {
    clear();
    entries_.clear();
    for (const DeviceInfo& d : devices_) {
        QAction* a = addAction(QString());
        a->setCheckable(true);
        a->setEnabled(d.usable());
        a->setChecked(QString::fromStdString(d.id) == chosen_);
        group_->addAction(a);
        const QString id = QString::fromStdString(d.id);
        connect(a, &QAction::triggered, this, [this, id] {
            if (choose(id)) QSettings().setValue(kSetting, id);
        });
        entries_.push_back(a);
    }
    addSeparator();
    aboutAction_ = addAction(QString(), this, &DeviceMenu::showAbout);
    retranslateUi();
}

bool DeviceMenu::choose(const QString& id) {
    look();
    for (std::size_t i = 0; i < devices_.size(); ++i) {
        if (QString::fromStdString(devices_[i].id) != id || !devices_[i].usable()) continue;
        if (i < entries_.size()) entries_[i]->setChecked(true);
        if (chosen_ != id) {
            chosen_ = id;
            emit chosenChanged(id);
        }
        return true;
    }
    return false;
}

QString DeviceMenu::problemText(DeviceProblem problem, const std::string& detail) {
    QString text;
    switch (problem) {
        case DeviceProblem::None:
            break;
        case DeviceProblem::NotBuilt:
            text = tr("this DeepStep was built without the CUDA backend");
            break;
        case DeviceProblem::NotLoaded:
            text = tr("the CUDA backend could not be loaded");
            break;
        case DeviceProblem::NoDriver:
            text = tr("no NVIDIA driver on this machine");
            break;
        case DeviceProblem::DriverTooOld:
            text = tr("the NVIDIA driver is older than the CUDA runtime DeepStep was built with");
            break;
        case DeviceProblem::NoDevice:
            text = tr("no GPU that the NVIDIA driver can use");
            break;
        case DeviceProblem::Failed:
            text = tr("the NVIDIA driver reported an error");
            break;
    }
    if (!detail.empty()) text += QStringLiteral(" (%1)").arg(QString::fromStdString(detail));
    return text;
}

QString DeviceMenu::entryText(const DeviceInfo& d) const {
    const QString name = QString::fromStdString(d.name);
    if (d.id == "cpu") {
        const QString threads = d.threads == 1 ? tr("1 thread") : tr("%1 threads").arg(d.threads);
        return name.isEmpty() ? tr("CPU, %1").arg(threads) : tr("CPU: %1, %2").arg(name, threads);
    }
    if (!d.usable()) return tr("GPU — not usable: %1").arg(problemText(d.problem, d.detail));
    return tr("GPU %1: %2, %3 GiB")
        .arg(QString::fromStdString(d.id), name)
        .arg(static_cast<double>(d.memoryBytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

QString DeviceMenu::statusText() const {
    if (chosen_ == QLatin1String("cpu")) return tr("Device: CPU");
    return tr("Device: %1 (layers with a GPU form train there, the others on the CPU)").arg(chosen_);
}

QString DeviceMenu::aboutText() const {
    QString text;
    for (const DeviceInfo& d : devices_) {
        text += entryText(d);
        if (!d.driverVersion.empty()) text += QLatin1String("; ") + tr("driver %1").arg(QString::fromStdString(d.driverVersion));
        if (!d.runtimeVersion.empty())
            text += QLatin1String("; ") + tr("CUDA runtime %1").arg(QString::fromStdString(d.runtimeVersion));
        text += QLatin1Char('\n');
    }
    text += QLatin1Char('\n') + statusText();
    return text;
}

void DeviceMenu::showAbout() {
    QMessageBox box(QMessageBox::Information, tr("Devices"), aboutText(), QMessageBox::Ok, parentWidget());
    box.exec();
}

void DeviceMenu::retranslateUi() {
    setTitle(tr("&Device"));
    for (std::size_t i = 0; i < entries_.size() && i < devices_.size(); ++i)
        entries_[i]->setText(entryText(devices_[i]));
    if (aboutAction_ != nullptr) aboutAction_->setText(tr("About the devices…"));
}

void DeviceMenu::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMenu::changeEvent(event);
}

}  // namespace deepstep::studio
