# The RNN lecture plugin: its layers against PyTorch's numbers, an independent
# step-by-step loop and finite differences.
deepstep_add_test(tst_rnn_layers
  SOURCES tst_rnn_layers.cpp
  LIBRARIES deepstep_rnn_components deepstep_backprop_components deepstep_sequence_datasets_components
  LABELS rnn)
target_compile_definitions(tst_rnn_layers PRIVATE DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments"
  $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>)

# `deepstep generate` run as a separate process, on hand-made character models and on
# the fable lab's LSTM (trained in the test; the optimised build only).
deepstep_add_test(tst_generate
  SOURCES tst_generate.cpp
  LIBRARIES deepstep_rnn_components deepstep_backprop_components deepstep_sequence_datasets_components
  LABELS rnn cli)
target_compile_definitions(tst_generate PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments" $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>)
add_dependencies(tst_generate deepstep deepstep_backprop deepstep_rnn deepstep_sequence_datasets)

# `deepstep forecast` run as a separate process: a linear recurrent model with explicit
# weights, its forecasts and errors against the formula, and bad input.
deepstep_add_test(tst_forecast
  SOURCES tst_forecast.cpp
  LIBRARIES deepstep_rnn_components deepstep_backprop_components deepstep_sequence_datasets_components
  LABELS rnn cli)
target_compile_definitions(tst_forecast PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>")
add_dependencies(tst_forecast deepstep deepstep_backprop deepstep_rnn deepstep_sequence_datasets)
