#pragma once
// SessionAutosave: the Studio's session survives a crash.
//
// While the Studio runs, a marker file "running" sits next to autosave.json (in
// QStandardPaths::AppDataLocation unless a folder is given). A clean exit removes it;
// if it is still there at the next start, that run crashed and the session is
// restored from autosave.json. The session is written atomically every 30 s and,
// debounced, after every change:
//   {"format": "deepstep.studio-session", "version": 1, ...state from the provider...}

#include "deepstep/options.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace deepstep::studio {

inline constexpr int kStudioSessionVersion = 1;

class SessionAutosave : public QObject {
    Q_OBJECT
public:
    /// `folder` empty: QStandardPaths::writableLocation(AppDataLocation).
    explicit SessionAutosave(const QString& folder = {}, QObject* parent = nullptr);
    ~SessionAutosave() override;

    QString autosavePath() const;
    QString markerPath() const;

    /// True when the marker of an earlier run is still there (it crashed). Call before
    /// start().
    bool previousRunCrashed() const;
    /// Writes the marker and starts the periodic save. requires: a provider is set.
    void start();
    /// Saves once more and removes the marker: the next start is not a crash.
    void finish();

    /// The state to save (the "format" and "version" keys are added here).
    void setProvider(std::function<Json()> provider) { provider_ = std::move(provider); }
    /// Saves soon (changes in quick succession are saved once).
    void scheduleSave();
    /// Saves now; false and `error` when the file cannot be written.
    bool saveNow(QString* error = nullptr);
    /// The last saved session, or nothing (and `error`) when it is missing or unusable.
    std::optional<Json> load(QString* error = nullptr) const;

    void setIntervals(int periodicMs, int debounceMs);

private:
    QString folder_;
    std::function<Json()> provider_;
    QTimer periodic_;
    QTimer debounce_;
    bool running_ = false;
};

}  // namespace deepstep::studio
