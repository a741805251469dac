// What Swift cannot import: openat2(2) has no glibc wrapper, syscall(2) is
// variadic, and memrchr(3) is shown only to _GNU_SOURCE.
#ifndef CARE_CPOSIX_SHIM_H
#define CARE_CPOSIX_SHIM_H

#ifdef __linux__
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#endif
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#ifdef __linux__
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/// Opens `path` below the directory `directory` in one call, refusing any
/// symbolic link on the way and any step out of it (RESOLVE_NO_SYMLINKS |
/// RESOLVE_BENEATH). -1 with errno set otherwise; ENOSYS where the kernel
/// (before 5.6) or a sandbox has no openat2.
static inline int care_open_beneath(int directory, const char *path, int flags) {
#if defined(__linux__) && defined(SYS_openat2)
    struct open_how how = {0};
    how.flags = (unsigned long long)flags;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
    return (int)syscall(SYS_openat2, directory, path, &how, sizeof how);
#else
    (void)directory;
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

/// O_PATH (a handle to look at a file, not to read it), which glibc
/// shows only to _GNU_SOURCE; 0 elsewhere, where openat2 is not tried.
static inline int care_o_path(void) {
#ifdef O_PATH
    return O_PATH;
#else
    return 0;
#endif
}

/// The last `byte` in the `count` bytes at `bytes`; NULL when there is none.
static inline const void *care_last_byte(const void *bytes, unsigned char byte, size_t count) {
#ifdef __linux__
    return memrchr(bytes, byte, count);
#else
    const unsigned char *at = (const unsigned char *)bytes + count;
    while (at > (const unsigned char *)bytes) {
        if (*--at == byte) return at;
    }
    return NULL;
#endif
}

#endif
