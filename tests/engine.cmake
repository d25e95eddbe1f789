# Engine tests that exercise the core through the lecture components.
deepstep_add_test(tst_worked_example SOURCES tst_worked_example.cpp
  LIBRARIES deepstep_backprop_components LABELS core)
deepstep_add_test(tst_experiment SOURCES tst_experiment.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_model_io SOURCES tst_model_io.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_trainer SOURCES tst_trainer.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_stepper SOURCES tst_stepper.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
