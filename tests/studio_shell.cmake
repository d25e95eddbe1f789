# DeepStep Studio's shell: main window, lessons, files, export, languages, autosave.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_shell
    SOURCES tst_studio_shell.cpp
    LIBRARIES deepstep_studio_lib deepstep::lessons deepstep_backprop_components deepstep_toy_datasets_components
              deepstep_perceptron_components deepstep_rnn_components deepstep_sequence_datasets_components
    LABELS studio)
  set_tests_properties(tst_studio_shell PROPERTIES TIMEOUT 300)
endif()

# The Studio's lab mode and class report: the sample lab opened as a student (locked
# settings, the student's own numbers, attempts, no answer revealed, submit) and graded.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_lab
    SOURCES tst_studio_lab.cpp
    LIBRARIES deepstep_studio_lib deepstep::lessons deepstep_backprop_components deepstep_toy_datasets_components
    LABELS studio lessons)
  target_compile_definitions(tst_studio_lab PRIVATE DEEPSTEP_LABS_DIR="${PROJECT_SOURCE_DIR}/labs")
endif()
