# DeepStep Studio: the recurrent tab (app/rnn_view): the probe of one sequence against a
# hand-computed recurrence and BPTT, the unrolled view's phases, gates, the gradient per
# step, the text page, and training in the tab, on the rnn plugin's real layers.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_rnn
    SOURCES tst_studio_rnn.cpp
    LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_rnn_components
              deepstep_sequence_datasets_components
    LABELS studio rnn)
  target_compile_definitions(tst_studio_rnn PRIVATE DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments")
endif()
