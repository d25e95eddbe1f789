# The hostile-input regression corpus (tests/hostile/cases/*.json, described in
# tests/hostile/README.md): each case runs the built `deepstep` on a hostile input in a
# fresh folder and checks its exit code, its message and what became of the files.
deepstep_add_test(tst_hostile SOURCES tst_hostile.cpp LABELS cli hostile)
target_compile_definitions(tst_hostile PRIVATE
  DEEPSTEP_HOSTILE_CASES="${CMAKE_CURRENT_SOURCE_DIR}/hostile/cases"
  DEEPSTEP_SOURCE_ROOT="${PROJECT_SOURCE_DIR}"
  DEEPSTEP_BIN_DIR="$<TARGET_FILE_DIR:deepstep>"
  $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>)
add_dependencies(tst_hostile deepstep deepstep_backprop deepstep_perceptron deepstep_toy_datasets
  deepstep_tabular_datasets deepstep_real_datasets deepstep_sequence_datasets)
set_tests_properties(tst_hostile PROPERTIES TIMEOUT 900)
