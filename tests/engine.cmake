# Engine tests that exercise the core through the lecture components.
deepstep_add_test(tst_worked_example SOURCES tst_worked_example.cpp
  LIBRARIES deepstep_backprop_components LABELS core)
deepstep_add_test(tst_experiment SOURCES tst_experiment.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_file_io SOURCES tst_file_io.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_model_io SOURCES tst_model_io.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_trainer SOURCES tst_trainer.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_stepper SOURCES tst_stepper.cpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)
deepstep_add_test(tst_composite
  SOURCES tst_composite.cpp support/gated_recurrent_layer.cpp support/gated_recurrent_layer.hpp
  LIBRARIES deepstep_backprop_components deepstep_toy_datasets_components LABELS core)

# Training on a GPU against training on the CPU. Its "GPU" here is the stand-in backend
# (support/reference_backend.cpp, built in core.cmake); on a machine with a GPU, run
# it without DEEPSTEP_CUDA_BACKEND to compare with the real one.
deepstep_add_test(tst_device_training SOURCES tst_device_training.cpp
  LIBRARIES deepstep_backprop_components deepstep_cnn_components LABELS core)
set_property(TEST tst_device_training APPEND PROPERTY
  ENVIRONMENT "DEEPSTEP_CUDA_BACKEND=$<TARGET_FILE:deepstep_reference_backend>")
add_dependencies(tst_device_training deepstep_reference_backend)
