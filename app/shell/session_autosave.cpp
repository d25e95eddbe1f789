#include "session_autosave.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace deepstep::studio {

SessionAutosave::SessionAutosave(const QString& folder, QObject* parent)
    : QObject(parent),
      folder_(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : folder) {
    periodic_.setInterval(30 * 1000);
    debounce_.setInterval(1000);
    debounce_.setSingleShot(true);
    connect(&periodic_, &QTimer::timeout, this, [this] { saveNow(); });
    connect(&debounce_, &QTimer::timeout, this, [this] { saveNow(); });
}

SessionAutosave::~SessionAutosave() = default;

QString SessionAutosave::autosavePath() const { return QDir(folder_).filePath(QStringLiteral("autosave.json")); }
QString SessionAutosave::markerPath() const { return QDir(folder_).filePath(QStringLiteral("running")); }

bool SessionAutosave::previousRunCrashed() const { return QFile::exists(markerPath()); }

void SessionAutosave::setIntervals(int periodicMs, int debounceMs) {
    periodic_.setInterval(periodicMs);
    debounce_.setInterval(debounceMs);
}

void SessionAutosave::start() {
    QDir().mkpath(folder_);
    QFile marker(markerPath());
    if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        marker.write(QByteArray::number(QCoreApplication::applicationPid()));
        marker.close();
    }
    running_ = true;
    periodic_.start();
}

void SessionAutosave::finish() {
    debounce_.stop();
    periodic_.stop();
    if (running_) saveNow();
    running_ = false;
    QFile::remove(markerPath());
}

void SessionAutosave::scheduleSave() {
    if (running_) debounce_.start();
}

bool SessionAutosave::saveNow(QString* error) {
    if (!provider_) return false;
    Json doc = provider_();
    if (!doc.is_object()) doc = Json::object();
    doc["format"] = "deepstep.studio-session";
    doc["version"] = kStudioSessionVersion;
    try {
        QDir().mkpath(folder_);
        writeFileAtomically(autosavePath().toStdString(), doc.dump(2));
        return true;
    } catch (const std::exception& e) {
        if (error != nullptr) *error = QString::fromStdString(e.what());
        return false;
    }
}

std::optional<Json> SessionAutosave::load(QString* error) const {
    try {
        Json doc = readJsonFile(autosavePath().toStdString());
        const std::string where = autosavePath().toStdString();
        if (!doc.is_object() || doc.value("format", std::string()) != "deepstep.studio-session") {
            throw InputError(where + ": format", "expected \"deepstep.studio-session\"");
        }
        if (!doc.contains("version") || !doc["version"].is_number_integer() ||
            doc["version"].get<int>() > kStudioSessionVersion) {
            throw InputError(where + ": version", "expected a version up to " + std::to_string(kStudioSessionVersion));
        }
        return doc;
    } catch (const std::exception& e) {
        if (error != nullptr) *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

}  // namespace deepstep::studio
