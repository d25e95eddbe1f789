#pragma once
// Instructor-led labs (docs/labs.md). A lab is a lesson pack plus a manifest (lab.json):
// which lessons, settings locked to given values, numbers that vary per student, points
// per checkpoint, attempts, a deadline. `deepstep lab build` checks it and writes one
// file (a LabBundle) that is handed out; each student plays it under their student id,
// which fixes their variant; `lab submit` writes a result file with a MAC; `lab grade`
// verifies every result and recomputes every answer from the student's variant.
//
// What grades is numbers the engine computes for the student's own variant, never
// student code and never the result file's own "correct" flags.

#include "deepstep/lessons/lesson.hpp"
#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace deepstep {

inline constexpr int kLabManifestVersion = 1;
inline constexpr int kLabBundleVersion = 1;
inline constexpr int kLabResultVersion = 1;
/// Largest lab bundle read, in bytes: a pack is text, a few hundred KiB.
inline constexpr std::uint64_t kMaxLabBundleBytes = 32u << 20;
/// Most files in a bundle, and most answers one checkpoint of a result may hold.
inline constexpr std::size_t kMaxLabFiles = 4096;
inline constexpr std::size_t kMaxLabAnswers = 1000;

/// A number of a lesson's experiment that differs between students: the value at `path`
/// (a JSON path into the lesson's experiment, "model.layers[0].parameters.weight[0][1]",
/// "dataset.inputs[2][0]") is min + k·step for a k drawn from the student's seed.
struct LabVariable {
    std::string lesson;
    std::string path;
    double min = 0.0;
    double max = 0.0;
    double step = 1.0;
};

struct LabManifest {
    std::string id;  ///< letters, digits, '-', '_', '.'
    int version = 1;  ///< the lab's own version (a new one for changed content)
    Text title;
    std::vector<std::string> lessons;  ///< lesson ids of the pack, in order
    /// Setting path (as a lesson's `set`: "optimizer.learning_rate") → value, applied to
    /// every experiment of the lab's lessons; no lesson may `set` them.
    std::vector<std::pair<std::string, Json>> locked;
    /// The experiment's "seed" (initial weights, data order and split) follows the student.
    bool variantSeed = false;
    std::vector<LabVariable> variables;
    double defaultPoints = 1.0;
    std::map<std::string, double> points;  ///< "LESSON/CHECKPOINT" → points
    int attempts = 0;                      ///< answers counted per checkpoint; 0: unlimited
    std::optional<std::int64_t> deadline;  ///< seconds since 1970-01-01 UTC
    double lateCredit = 0.5;               ///< the share of its points a late result keeps
    std::string keyId;                     ///< names the key; results carry it

    double pointsOf(const std::string& lesson, const std::string& checkpoint) const;
};

/// Reads lab.json. throws InputError "WHERE: PATH: expected …" (InputProblems for many).
LabManifest readLabManifest(const Json& doc, const std::string& where);
Json labManifestToJson(const LabManifest& manifest);

/// "2026-12-20T23:59:00Z" ↔ seconds since 1970 (UTC only: a trailing Z is required).
std::optional<std::int64_t> parseUtcTime(const std::string& text);
std::string formatUtcTime(std::int64_t seconds);

/// Letters, digits and ".-_@", 1 to 64 characters with at least one letter or digit: safe
/// as a file or folder name and in a CSV cell.
bool isValidStudentId(const std::string& id);

/// The distributable lab: the manifest, every file of the pack, and the MAC key.
struct LabBundle {
    LabManifest manifest;
    std::map<std::string, std::string> files;  ///< path inside the pack → content
    std::string key;                           ///< the MAC key (raw bytes)
    /// sha256 (hex) of the manifest and the files; results name it, the grader compares.
    std::string hash;
};

/// The content hash of a bundle's manifest and files (the key left out).
std::string labContentHash(const LabManifest& manifest, const std::map<std::string, std::string>& files);

/// What `lab build` found wrong: the file, the JSON path, the expectation.
using LabProblem = LessonProblem;

/// Builds the bundle of the lab in `folder` (lab.json beside pack.json): the manifest
/// read and checked against the pack (lessons exist, points name checkpoints, locked
/// settings apply and no lesson sets them, variables name numbers of an experiment),
/// the whole pack checked as `lesson check` does, and then every lesson played for
/// `sampleSeeds` student seeds with the engine's own answers, so that every variant
/// is known to be passable. Experiments the pack names in the shared experiments
/// folder are copied in (under shared/). Problems go to `problems` (the bundle is
/// then not usable); never throws for bad input.
LabBundle buildLabBundle(const std::string& folder, const Registry& registry, const std::string& key,
                         int sampleSeeds, std::vector<LabProblem>& problems);

Json labBundleToJson(const LabBundle& bundle);
/// throws InputError "WHERE: PATH: expected …"; a hash that does not match the content
/// is refused (an edited lab).
LabBundle labBundleFromJson(const Json& doc, const std::string& where);
void writeLabBundle(const std::string& path, const LabBundle& bundle);
LabBundle readLabBundle(const std::string& path);

/// Writes the bundle's pack into `folder` (created; files only inside it) and reads it.
LessonPack unpackLab(const LabBundle& bundle, const std::string& folder, const Registry& registry);

/// The student's variant seed: the first 8 bytes of sha256(lab id, student id).
std::uint64_t labVariantSeed(const std::string& labId, const std::string& studentId);
/// The values of the manifest's variables for `seed`, in manifest order.
std::vector<double> labVariableValues(const LabManifest& manifest, std::uint64_t seed);
/// `pack` as the student with `seed` plays it: only the lab's lessons, in its order,
/// locked settings and variables applied, and the seed when it varies.
/// throws InputError when a path does not fit the experiment.
LessonPack labPackFor(const LessonPack& pack, const LabManifest& manifest, std::uint64_t seed);

