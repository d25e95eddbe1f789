# DeepStep Studio: the convolution sandbox, its im2col view and its backward page
# (app/conv) on the cnn plugin's real conv2d layer, registered here from its components
# library.
if(TARGET deepstep_studio_lib)
  foreach(subject conv conv_backward)
    deepstep_add_test(tst_studio_${subject}
      SOURCES tst_studio_${subject}.cpp
      LIBRARIES deepstep_studio_lib deepstep_backprop_components deepstep_cnn_components
      LABELS studio)
  endforeach()
endif()
