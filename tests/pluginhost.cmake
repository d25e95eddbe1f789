# Plugin host: the test plugins (most broken on purpose), the host test and the
# installed-SDK example.
include(${PROJECT_SOURCE_DIR}/cmake/DeepStepPlugin.cmake)

set(deepstep_test_plugin_dir ${CMAKE_BINARY_DIR}/test-plugins/broken)

# Built the way every plugin is: DEEPSTEP_PLUGIN in the source, deepstep_add_plugin
# writing the metadata with the SDK's ABI and the Qt glue.
set(deepstep_test_plugins
  good_test depends_on_good missing_dependency depends_on_refused cycle_a cycle_b
  throws_on_register provides_mismatch fails_to_load edited_metadata)
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

# Plugins that take down the process loading them (or hang it), and one whose text
# carries terminal escapes: a folder of their own, so that only the tests meant for them
# pay for their trial loads. Built the normal way.
set(deepstep_hostile_plugin_dir ${CMAKE_BINARY_DIR}/test-plugins/hostile)
set(deepstep_hostile_plugins
  crash_static_init crash_on_register abort_on_register exit_on_register quick_exit_on_register
  hang_on_register escape_text)
foreach(plugin ${deepstep_hostile_plugins})
  deepstep_add_plugin(test_plugin_${plugin}
    METADATA plugins_broken/${plugin}.json
    SOURCES plugins_broken/${plugin}.cpp
    OUTPUT_DIRECTORY ${deepstep_hostile_plugin_dir}
    NO_INSTALL)
  set_target_properties(test_plugin_${plugin} PROPERTIES OUTPUT_NAME ${plugin})
  target_include_directories(test_plugin_${plugin} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/plugins_broken)
  list(APPEND deepstep_test_plugin_targets test_plugin_${plugin})
endforeach()

# Built by hand, with Qt's plugin macros in the source and the metadata as written:
# libraries that deepstep_add_plugin would never produce (an older SDK's plugin,
# metadata edited by hand, another program's plugin). A "<plugin>.json.in" gets this
# SDK's ABI filled in, so that only the fault under test is wrong.
get_property(DEEPSTEP_PLUGIN_ABI GLOBAL PROPERTY DEEPSTEP_PLUGIN_ABI)
set(deepstep_test_metadata_dir ${CMAKE_CURRENT_BINARY_DIR}/plugins_broken_metadata)
foreach(plugin wrong_abi bad_metadata wrong_interface no_interface no_compiled_abi)
  add_library(test_plugin_${plugin} MODULE plugins_broken/${plugin}.cpp)
  set_target_properties(test_plugin_${plugin} PROPERTIES
    AUTOMOC ON PREFIX "" OUTPUT_NAME ${plugin} LIBRARY_OUTPUT_DIRECTORY ${deepstep_test_plugin_dir})
  target_link_libraries(test_plugin_${plugin} PRIVATE deepstep::plugin_sdk)
  target_include_directories(test_plugin_${plugin} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/plugins_broken)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/plugins_broken/${plugin}.json.in)
    configure_file(plugins_broken/${plugin}.json.in ${deepstep_test_metadata_dir}/${plugin}.json @ONLY)
    # moc finds the metadata named in Q_PLUGIN_METADATA along the include path.
    target_include_directories(test_plugin_${plugin} PRIVATE ${deepstep_test_metadata_dir})
  endif()
  set_property(TARGET test_plugin_${plugin} APPEND PROPERTY AUTOMOC_DEPEND_FILTERS
    "Q_PLUGIN_METADATA" "FILE[ ]*\"([^\"]+)\"")
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
# The trial-load helper is found next to the test, in bin/; the command line (when it is
# built) trains with the hostile plugins present.
add_dependencies(tst_pluginhost ${deepstep_test_plugin_targets} deepstep-plugin-probe)
if(TARGET deepstep)
  add_dependencies(tst_pluginhost deepstep)
endif()
# The hostile-input corpus (tests/hostile/cases/plugins-*.json) loads these plugins too.
if(TARGET tst_hostile)
  add_dependencies(tst_hostile ${deepstep_test_plugin_targets} deepstep-plugin-probe)
endif()
target_compile_definitions(tst_pluginhost PRIVATE
  DEEPSTEP_TEST_PLUGIN_DIR="${deepstep_test_plugin_dir}"
  DEEPSTEP_HOSTILE_PLUGIN_DIR="${deepstep_hostile_plugin_dir}"
  DEEPSTEP_SOURCE_ROOT="${PROJECT_SOURCE_DIR}"
  $<$<BOOL:${DEEPSTEP_SANITIZE}>:DEEPSTEP_SANITIZED>
  DEEPSTEP_REAL_PLUGIN_DIR="${DEEPSTEP_PLUGIN_OUTPUT_DIR}"
  DEEPSTEP_TEST_INSTALL_PLUGIN_DIR="${CMAKE_INSTALL_PREFIX}/${DEEPSTEP_PLUGIN_INSTALL_DIR}")

# The installed SDK end to end: install, build examples/sdk-optimizer against it, load
# (and, when the CLI exists, train with) the example optimizer. Needs the whole build.
add_test(NAME sdk_example
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sdk_example/run.sh ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(sdk_example PROPERTIES LABELS "pluginhost;sdk" TIMEOUT 900)
if(DEEPSTEP_SANITIZE)
  # The example and its host are built the way this SDK was, or the sanitizer runtime
  # would be missing from the host that loads the instrumented libraries.
  set_property(TEST sdk_example APPEND PROPERTY ENVIRONMENT
    "CXX=${CMAKE_CXX_COMPILER}"
    "CXXFLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer"
    "LDFLAGS=-fsanitize=address,undefined")
endif()

# An author's metadata that still types "abi" fails the configure, naming the file.
add_test(NAME plugin_metadata_with_abi
  COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_SOURCE_DIR}/plugins_broken/abi_in_metadata
          -B ${CMAKE_CURRENT_BINARY_DIR}/abi_in_metadata -DDEEPSTEP_SOURCE_DIR=${PROJECT_SOURCE_DIR})
set_tests_properties(plugin_metadata_with_abi PROPERTIES LABELS pluginhost
  PASS_REGULAR_EXPRESSION "deepstep_add_plugin\\(abi_in_metadata\\):[ \n]+remove[ \n]+\"abi\"[ \n]+from[ \n]+[^ \n]*/abi_in_metadata\\.json")
