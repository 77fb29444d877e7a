// The fuzz targets' own assertions: a broken invariant prints what broke and traps, so
// libFuzzer reports a crash and saves the input (as it does for ASan and UBSan reports).
#pragma once

#include <cstdio>

#define FUZZ_CHECK(cond)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            __builtin_trap();                                                                \
        }                                                                                    \
    } while (0)
