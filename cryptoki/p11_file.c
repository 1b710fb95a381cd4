/* The raw file back end of the token store: whole-file reads, atomic
 * replacement (write a temporary file, fsync, rename over, fsync the
 * directory) and an flock(2) between processes. A process killed at any
 * moment leaves each file either old or new; stray temporaries (".tmp-*")
 * are ignored by readers and removed by the next writer. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "p11.h"

#define P11_FILE_MAX (16u << 20) /* no store file is ever larger */

int p11_file_read(const char *path, uint8_t **data, size_t *len)
{
    struct stat st;
    uint8_t *buf;
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? -ENOENT : -EIO;
    if (fstat(fd, &st) != 0 || st.st_size < 0 || (size_t)st.st_size > P11_FILE_MAX) {
        close(fd);
        return -EIO;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return -ENOMEM;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != (size_t)st.st_size) {
        free(buf);
        return -EIO;
    }
    *data = buf;
    *len = got;
    return 0;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int p11_file_write_atomic(const char *dir, const char *name, const uint8_t *data, size_t len)
{
    char tmp[PATH_MAX], dst[PATH_MAX];
    size_t done = 0;
    int fd;
    if (snprintf(tmp, sizeof tmp, "%s/.tmp-%s-%ld", dir, name, (long)getpid()) >= (int)sizeof tmp ||
        snprintf(dst, sizeof dst, "%s/%s", dir, name) >= (int)sizeof dst)
        return -1;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (done != len || fsync(fd) != 0) {
        close(fd);
        unlink(tmp);
        return -1;
    }
    close(fd);
    if (rename(tmp, dst) != 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_dir(dir);
}

int p11_file_remove(const char *dir, const char *name)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return -1;
    if (unlink(path) != 0 && errno != ENOENT)
        return -1;
    return fsync_dir(dir);
}

/* ---- the change counter ---------------------------------------------------
 * The first 8 bytes of <dir>/.lock count the store's changes, so that a
 * process can tell "nothing changed since I last looked" with one memory load
 * instead of a stat() per call. A writer holding the exclusive lock makes the
 * counter odd before it changes anything and even (and larger) when it is
 * done; a writer killed in between leaves it odd, and readers keep checking
 * token.meta on every call until the next writer finishes. */
volatile uint64_t *p11_file_map_counter(int fd)
{
    struct stat st;
    void *p;
    /* Mapping past the end of the file would fault: grow it to 8 bytes (a
     * no-op when another process did; it never shrinks). */
    if (fstat(fd, &st) != 0 || (st.st_size < 8 && ftruncate(fd, 8) != 0))
        return NULL;
    p = mmap(NULL, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    return p == MAP_FAILED ? NULL : (volatile uint64_t *)p;
}

void p11_file_unmap_counter(volatile uint64_t *c)
{
    if (c != NULL)
        munmap((void *)c, 8);
}

static int writer_fd = -1;               /* the exclusive lock this process holds */
static volatile uint64_t *writer_counter; /* its counter, odd while held */

int p11_file_lock(const char *dir, bool exclusive)
{
    char path[PATH_MAX];
    int fd;
    if (snprintf(path, sizeof path, "%s/.lock", dir) >= (int)sizeof path)
        return -1;
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    if (exclusive) {
        /* The module's calls are serialised: one exclusive lock at a time. A
         * writer that cannot move the counter must not write: other
         * processes would keep their old view. */
        writer_counter = p11_file_map_counter(fd);
        if (writer_counter == NULL) {
            flock(fd, LOCK_UN);
            close(fd);
            return -1;
        }
        writer_fd = fd;
        __atomic_store_n(writer_counter, __atomic_load_n(writer_counter, __ATOMIC_ACQUIRE) | 1,
                         __ATOMIC_RELEASE);
    }
    return fd;
}

void p11_file_unlock(int fd)
{
    if (fd < 0)
        return;
    if (fd == writer_fd) {
        __atomic_store_n(writer_counter, (__atomic_load_n(writer_counter, __ATOMIC_ACQUIRE) | 1) + 1,
                         __ATOMIC_RELEASE);
        p11_file_unmap_counter(writer_counter);
        writer_counter = NULL;
        writer_fd = -1;
    }
    flock(fd, LOCK_UN);
    close(fd);
}

int p11_file_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}
