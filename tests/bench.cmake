# The benchmark's smoke run: a 1,000-image epoch in DeepStep, the hand-written loop and
# PyTorch (skipped, with the reason, when torch is missing), checking that every figure
# is finite and positive, that every loss falls, and that DeepStep and the hand-written
# loop end on the same weights. It checks sanity, never speed.
if(DEEPSTEP_BUILD_BENCH)
  # The bench folder is added after tests/, so the target is named through a generator
  # expression, resolved once every folder has been read.
  add_test(NAME bench_smoke
    COMMAND $<TARGET_FILE:deepstep_bench> --tiny --json ${CMAKE_CURRENT_BINARY_DIR}/bench_smoke.json)
  set_tests_properties(bench_smoke PROPERTIES LABELS bench TIMEOUT 120)
  # The LeNet-5 bench likewise: 1,000 images, one round; DeepStep must train.
  add_test(NAME bench_lenet_smoke
    COMMAND $<TARGET_FILE:deepstep_bench_lenet> --tiny --json ${CMAKE_CURRENT_BINARY_DIR}/bench_lenet_smoke.json)
  set_tests_properties(bench_lenet_smoke PROPERTIES LABELS bench TIMEOUT 120)
  # The recurrent bench: 320 sequences, one round, one thread, DeepStep alone (PyTorch's
  # side is run by bench/run.sh); its LSTM and GRU must train.
  add_test(NAME bench_rnn_smoke
    COMMAND $<TARGET_FILE:deepstep_bench_rnn> --tiny --no-pytorch --threads 1 --json ${CMAKE_CURRENT_BINARY_DIR}/bench_rnn_smoke.json)
  set_tests_properties(bench_rnn_smoke PROPERTIES LABELS bench TIMEOUT 120)
endif()
