# The CNN lecture plugin: its layers (with core's convolution arithmetic) and the
# loadable plugin itself.
deepstep_add_test(tst_cnn_layers
  SOURCES tst_cnn_layers.cpp
  LIBRARIES deepstep_cnn_components deepstep_backprop_components
  LABELS cnn)

deepstep_add_test(tst_cnn_plugin
  SOURCES tst_cnn_plugin.cpp
  LIBRARIES deepstep_cnn_components deepstep_backprop_components deepstep::pluginhost
  LABELS cnn)
add_dependencies(tst_cnn_plugin deepstep_cnn deepstep_backprop)
target_compile_definitions(tst_cnn_plugin PRIVATE
  DEEPSTEP_CNN_PLUGIN_FILE="$<TARGET_FILE:deepstep_cnn>"
  DEEPSTEP_BACKPROP_PLUGIN_FILE="$<TARGET_FILE:deepstep_backprop>"
  DEEPSTEP_CNN_METADATA_FILE="$<TARGET_PROPERTY:deepstep_cnn,DEEPSTEP_METADATA_FILE>")

# The lab end to end through the CLI, on real data (skipped where it is not fetched).
deepstep_add_test(tst_cnn_labs
  SOURCES tst_cnn_labs.cpp
  LABELS "cnn;real-data")
target_compile_definitions(tst_cnn_labs PRIVATE
  DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments")
add_dependencies(tst_cnn_labs deepstep deepstep_backprop deepstep_cnn deepstep_real_datasets)
# Ten epochs take seven minutes under the sanitizers, more than CI's budget allows one
# test: there the test trains two epochs (the same code on the same data, checked for
# memory errors and undefined behaviour) and asks for what two epochs reach; the
# optimised build checks the lab's promise of ten.
if(DEEPSTEP_SANITIZE)
  target_compile_definitions(tst_cnn_labs PRIVATE DEEPSTEP_CNN_LAB_SHORT=1)
endif()

# The further layers: batch_norm2d, conv_transpose2d, upsample, depthwise_separable.
deepstep_add_test(tst_cnn_layers_more
  SOURCES tst_cnn_layers_more.cpp
  LIBRARIES deepstep_cnn_components deepstep_backprop_components
  LABELS cnn)

# The small-data labs' machinery: frozen layers, initialize from a saved model,
# augmentation of the batches, and the GAP labs' parameter counts.
deepstep_add_test(tst_cnn_transfer
  SOURCES tst_cnn_transfer.cpp
  LIBRARIES deepstep_cnn_components deepstep_backprop_components
  LABELS cnn)
target_compile_definitions(tst_cnn_transfer PRIVATE
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments")

# `deepstep describe EXP.json` on the CNN labs (Fashion-MNIST; skipped where it is missing).
deepstep_add_test(tst_cli_describe_model
  SOURCES tst_cli_describe_model.cpp
  LABELS "cli;cnn")
target_compile_definitions(tst_cli_describe_model PRIVATE
  DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments")
add_dependencies(tst_cli_describe_model deepstep deepstep_backprop deepstep_cnn deepstep_real_datasets)
