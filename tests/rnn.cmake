# The RNN lecture plugin: its layers against PyTorch's numbers, an independent
# step-by-step loop and finite differences.
deepstep_add_test(tst_rnn_layers
  SOURCES tst_rnn_layers.cpp
  LIBRARIES deepstep_rnn_components deepstep_backprop_components
  LABELS rnn)
