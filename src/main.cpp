#include <cstdio>

int main() {
    std::puts(BASALT_VERSION);
    return 0;
}
