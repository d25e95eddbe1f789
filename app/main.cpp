// DeepStep Studio entry point.
#include "shell/studio_application.hpp"

#include "deepstep/blas.hpp"

int main(int argc, char** argv) {
    // Before any plugin brings OpenBLAS in: it picks its kernels when it loads.
    deepstep::preferBlasDefaults();
    return deepstep::studio::runStudio(argc, argv);
}
