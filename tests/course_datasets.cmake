# The course's tabular and sequence datasets (component tests, linked directly) and
# image augmentation in the core.
deepstep_add_test(tst_tabular_datasets
  SOURCES tst_tabular_datasets.cpp
  LIBRARIES deepstep_tabular_datasets_components
  LABELS datasets)
deepstep_add_test(tst_sequence_datasets
  SOURCES tst_sequence_datasets.cpp
  LIBRARIES deepstep_sequence_datasets_components
  LABELS datasets)
deepstep_add_test(tst_augment SOURCES tst_augment.cpp LABELS core datasets)
