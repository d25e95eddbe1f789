# The engine itself: tensors, seeded randomness, metrics, and proof that the core
# interfaces carry the later lectures (convolution, recurrence) with no plugin.
foreach(subject tensor random metrics parallel)
  deepstep_add_test(tst_${subject} SOURCES tst_${subject}.cpp LABELS core)
endforeach()

deepstep_add_test(tst_interfaces
  SOURCES tst_interfaces.cpp
          support/naive_conv2d_layer.cpp support/naive_conv2d_layer.hpp
          support/simple_recurrent_layer.cpp support/simple_recurrent_layer.hpp
          support/sum_of_squares_loss.hpp support/plain_gradient_step.hpp
  LABELS core)
