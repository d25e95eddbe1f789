# The `deepstep` command line, run as a separate process. The test also compiles the
# CLI's string table to check that every message exists in English and Korean, and its
# text helpers (wrapping, Markdown for the terminal).
deepstep_add_test(tst_cli
  SOURCES tst_cli.cpp ${PROJECT_SOURCE_DIR}/tools/deepstep/text.cpp ${PROJECT_SOURCE_DIR}/tools/deepstep/markdown.cpp
  LABELS cli)
target_include_directories(tst_cli PRIVATE ${PROJECT_SOURCE_DIR}/tools/deepstep)
target_compile_definitions(tst_cli PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_REFERENCE_BACKEND="$<TARGET_FILE:deepstep_reference_backend>")
# The test runs the executable and the plugins it loads: build them first.
add_dependencies(tst_cli deepstep deepstep_backprop deepstep_perceptron deepstep_toy_datasets
  deepstep_reference_backend)
