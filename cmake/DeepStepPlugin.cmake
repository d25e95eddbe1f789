# deepstep_add_plugin(<name> [METADATA <file.json>] SOURCES <src>...
#                     [LIBRARIES <lib>...] [OUTPUT_DIRECTORY <dir>]
#                     [INSTALL_DESTINATION <dir> | NO_INSTALL])
#
# Builds a loadable DeepStep plugin (a Qt plugin module, "<name>.so") and installs it.
# Used in-tree and, installed with the SDK, by plugins built outside DeepStep
# (find_package(DeepStep) brings it in). The metadata file is the one named by the
# plugin's Q_PLUGIN_METADATA(... FILE "...") line; METADATA only makes moc rerun when
# it changes.
#
# Output: OUTPUT_DIRECTORY, else the build tree's bin/plugins in-tree, else the current
# binary folder. Install: INSTALL_DESTINATION, else DeepStep's plugin folder in-tree,
# else <prefix>/<libdir>/deepstep/plugins of the plugin's own project (which, for an
# out-of-tree plugin, is the SDK's DEEPSTEP_PLUGIN_DIR when both share a prefix).
function(deepstep_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "METADATA;OUTPUT_DIRECTORY;INSTALL_DESTINATION" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "deepstep_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  # The file is "<name>.so": the plugin's name, not a library to link against.
  set_target_properties(${name} PROPERTIES AUTOMOC ON PREFIX "")
  if(ARG_METADATA)
    set_property(TARGET ${name} APPEND PROPERTY AUTOMOC_DEPEND_FILTERS "Q_PLUGIN_METADATA" "FILE[ ]*\"([^\"]+)\"")
    target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  target_link_libraries(${name} PRIVATE deepstep::plugin_sdk ${ARG_LIBRARIES})

  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED DEEPSTEP_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${DEEPSTEP_PLUGIN_OUTPUT_DIR})
  endif()

  if(ARG_NO_INSTALL)
    return()
  endif()
  if(ARG_INSTALL_DESTINATION)
    set(destination ${ARG_INSTALL_DESTINATION})
  elseif(DEFINED DEEPSTEP_PLUGIN_INSTALL_DIR)
    set(destination ${DEEPSTEP_PLUGIN_INSTALL_DIR})
  elseif(DEFINED CMAKE_INSTALL_LIBDIR)
    set(destination ${CMAKE_INSTALL_LIBDIR}/deepstep/plugins)
  else()
    set(destination lib/deepstep/plugins)
  endif()
  # The host process has already loaded libdeepstep_core; the rpath only matters when
  # a tool inspects the plugin on its own.
  if(NOT IS_ABSOLUTE "${destination}" AND DEFINED CMAKE_INSTALL_LIBDIR)
    file(RELATIVE_PATH to_libdir "/${destination}" "/${CMAKE_INSTALL_LIBDIR}")
    set_target_properties(${name} PROPERTIES INSTALL_RPATH "$ORIGIN/${to_libdir}")
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION ${destination})
endfunction()
