// The stubs and wrappers behind include/CCurl.h: libcurl's functions found once by dlsym.
// Everything here is hidden, so nothing the library calls can land in it.
#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} loaded;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure;
static char reason[256];

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        // dlerror's text lasts until the thread's next dl call: kept.
        snprintf(reason, sizeof reason, "%s", dlerror());
        failure = reason;
        return;
    }
#define APPRAISE_RESOLVE(field, name) \
    *(void **)&loaded.field = dlsym(library, #name); \
    if (loaded.field == NULL) { failure = "libcurl.so.4 lacks " #name; return; }
    APPRAISE_RESOLVE(global_init, curl_global_init)
    APPRAISE_RESOLVE(easy_init, curl_easy_init)
    APPRAISE_RESOLVE(easy_cleanup, curl_easy_cleanup)
    APPRAISE_RESOLVE(easy_perform, curl_easy_perform)
    APPRAISE_RESOLVE(easy_strerror, curl_easy_strerror)
    APPRAISE_RESOLVE(easy_setopt, curl_easy_setopt)
    APPRAISE_RESOLVE(easy_getinfo, curl_easy_getinfo)
    APPRAISE_RESOLVE(slist_append, curl_slist_append)
    APPRAISE_RESOLVE(slist_free_all, curl_slist_free_all)
#undef APPRAISE_RESOLVE
}

const char *appraise_curl_load(void) {
    pthread_once(&once, load);
    return failure;
}

// The two entry points load the library; every other call needs a handle one of them made.
CURLcode curl_global_init(long flags) {
    return appraise_curl_load() == NULL ? loaded.global_init(flags) : CURLE_FAILED_INIT;
}
CURL *curl_easy_init(void) {
    return appraise_curl_load() == NULL ? loaded.easy_init() : NULL;
}
void curl_easy_cleanup(CURL *handle) { loaded.easy_cleanup(handle); }
CURLcode curl_easy_perform(CURL *handle) { return loaded.easy_perform(handle); }
const char *curl_easy_strerror(CURLcode code) { return loaded.easy_strerror(code); }
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *string) {
    return appraise_curl_load() == NULL ? loaded.slist_append(list, string) : NULL;
}
void curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) loaded.slist_free_all(list);
}

CURLcode appraise_curl_set_long(CURL *handle, CURLoption option, long value) {
    return loaded.easy_setopt(handle, option, value);
}
CURLcode appraise_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return loaded.easy_setopt(handle, option, value);
}
CURLcode appraise_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return loaded.easy_setopt(handle, option, value);
}
CURLcode appraise_curl_set_body(CURL *handle, const char *body, long length) {
    CURLcode code = loaded.easy_setopt(handle, CURLOPT_POSTFIELDSIZE, length);
    return code != CURLE_OK ? code : loaded.easy_setopt(handle, CURLOPT_COPYPOSTFIELDS, body);
}

static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}
CURLcode appraise_curl_discard_body(CURL *handle) {
    return loaded.easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
}
CURLcode appraise_curl_status(CURL *handle, long *status) {
    return loaded.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
}

static size_t read_upload(char *buffer, size_t size, size_t count, void *context) {
    struct appraise_curl_upload *upload = (struct appraise_curl_upload *)context;
    size_t room = size * count, left = upload->length - upload->offset;
    size_t n = left < room ? left : room;
    memcpy(buffer, upload->data + upload->offset, n);
    upload->offset += n;
    return n;
}
CURLcode appraise_curl_upload_from(CURL *handle, struct appraise_curl_upload *upload) {
    loaded.easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
    loaded.easy_setopt(handle, CURLOPT_READDATA, upload);
    return loaded.easy_setopt(handle, CURLOPT_UPLOAD, 1L);
}
