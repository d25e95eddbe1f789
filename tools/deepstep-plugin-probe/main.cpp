// deepstep-plugin-probe: the child process in which the plugin host tries each plugin
// before loading it into the program (see "Trial loads" in deepstep/plugin_host.hpp).
// Not meant to be run by hand.

#include "deepstep/plugin_host.hpp"

// Under AddressSanitizer a plugin's crash must stay a crash (a signal the host can
// name), not become ASan's report and exit status; loaded plugins are never freed.
extern "C" const char* __asan_default_options() {
    return "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0:detect_leaks=0";
}

int main(int argc, char** argv) {
    return deepstep::runPluginProbe(argc, argv);
}