/// The right answer of every checkpoint of `variant` (a labPackFor pack), lesson by
/// lesson, as the engine computes it: an answer key for one student (outcome
/// checkpoints give their example answer). throws InputError when a lesson fails to play.
struct LabKeyEntry {
    std::string lesson;
    std::string checkpoint;
    Json answer;
};
std::vector<LabKeyEntry> labAnswerKey(const LessonPack& variant, const Registry& registry);

/// One answer given to a checkpoint, when (UTC seconds), and whether the player found it
/// right at the time.
struct LabAnswer {
    Json value;
    std::int64_t at = 0;
    bool correct = false;
};

struct LabCheckpointResult {
    std::string lesson;
    std::string checkpoint;
    std::vector<LabAnswer> answers;
};

/// A student's result file (format "deepstep.lab-result").
struct LabResult {
    std::string labId;
    int labVersion = 0;
    std::string labHash;
    std::string keyId;  ///< labKeyFingerprint of the key that signs it
    std::string student;
    std::uint64_t seed = 0;
    std::string app;  ///< DeepStep's version
    std::int64_t started = 0;
    std::int64_t submitted = 0;  ///< 0 until submitted
    std::vector<LabCheckpointResult> checkpoints;
    std::string mac;  ///< hex HMAC-SHA-256 of the rest with the lab's key

    LabCheckpointResult& checkpoint(const std::string& lesson, const std::string& id);
};

/// Where a student's work on a lab is kept: userDataFolder()/labs/ID-HASH12, with the
/// unpacked pack under pack/ and each student's result in progress as STUDENT.json.
std::string labWorkFolder(const LabBundle& bundle);
/// The student's result in progress (a new one, started now, when there is none).
/// throws InputError when the saved file is malformed.
LabResult loadLabProgress(const LabBundle& bundle, const std::string& student, const std::string& app);
/// Saves it atomically (without a MAC: that is written by submitting).
void saveLabProgress(const LabBundle& bundle, const LabResult& result);
/// Submits: the time (now, unless already submitted) and the MAC; returns the result file's
/// content. The caller writes it, then saves the progress (saveLabProgress), so that the
/// lab is not played again once the file is written.
std::string submitLabResult(const LabBundle& bundle, LabResult& result);
/// The first 16 hex digits of sha256(key): a result names the key that signed it.
std::string labKeyFingerprint(const std::string& key);
/// Seconds since 1970 (UTC), now.
std::int64_t utcNow();

Json labResultToJson(const LabResult& result, bool withMac = true);
/// throws InputError "WHERE: PATH: expected …".
LabResult labResultFromJson(const Json& doc, const std::string& where);
/// The MAC of everything but the MAC, with `key`.
std::string labResultMac(const LabResult& result, const std::string& key);

// ---- grading ----

struct GradedCheckpoint {
    std::string lesson;
    std::string checkpoint;
    double maxPoints = 0.0;
    double points = 0.0;
    int attempts = 0;  ///< answers given (all of them, counted or not)
    bool correct = false;   ///< right within the attempts allowed
    bool firstTry = false;  ///< the first answer right
    bool claimsDiffer = false;  ///< the file's own "correct" flags disagree with the grader
};

struct GradedResult {
    enum class Status { Valid, Tampered, OtherLab, Unreadable, Superseded };
    std::string file;
    Status status = Status::Unreadable;
    std::string problem;  ///< why it is not Valid (English)
    std::string student;
    std::uint64_t seed = 0;
    std::int64_t submitted = 0;
    bool late = false;
    double score = 0.0;
    double maxScore = 0.0;
    std::vector<GradedCheckpoint> checkpoints;
};

struct LabGrades {
    std::vector<GradedResult> results;  ///< one per file, in the order given
    double maxScore = 0.0;
    /// The valid results, one per student (the latest submitted wins), sorted by id.
    std::vector<const GradedResult*> students() const;
    bool allValid() const;
};

/// Grades result files against the lab: each is read, its lab and hash compared, its
/// MAC verified, its seed recomputed from the student id, and every answer checked
/// anew on the student's variant (outcome checkpoints train). Points: a checkpoint's
/// points when one of its first `attempts` answers is right, times lateCredit after
/// the deadline. A student's earlier files are Superseded by the latest submitted.
LabGrades gradeLab(const LabBundle& bundle, const LessonPack& pack, const std::vector<std::string>& resultFiles,
                   const Registry& registry);

/// What the class report says, computed once for the HTML report and the Studio's view.
struct LabClassSummary {
    std::vector<double> percents;  ///< each graded student's score in %, by student id
    double mean = 0.0;
    double median = 0.0;
    std::size_t late = 0;
    std::size_t invalid = 0;  ///< files neither valid nor superseded
    struct Question {
        std::string lesson;
        std::string checkpoint;
        double points = 0.0;
        double right = 0.0;     ///< share of the students
        double firstTry = 0.0;  ///< share of the students
        double answers = 0.0;   ///< answers per student
    };
    std::vector<Question> questions;
};
LabClassSummary labClassSummary(const LabGrades& grades);

/// The class's grades as CSV: a row per student (id, score, max, percent, late,
/// each checkpoint's points), then a row per invalid file.
std::string labGradesCsv(const LabGrades& grades);
/// One student's Gradescope results.json: {"score", "max_score", "tests": [...]}.
Json labGradescopeResult(const GradedResult& result);
/// The class report, one HTML page: scores, histogram, per-checkpoint right and
/// first-try rates, late and invalid files. `language`: "en" or "ko".
std::string labReportHtml(const LabBundle& bundle, const LabGrades& grades, const std::string& language);

}  // namespace deepstep
