# DeepStep Studio: the convolution sandbox and its im2col view (app/conv) on the cnn
# plugin's real conv2d layer, registered here from its components library.
if(TARGET deepstep_studio_lib)
  deepstep_add_test(tst_studio_conv
    SOURCES tst_studio_conv.cpp
    LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_cnn_components
    LABELS studio)
endif()
