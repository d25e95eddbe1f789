# The RNN lecture plugin: its layers against PyTorch's numbers, an independent
# step-by-step loop and finite differences.
deepstep_add_test(tst_rnn_layers
  SOURCES tst_rnn_layers.cpp
  LIBRARIES deepstep_rnn_components deepstep_backprop_components deepstep_sequence_datasets_components
  LABELS rnn)
target_compile_definitions(tst_rnn_layers PRIVATE DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments"
  $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>)
