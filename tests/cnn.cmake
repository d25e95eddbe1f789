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
