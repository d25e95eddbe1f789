#pragma once
// The Qt side of the plugin interface, used by the plugin host and by the glue source
// that deepstep_add_plugin generates for every plugin. Plugin authors never include
// it: their code needs only deepstep/plugin.hpp.
//
// A DeepStep plugin library is a Qt plugin: its root object implements the Qt
// interface DEEPSTEP_PLUGIN_IID (deepstep::Plugin), and its Qt plugin metadata carries
// the DeepStep metadata, which QPluginLoader::metaData() reads without running the
// library's code.

#include "deepstep/plugin_interface.hpp"

#include <QtPlugin>

#define DEEPSTEP_PLUGIN_IID "org.deepstep.Plugin/1"
Q_DECLARE_INTERFACE(deepstep::Plugin, DEEPSTEP_PLUGIN_IID)
