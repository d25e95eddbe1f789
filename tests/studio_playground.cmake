# DeepStep Studio: the 2-D playground (app/playground) and the training worker
# (app/model/training_worker): each view alone, the schema-driven options editor,
# the worker in its thread, and whole runs with the UI latency measured.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_playground
    SOURCES tst_studio_playground.cpp
    LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_toy_datasets_components
              deepstep_perceptron_components
              deepstep_tabular_datasets_components deepstep_sequence_datasets_components
    LABELS studio)
  # Run alone: it asserts the UI event-loop latency while training, which a test
  # running beside it on the same two cores would distort.
  set_tests_properties(tst_studio_playground PROPERTIES TIMEOUT 240 RUN_SERIAL TRUE)
endif()
