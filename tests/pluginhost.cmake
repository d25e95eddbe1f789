# Plugin host: the test plugins (most broken on purpose), the host test and the
# installed-SDK example.
include(${PROJECT_SOURCE_DIR}/cmake/DeepStepPlugin.cmake)

set(deepstep_test_plugin_dir ${CMAKE_BINARY_DIR}/test-plugins/broken)
set(deepstep_test_plugins
  good_test depends_on_good wrong_abi bad_metadata missing_dependency depends_on_refused
  cycle_a cycle_b throws_on_register provides_mismatch wrong_interface no_interface fails_to_load)
foreach(plugin ${deepstep_test_plugins})
  deepstep_add_plugin(test_plugin_${plugin}
    METADATA plugins_broken/${plugin}.json
    SOURCES plugins_broken/${plugin}.cpp
    OUTPUT_DIRECTORY ${deepstep_test_plugin_dir}
    NO_INSTALL)
  # The file keeps the plugin's own name; the target name only avoids clashes.
  set_target_properties(test_plugin_${plugin} PROPERTIES OUTPUT_NAME ${plugin})
  target_include_directories(test_plugin_${plugin} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/plugins_broken)
  list(APPEND deepstep_test_plugin_targets test_plugin_${plugin})
endforeach()

# The symbol it needs is defined nowhere: loading must fail in the dynamic loader.
target_link_options(test_plugin_fails_to_load PRIVATE -Wl,--unresolved-symbols=ignore-all)

add_library(test_plugin_not_a_plugin SHARED plugins_broken/not_a_plugin.cpp)
set_target_properties(test_plugin_not_a_plugin PROPERTIES
  OUTPUT_NAME not_a_plugin LIBRARY_OUTPUT_DIRECTORY ${deepstep_test_plugin_dir})
list(APPEND deepstep_test_plugin_targets test_plugin_not_a_plugin)

# A file that is not a library at all: the host must not even look at it.
file(MAKE_DIRECTORY ${deepstep_test_plugin_dir})
file(WRITE ${deepstep_test_plugin_dir}/notes.txt "Not a library.\n")

deepstep_add_test(tst_pluginhost
  SOURCES tst_pluginhost.cpp
  LIBRARIES deepstep::pluginhost
  LABELS pluginhost)
add_dependencies(tst_pluginhost ${deepstep_test_plugin_targets})
target_compile_definitions(tst_pluginhost PRIVATE
  DEEPSTEP_TEST_PLUGIN_DIR="${deepstep_test_plugin_dir}"
  DEEPSTEP_REAL_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}"
  DEEPSTEP_TEST_INSTALL_PLUGIN_DIR="${CMAKE_INSTALL_PREFIX}/${DEEPSTEP_PLUGIN_INSTALL_DIR}")

# The installed SDK end to end: install, build examples/sdk-optimizer against it, load
# (and, when the CLI exists, train with) the example optimizer. Needs the whole build.
add_test(NAME sdk_example
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sdk_example/run.sh ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR})
# Built without sanitizer flags (as a plugin author would), so not in the sanitizer run.
set_tests_properties(sdk_example PROPERTIES LABELS "pluginhost;sdk;no-sanitizer" TIMEOUT 900)
