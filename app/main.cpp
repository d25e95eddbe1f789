// DeepStep Studio entry point.
#include "shell/studio_application.hpp"

int main(int argc, char** argv) { return deepstep::studio::runStudio(argc, argv); }
