#include "lab_session.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

#include <filesystem>

namespace deepstep::studio {

LabSession::LabSession(const QString& labFile, const QString& student, const Registry& registry)
    : labFile_(labFile), bundle_(readLabBundle(labFile.toStdString())) {
    const std::string id = student.toStdString();
    if (!isValidStudentId(id))
        throw InputError("student", "expected 1 to 64 letters, digits and \".-_@\", got \"" + id + "\"");
    const LessonPack pack =
        unpackLab(bundle_, (std::filesystem::path(labWorkFolder(bundle_)) / "pack").string(), registry);
    variant_ = std::make_shared<const LessonPack>(labPackFor(pack, bundle_.manifest, labVariantSeed(bundle_.manifest.id, id)));
    result_ = loadLabProgress(bundle_, id, DEEPSTEP_VERSION);
}

int LabSession::attemptsLeft(const std::string& lesson, const std::string& checkpoint) const {
    if (submitted()) return 0;
    if (answeredRight(lesson, checkpoint)) return 0;
    if (bundle_.manifest.attempts == 0) return -1;
    int used = 0;
    for (const LabCheckpointResult& c : result_.checkpoints)
        if (c.lesson == lesson && c.checkpoint == checkpoint) used = static_cast<int>(c.answers.size());
    return std::max(0, bundle_.manifest.attempts - used);
}

bool LabSession::answeredRight(const std::string& lesson, const std::string& checkpoint) const {
    for (const LabCheckpointResult& c : result_.checkpoints) {
        if (c.lesson != lesson || c.checkpoint != checkpoint) continue;
        for (const LabAnswer& a : c.answers)
            if (a.correct) return true;
    }
    return false;
}

void LabSession::record(const std::string& lesson, const std::string& checkpoint, const Json& answer, bool correct) {
    if (submitted()) return;
    result_.checkpoint(lesson, checkpoint).answers.push_back({answer, utcNow(), correct});
    saveLabProgress(bundle_, result_);
}

int LabSession::checkpointCount() const {
    int n = 0;
    for (const Lesson& l : variant_->lessons)
        n += static_cast<int>(l.checkpointCount());
    return n;
}

int LabSession::rightCount() const {
    int n = 0;
    for (const Lesson& l : variant_->lessons)
        for (const LessonStep& s : l.steps)
            for (const Checkpoint& cp : s.checkpoints)
                n += answeredRight(l.id, cp.id) ? 1 : 0;
    return n;
}

bool LabSession::pastDeadline() const { return bundle_.manifest.deadline && utcNow() > *bundle_.manifest.deadline; }

void LabSession::submit(const QString& path) {
    LabResult copy = result_;
    writeFileAtomically(path.toStdString(), submitLabResult(bundle_, copy));
    saveLabProgress(bundle_, copy);
    result_ = copy;
}

}  // namespace deepstep::studio
