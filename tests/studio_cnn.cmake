# DeepStep Studio: the CNN tab (app/cnn_view): feature maps, colour ranges, max-pool
# routing and the training controls, on the cnn plugin's real layers, registered here
# from its components library.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_cnn
    SOURCES tst_studio_cnn.cpp
    LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_cnn_components
    LABELS studio)
endif()
