# The backprop lecture plugin: layers, activations, losses, optimizers, a whole
# network learning XOR, and the loadable plugin itself.
foreach(subject layers losses optimizers xor)
  deepstep_add_test(tst_backprop_${subject}
    SOURCES tst_backprop_${subject}.cpp
    LIBRARIES deepstep_backprop_components
    LABELS backprop)
endforeach()

deepstep_add_test(tst_backprop_plugin
  SOURCES tst_backprop_plugin.cpp
  LIBRARIES deepstep_backprop_components deepstep::pluginhost
  LABELS backprop)
add_dependencies(tst_backprop_plugin deepstep_backprop)
# The metadata the build wrote (backprop.json plus the SDK's "abi"), as compiled into
# the plugin.
target_compile_definitions(tst_backprop_plugin PRIVATE
  DEEPSTEP_BACKPROP_PLUGIN_FILE="$<TARGET_FILE:deepstep_backprop>"
  DEEPSTEP_BACKPROP_METADATA_FILE="$<TARGET_PROPERTY:deepstep_backprop,DEEPSTEP_METADATA_FILE>")
