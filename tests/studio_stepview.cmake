# DeepStep Studio: the step-by-step gradient views (app/stepview), each widget alone
# and end to end on the lecture's experiments.
if(TARGET deepstep_studio_lib)
  foreach(subject stepview step_e2e)
    deepstep_add_test(tst_studio_${subject}
      SOURCES tst_studio_${subject}.cpp
      LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_toy_datasets_components
                deepstep_perceptron_components
      LABELS studio)
  endforeach()
endif()
