// The stubs behind include/CPangoCairo.h: each calls the function of the same name in
// libpangocairo-1.0 and its dependencies, found once by dlsym. The stubs are hidden, so the
// libraries' own calls between themselves never land here.
#include "CPangoCairo.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define APPRAISE_POINTER(type, name, parameters, arguments) type (*name) parameters;
static struct { APPRAISE_PANGO_CAIRO_FUNCTIONS(APPRAISE_POINTER) } loaded;
#undef APPRAISE_POINTER

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure;
static char reason[256];

static void load(void) {
    // libpangocairo needs libpango, libcairo and libgobject, so dlsym on its handle finds all
    // of them. Local: nothing else in the process sees their symbols.
    void *library = dlopen("libpangocairo-1.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        // dlerror's text lasts until the thread's next dl call: kept.
        snprintf(reason, sizeof reason, "%s", dlerror());
        failure = reason;
        return;
    }
#define APPRAISE_RESOLVE(type, name, parameters, arguments) \
    *(void **)&loaded.name = dlsym(library, #name); \
    if (loaded.name == NULL) { failure = "libpangocairo-1.0.so.0 lacks " #name; return; }
    APPRAISE_PANGO_CAIRO_FUNCTIONS(APPRAISE_RESOLVE)
#undef APPRAISE_RESOLVE
}

const char *appraise_pango_cairo_load(void) {
    pthread_once(&once, load);
    return failure;
}

// Documents loads the libraries before its first call, so a stub only forwards.
#define APPRAISE_STUB(type, name, parameters, arguments) \
    type name parameters { return loaded.name arguments; }
APPRAISE_PANGO_CAIRO_FUNCTIONS(APPRAISE_STUB)
#undef APPRAISE_STUB
