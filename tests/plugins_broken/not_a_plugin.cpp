// Test library "not_a_plugin": an ordinary shared library with no plugin metadata.
// The host must refuse it without loading it.

extern "C" int deepstep_test_not_a_plugin_answer() { return 42; }
