// glibc's heap statistics and trim, which Glibc's Swift module leaves out (App/FreedHeap.swift).
#ifdef __linux__
#include <malloc.h>
#endif
