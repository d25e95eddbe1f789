# `deepstep conv`, the convolution calculator, run as a separate process.
deepstep_add_test(tst_cli_conv
  SOURCES tst_cli_conv.cpp
  LABELS cli)
target_compile_definitions(tst_cli_conv PRIVATE DEEPSTEP_CLI_PATH="$<TARGET_FILE:deepstep>")
add_dependencies(tst_cli_conv deepstep)
