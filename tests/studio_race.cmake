# DeepStep Studio: the loss-surface race view (app/race) against the engine's own race
# (core/lessons loss_surface), with optimizers registered only for the test.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_race
    SOURCES tst_studio_race.cpp
    LIBRARIES deepstep_studio_lib deepstep_backprop_components
    LABELS studio)
endif()
