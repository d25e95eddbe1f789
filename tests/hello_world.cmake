# The real-data "hello world": `deepstep train` on Fashion-MNIST and on the MNIST
# digits, as a student runs it, with the accuracy the lab promises.
deepstep_add_test(tst_hello_world
  SOURCES tst_hello_world.cpp
  LABELS "cli;real-data")
target_compile_definitions(tst_hello_world PRIVATE
  DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>"
  DEEPSTEP_EXPERIMENTS_DIR="${PROJECT_SOURCE_DIR}/experiments")
add_dependencies(tst_hello_world deepstep deepstep_backprop deepstep_real_datasets)
# Five Fashion-MNIST epochs take about three minutes under the sanitizers, near
# QtTest's five-minute limit on a loaded machine: there the test trains two epochs
# (same code, same data) and asks for what two epochs reach; the optimised build
# checks the lesson's promise of five.
if(DEEPSTEP_SANITIZE)
  target_compile_definitions(tst_hello_world PRIVATE DEEPSTEP_HELLO_WORLD_SHORT=1)
endif()
