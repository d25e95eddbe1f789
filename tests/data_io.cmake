# Real data: IDX/gzip/CSV readers (deepstep::data_io) and the real_datasets plugin.
find_package(ZLIB REQUIRED)
deepstep_add_test(tst_idx SOURCES tst_idx.cpp LIBRARIES deepstep::data_io LABELS data)
deepstep_add_test(tst_csv SOURCES tst_csv.cpp LIBRARIES deepstep::data_io LABELS data)
deepstep_add_test(tst_real_datasets SOURCES tst_real_datasets.cpp
  LIBRARIES deepstep_real_datasets_components ZLIB::ZLIB LABELS data)
