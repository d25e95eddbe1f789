# `deepstep dataset list|inspect` and `deepstep predict`, run as separate processes
# with the plugins of the build tree.
deepstep_add_test(tst_cli_dataset
  SOURCES tst_cli_dataset.cpp
  LIBRARIES deepstep::data_io
  LABELS cli)
deepstep_add_test(tst_cli_predict
  SOURCES tst_cli_predict.cpp
  LIBRARIES deepstep_backprop_components Qt6::Gui
  LABELS cli)
foreach(test tst_cli_dataset tst_cli_predict)
  target_compile_definitions(${test} PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>")
  # The tests run the executable and the plugins it loads: build them first.
  add_dependencies(${test} deepstep)
  add_dependencies(${test} deepstep_backprop deepstep_toy_datasets deepstep_real_datasets)
endforeach()
