#pragma once
// LabSession: a student's lab in the Studio. It reads the lab file, unpacks its pack into
// the student's lab folder (deepstep/lessons/lab.hpp: labWorkFolder), keeps the result in
// progress (saved atomically after every answer, the same file `deepstep lab start` uses,
// so the student can switch between the two), counts the attempts, and submits.
// QtCore only.

#include "deepstep/lessons/lab.hpp"

#include <QString>

#include <memory>
#include <optional>

namespace deepstep::studio {

class LabSession {
public:
    /// throws InputError for a bad lab file or student id, and when the student has
    /// already submitted this lab.
    LabSession(const QString& labFile, const QString& student, const Registry& registry);

    const LabBundle& bundle() const { return bundle_; }
    const LabManifest& manifest() const { return bundle_.manifest; }
    const QString& labFile() const { return labFile_; }
    QString student() const { return QString::fromStdString(result_.student); }
    /// The lab's lessons as this student plays them (their variant, settings locked).
    std::shared_ptr<const LessonPack> pack() const { return variant_; }
    const LabResult& result() const { return result_; }

    /// Answers still allowed to a checkpoint; negative: no limit.
    int attemptsLeft(const std::string& lesson, const std::string& checkpoint) const;
    bool answeredRight(const std::string& lesson, const std::string& checkpoint) const;
    /// Keeps an answer and saves the result in progress. throws RuntimeFailure on I/O errors.
    void record(const std::string& lesson, const std::string& checkpoint, const Json& answer, bool correct);
    /// Checkpoints of the lab, and those answered right.
    int checkpointCount() const;
    int rightCount() const;

    bool submitted() const { return result_.submitted != 0; }
    bool pastDeadline() const;
    /// Writes the result file to `path`; afterwards the lab takes no more answers.
    /// throws RuntimeFailure / InputError when it cannot be written.
    void submit(const QString& path);

private:
    QString labFile_;
    LabBundle bundle_;
    std::shared_ptr<const LessonPack> variant_;
    LabResult result_;
};

}  // namespace deepstep::studio
