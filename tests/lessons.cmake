# Lesson packs: the engine (references resolved against the Stepper, answers checked,
# progress saved), the checker on the broken packs of data/lessons_broken/, and every
# pack of lessons/ (plus data/lessons_sample/) played through the `deepstep` command line.
# The plugins come through the plugin host, as a student's DeepStep loads them.
set(lesson_plugins deepstep_backprop deepstep_perceptron deepstep_toy_datasets)

deepstep_add_test(tst_lesson_engine SOURCES tst_lesson_engine.cpp LIBRARIES deepstep::lessons deepstep::pluginhost
  LABELS lessons)
target_compile_definitions(tst_lesson_engine PRIVATE DEEPSTEP_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}")

deepstep_add_test(tst_lesson_check SOURCES tst_lesson_check.cpp LIBRARIES deepstep::lessons deepstep::pluginhost
  LABELS lessons cli)
target_compile_definitions(tst_lesson_check PRIVATE DEEPSTEP_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}"
  DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>")
add_dependencies(tst_lesson_check deepstep)

deepstep_add_test(tst_lesson_play SOURCES tst_lesson_play.cpp LABELS lessons cli)
target_compile_definitions(tst_lesson_play PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_LESSONS_DIR="${PROJECT_SOURCE_DIR}/lessons" $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>)
add_dependencies(tst_lesson_play deepstep)

# The optimizer race on the loss surfaces of the optimisation lecture.
deepstep_add_test(tst_loss_surface SOURCES tst_loss_surface.cpp
  LIBRARIES deepstep::lessons deepstep_backprop_components LABELS lessons)

foreach(test tst_lesson_engine tst_lesson_check tst_lesson_play)
  add_dependencies(${test} ${lesson_plugins})
endforeach()

# Labs: SHA-256 and HMAC against the standards' vectors, the manifest, variants per
# student, and a whole round of 40 simulated students (built, played, submitted with
# right, wrong, late, tampered, duplicated and copied answers, graded), by the library
# and through the command line.
deepstep_add_test(tst_lab SOURCES tst_lab.cpp LIBRARIES deepstep::lessons deepstep::pluginhost LABELS lessons cli)
target_compile_definitions(tst_lab PRIVATE DEEPSTEP_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}"
  DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>" DEEPSTEP_LABS_DIR="${PROJECT_SOURCE_DIR}/labs")
add_dependencies(tst_lab deepstep ${lesson_plugins})
