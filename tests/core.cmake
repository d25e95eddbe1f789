# The engine itself: tensors, seeded randomness, metrics, and proof that the core
# interfaces carry the later lectures (convolution, recurrence) with no plugin.
foreach(subject tensor random metrics parallel devices)
  deepstep_add_test(tst_${subject} SOURCES tst_${subject}.cpp LABELS core)
endforeach()

deepstep_add_test(tst_interfaces
  SOURCES tst_interfaces.cpp
          support/naive_conv2d_layer.cpp support/naive_conv2d_layer.hpp
          support/simple_recurrent_layer.cpp support/simple_recurrent_layer.hpp
          support/sum_of_squares_loss.hpp support/plain_gradient_step.hpp
  LABELS core)

# The CUDA backend's parity harness: a plain program (it also runs on a GPU machine
# without Qt, see scripts/gpu-check.sh); exit 77 where no GPU is usable, which ctest
# reports as skipped, with the reason in its output.
add_executable(deepstep_gpu_parity gpu_parity.cpp)
target_link_libraries(deepstep_gpu_parity PRIVATE deepstep::core)
add_test(NAME tst_cuda COMMAND deepstep_gpu_parity)
set_tests_properties(tst_cuda PROPERTIES SKIP_RETURN_CODE 77 LABELS core)

# The same harness against a stand-in backend that computes on the CPU
# (support/reference_backend.cpp, the CUDA backend's table with plain loops): on every
# machine it runs the loader, deepstep::gpu::Backend and Buffer and the harness's own
# checks, which a machine without a GPU otherwise never reaches.
add_library(deepstep_reference_backend MODULE support/reference_backend.cpp)
target_include_directories(deepstep_reference_backend PRIVATE ${PROJECT_SOURCE_DIR}/core/cuda/include)
add_test(NAME tst_cuda_reference COMMAND deepstep_gpu_parity)
set_tests_properties(tst_cuda_reference PROPERTIES LABELS core
  ENVIRONMENT "DEEPSTEP_CUDA_BACKEND=$<TARGET_FILE:deepstep_reference_backend>")
# tst_devices once more with a usable "GPU" (the stand-in), for the branches a machine
# without one never takes.
add_test(NAME tst_devices_reference COMMAND tst_devices)
set_tests_properties(tst_devices_reference PROPERTIES LABELS core
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DEEPSTEP_CUDA_BACKEND=$<TARGET_FILE:deepstep_reference_backend>")
