// Owner of the precompiled header every test suite reuses (see CMakeLists.txt); it
// runs nothing.
int main() { return 0; }
