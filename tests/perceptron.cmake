# Perceptron lecture and toy datasets: component tests (linked directly) and the
# ready-made experiments (through the plugin host, as the CLI and Studio load them).
deepstep_add_test(tst_toy_datasets
  SOURCES tst_toy_datasets.cpp
  LIBRARIES deepstep_toy_datasets_components
  LABELS perceptron datasets)

deepstep_add_test(tst_perceptron
  SOURCES tst_perceptron.cpp
  LIBRARIES deepstep_perceptron_components deepstep_toy_datasets_components deepstep_backprop_components
  LABELS perceptron)

deepstep_add_test(tst_perceptron_experiments
  SOURCES tst_perceptron_experiments.cpp
  LIBRARIES deepstep::pluginhost
  LABELS perceptron experiments)
target_compile_definitions(tst_perceptron_experiments PRIVATE
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments"
  DEEPSTEP_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}")
add_dependencies(tst_perceptron_experiments deepstep_perceptron deepstep_toy_datasets deepstep_backprop)
