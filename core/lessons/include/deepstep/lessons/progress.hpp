#pragma once
// A student's progress through lessons, kept in the user's data folder.

#include "deepstep/options.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace deepstep {

struct Lesson;

inline constexpr int kLessonProgressVersion = 1;

/// Where per-user files live: $DEEPSTEP_DATA_HOME, else $XDG_DATA_HOME/deepstep, else
/// ~/.local/share/deepstep. throws RuntimeFailure when none can be determined.
std::string userDataFolder();

/// A student's progress through lessons (format "deepstep.lesson-progress", version 1),
/// saved after every step so that a student resumes where they stopped.
class LessonProgress {
public:
    struct Answer {
        Json answer;
        bool correct = false;
        int attempts = 0;
    };
    struct LessonState {
        std::size_t step = 0;  ///< the step to resume at
        std::set<std::size_t> completedSteps;
        bool completed = false;
        std::map<std::string, Answer> answers;  ///< by checkpoint id
    };

    /// userDataFolder()/progress.json
    static std::string defaultFile();
    /// An empty progress when `file` does not exist.
    /// throws InputError "FILE: PATH: expected …" when it is malformed or newer, and
    /// InputError "FILE: …" when it cannot be read as a JSON file (a FIFO, a folder, a
    /// symlink loop, nesting or size beyond the limits of deepstep/limits.hpp).
    static LessonProgress load(const std::string& file);
    /// Creates the folder if needed and writes atomically (writeFileAtomically).
    /// throws RuntimeFailure on I/O errors; the old file is then left intact.
    void save(const std::string& file) const;

    Json toJson() const;
    /// throws InputError prefixed with `where`.
    static LessonProgress fromJson(const Json& doc, const std::string& where = {});

    /// The state of a lesson, created empty on first use.
    LessonState& lesson(const std::string& packId, const std::string& lessonId);
    /// nullptr when nothing is recorded for that lesson.
    const LessonState* find(const std::string& packId, const std::string& lessonId) const;
    /// Marks `step` completed and `next` as the step to resume at.
    void completeStep(const std::string& packId, const std::string& lessonId, std::size_t step, std::size_t next);
    /// Records an answer; attempts grow by one each time.
    void recordAnswer(const std::string& packId, const std::string& lessonId, const std::string& checkpointId,
                      const Json& answer, bool correct);

private:
    std::map<std::string, LessonState> lessons_;  ///< by "PACK/LESSON"
};

/// A lesson's score from the answers recorded for it: of its `total` checkpoints, how
/// many were answered right in the end (`right`) and right on the first try
/// (`firstTry`: one answer, the right one), and how many answers it took (`attempts`).
struct LessonScore {
    std::size_t right = 0;
    std::size_t firstTry = 0;
    std::size_t attempts = 0;
    std::size_t total = 0;
};
/// `state` may be nullptr (nothing answered yet).
LessonScore lessonScore(const Lesson& lesson, const LessonProgress::LessonState* state);

}  // namespace deepstep
