/* Slots and tokens of the local back end (after SoftHSMv2's slot manager):
 * one slot per token directory under the store root, in name order, plus one
 * free slot whose token is not initialised, so C_InitToken always has a place
 * for a new token. GOST_P11_CONF may raise the number of slots shown
 * ("slots = N"; extra slots are free). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gost/rand.h"
#include "gost/util.h"
#include "p11_local.h"

struct p11_local p11_g;

static unsigned conf_slots(void)
{
    const char *path = getenv("GOST_P11_CONF");
    char line[512];
    unsigned slots = 1;
    FILE *f;
    if (path == NULL || (f = fopen(path, "r")) == NULL)
        return slots;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned v;
        if (sscanf(line, " slots = %u", &v) == 1 && v >= 1 && v <= 64)
            slots = v;
    }
    fclose(f);
    return slots;
}

static struct p11_slot *slot_new(char *dir)
{
    struct p11_slot *s = calloc(1, sizeof *s), **tail;
    if (s == NULL)
        return NULL;
    s->id = p11_g.next_slot++;
    s->tok.dir = dir;
    s->tok.dir_fd = -1;
    s->tok.login = P11_NOBODY;
    for (tail = &p11_g.slots; *tail; tail = &(*tail)->next)
        ;
    *tail = s;
    return s;
}

static bool have_dir(const char *dir)
{
    for (struct p11_slot *s = p11_g.slots; s; s = s->next)
        if (s->tok.dir && strcmp(s->tok.dir, dir) == 0)
            return true;
    return false;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

CK_RV p11_slots_scan(void)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, free_slots = 0, total = 0;
    if (p11_g.root == NULL) {
        p11_g.root = p11_store_root();
        if (p11_g.root == NULL)
            return CKR_GENERAL_ERROR;
        p11_g.min_slots = conf_slots();
        p11_g.next_slot = 0;
        p11_g.next_session = 1;
        p11_g.next_object = 1;
    }
    d = opendir(p11_g.root);
    while (d != NULL && (e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.' ||
            snprintf(path, sizeof path, "%s/%s/token.meta", p11_g.root, e->d_name) >= (int)sizeof path ||
            stat(path, &st) != 0)
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? 2 * cap : 8) * sizeof *nn);
            if (nn == NULL)
                break;
            names = nn;
        }
        path[strlen(path) - strlen("/token.meta")] = 0;
        names[n] = strdup(path);
        if (names[n] != NULL)
            n++;
    }
    if (d != NULL)
        closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        if (have_dir(names[i]) || slot_new(names[i]) == NULL)
            free(names[i]);
    }
    free(names);
    for (struct p11_slot *s = p11_g.slots; s; s = s->next, total++)
        free_slots += s->tok.dir == NULL;
    while (free_slots < 1 || total < p11_g.min_slots) {
        if (slot_new(NULL) == NULL)
            return CKR_HOST_MEMORY;
        free_slots++;
        total++;
    }
    return CKR_OK;
}

static void token_forget_key(struct p11_token *t)
{
    gost_wipe(t->key, sizeof t->key);
    t->have_key = false;
    t->login = P11_NOBODY;
}

void p11_slots_free(void)
{
    struct p11_slot *s = p11_g.slots;
    while (s) {
        struct p11_slot *next = s->next;
        token_forget_key(&s->tok);
        gost_wipe(&s->tok.meta, sizeof s->tok.meta);
        free(s->tok.dir);
        if (s->tok.dir_fd >= 0)
            close(s->tok.dir_fd);
        p11_file_unmap_counter(s->tok.changes);
        free(s);
        s = next;
    }
    p11_g.slots = NULL;
    free(p11_g.root);
    p11_g.root = NULL;
}

struct p11_slot *p11_slot_find(CK_SLOT_ID id)
{
    for (struct p11_slot *s = p11_g.slots; s; s = s->next)
        if (s->id == id)
            return s;
    return NULL;
}

bool p11_token_initialized(const struct p11_slot *slot)
{
    return slot->tok.dir != NULL;
}

void p11_token_remember_meta(struct p11_token *t)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/token.meta", t->dir);
    if (stat(path, &st) == 0) {
        t->meta_dev = st.st_dev;
        t->meta_ino = st.st_ino;
        t->meta_mtime = st.st_mtim;
    }
}

/* Maps the store's change counter once; without it every sync stats token.meta. */
static void map_changes(struct p11_token *t)
{
    int fd = openat(t->dir_fd, ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        t->changes = p11_file_map_counter(fd);
        close(fd);
    }
}

CK_RV p11_token_sync(struct p11_slot *slot)
{
    struct p11_token *t = &slot->tok;
    struct stat st;
    uint64_t gen, changes = 1; /* odd: unknown, never taken as "unchanged" */
    CK_RV rv;
    int fd;
    if (t->dir == NULL)
        return CKR_OK;
    /* Every operation's init comes here. The fast path: the change counter
     * is even (no writer inside, none died inside) and has not moved since
     * this process last found the store unchanged. */
    if (t->changes != NULL) {
        changes = __atomic_load_n(t->changes, __ATOMIC_ACQUIRE);
        if (t->gen != 0 && changes == t->changes_seen && !(changes & 1))
            return CKR_OK;
    }
    /* The slow path stats token.meta; the directory is looked up once (its
     * path never changes once set). */
    if (t->dir_fd < 0 && (t->dir_fd = open(t->dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
        return CKR_DEVICE_REMOVED;
    if (t->changes == NULL)
        map_changes(t); /* from the next call on */
    if (fstatat(t->dir_fd, "token.meta", &st, 0) != 0)
        return CKR_DEVICE_REMOVED;
    /* token.meta is replaced by rename on every change: a new inode or mtime
     * means another process (or we) wrote it. */
    if (t->gen != 0 && st.st_ino == t->meta_ino && st.st_dev == t->meta_dev &&
        st.st_mtim.tv_sec == t->meta_mtime.tv_sec && st.st_mtim.tv_nsec == t->meta_mtime.tv_nsec) {
        t->changes_seen = changes; /* read before the stat: a later change moves it */
        return CKR_OK;
    }
    fd = p11_file_lock(t->dir, false);
    if (fd < 0)
        return CKR_DEVICE_ERROR;
    rv = p11_store_read_meta(t->dir, &t->meta, &gen);
    if (rv == CKR_OK) {
        p11_token_remember_meta(t);
        if (gen != t->gen || t->gen == 0) {
            rv = p11_objects_reload(slot);
            if (rv == CKR_OK)
                t->gen = gen ? gen : 1;
        }
    }
    if (rv == CKR_OK)
        t->changes_seen = changes;
    p11_file_unlock(fd);
    return rv;
}

/* ---- PINs --------------------------------------------------------------- */
static CK_RV pin_len_ok(CK_ULONG len)
{
    return len >= P11_MIN_PIN && len <= P11_MAX_PIN ? CKR_OK : CKR_PIN_LEN_RANGE;
}

/* Checks pin against the SO or user slot under the store lock, counting
 * failures persistently; on success the token key is in key. */
static CK_RV check_pin(struct p11_slot *slot, CK_USER_TYPE who, const uint8_t *pin, CK_ULONG len,
                       uint8_t key[P11_TOKEN_KEY_SIZE])
{
    struct p11_token *t = &slot->tok;
    uint32_t *fails;
    struct p11_pin_slot *ps;
    uint64_t gen;
    CK_RV rv;
    int fd = p11_file_lock(t->dir, true);
    if (fd < 0)
        return CKR_DEVICE_ERROR;
    rv = p11_store_read_meta(t->dir, &t->meta, &gen);
    if (rv != CKR_OK)
        goto out;
    fails = who == CKU_SO ? &t->meta.so_failures : &t->meta.user_failures;
    ps = who == CKU_SO ? &t->meta.so : &t->meta.user;
    if (ps->wrapped_len == 0) {
        rv = CKR_USER_PIN_NOT_INITIALIZED;
        goto out;
    }
    if (*fails >= P11_MAX_PIN_TRIES) {
        rv = CKR_PIN_LOCKED;
        goto out;
    }
    rv = p11_seal_unwrap_key(ps, pin, len, key);
    if (rv == CKR_PIN_INCORRECT) {
        (*fails)++;
        if (p11_store_write_meta(t->dir, &t->meta, false) != CKR_OK)
            rv = CKR_DEVICE_ERROR;
        if (*fails >= P11_MAX_PIN_TRIES)
            rv = CKR_PIN_LOCKED;
    } else if (rv == CKR_OK && *fails != 0) {
        *fails = 0;
        rv = p11_store_write_meta(t->dir, &t->meta, false);
    }
out:
    p11_token_remember_meta(t);
    p11_file_unlock(fd);
    return rv;
}

static void blank_pad(char *dst, size_t n, const uint8_t *src, size_t len)
{
    memset(dst, ' ', n);
    memcpy(dst, src, len < n ? len : n);
}

static CK_RV init_new_token(struct p11_slot *slot, const uint8_t *pin, CK_ULONG len,
                            const uint8_t *label)
{
    struct p11_token_meta m;
    uint8_t key[P11_TOKEN_KEY_SIZE], rnd[8];
    char dir[4096];
    CK_RV rv;
    memset(&m, 0, sizeof m);
    blank_pad(m.label, sizeof m.label, label, 32);
    if (gost_random_bytes(rnd, sizeof rnd) != 0 || gost_random_bytes(key, sizeof key) != 0)
        return CKR_DEVICE_ERROR;
    for (int i = 0; i < 8; i++)
        snprintf(m.serial + 2 * i, 3, "%02x", rnd[i]);
    snprintf(dir, sizeof dir, "%s/%.16s", p11_g.root, m.serial);
    rv = p11_seal_wrap_key(&m.so, pin, len, key);
    if (rv == CKR_OK && p11_file_mkdirs(dir) != 0)
        rv = CKR_DEVICE_ERROR;
    if (rv == CKR_OK) {
        int fd = p11_file_lock(dir, true);
        rv = fd < 0 ? CKR_DEVICE_ERROR : p11_store_write_meta(dir, &m, true);
        p11_file_unlock(fd);
    }
    if (rv == CKR_OK) {
        slot->tok.dir = strdup(dir);
        slot->tok.gen = 0;
        rv = slot->tok.dir ? p11_slots_scan() : CKR_HOST_MEMORY;
    }
    gost_wipe(key, sizeof key);
    gost_wipe(&m, sizeof m);
    return rv;
}

/* Re-initialisation (v2.40 s.5.6 C_InitToken): the SO PIN must match; every
 * object is destroyed, the user PIN removed, a new token key made. */
static CK_RV reinit_token(struct p11_slot *slot, const uint8_t *pin, CK_ULONG len,
                          const uint8_t *label)
{
    struct p11_token *t = &slot->tok;
    uint8_t key[P11_TOKEN_KEY_SIZE];
    CK_RV rv = check_pin(slot, CKU_SO, pin, len, key);
    int fd;
    if (rv != CKR_OK)
        return rv == CKR_USER_PIN_NOT_INITIALIZED ? CKR_PIN_INCORRECT : rv;
    fd = p11_file_lock(t->dir, true);
    if (fd < 0) {
        rv = CKR_DEVICE_ERROR;
        goto out;
    }
    rv = p11_store_wipe_objects(t->dir);
    if (rv == CKR_OK && gost_random_bytes(key, sizeof key) != 0)
        rv = CKR_DEVICE_ERROR;
    if (rv == CKR_OK) {
        blank_pad(t->meta.label, sizeof t->meta.label, label, 32);
        memset(&t->meta.user, 0, sizeof t->meta.user);
        t->meta.user_failures = t->meta.so_failures = 0;
        rv = p11_seal_wrap_key(&t->meta.so, pin, len, key);
    }
    if (rv == CKR_OK)
        rv = p11_store_write_meta(t->dir, &t->meta, true);
    p11_file_unlock(fd);
    p11_objects_drop_slot(slot, true);
    t->gen = 0;
out:
    gost_wipe(key, sizeof key);
    return rv;
}

CK_RV p11_l_init_token(CK_SLOT_ID id, CK_UTF8CHAR_PTR pin, CK_ULONG len, CK_UTF8CHAR_PTR label)
{
    struct p11_slot *slot = p11_slot_find(id);
    CK_RV rv;
    if (slot == NULL)
        return CKR_SLOT_ID_INVALID;
    for (struct p11_session *s = p11_g.sessions; s; s = s->next)
        if (s->slot == slot)
            return CKR_SESSION_EXISTS;
    if ((rv = pin_len_ok(len)) != CKR_OK)
        return rv;
    if (!p11_seal_available())
        return CKR_DEVICE_ERROR; /* no authenticated cipher in this build: see p11_seal.c */
    return p11_token_initialized(slot) ? reinit_token(slot, pin, len, label)
                                       : init_new_token(slot, pin, len, label);
}

CK_RV p11_l_login(CK_SESSION_HANDLE h, CK_USER_TYPE who, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    struct p11_session *s;
    struct p11_token *t;
    uint8_t key[P11_TOKEN_KEY_SIZE];
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    t = &s->slot->tok;
    if (who != CKU_SO && who != CKU_USER && who != CKU_CONTEXT_SPECIFIC)
        return CKR_USER_TYPE_INVALID;
    if (who == CKU_CONTEXT_SPECIFIC) {
        /* No key here has CKA_ALWAYS_AUTHENTICATE semantics beyond a login. */
        if (t->login != CKU_USER)
            return CKR_USER_NOT_LOGGED_IN;
        if ((rv = pin_len_ok(len)) != CKR_OK)
            return CKR_PIN_INCORRECT;
        rv = check_pin(s->slot, CKU_USER, pin, len, key);
        gost_wipe(key, sizeof key);
        return rv;
    }
    if (t->login == who)
        return CKR_USER_ALREADY_LOGGED_IN;
    if (t->login != P11_NOBODY)
        return CKR_USER_ANOTHER_ALREADY_LOGGED_IN;
    if (who == CKU_SO)
        for (struct p11_session *o = p11_g.sessions; o; o = o->next)
            if (o->slot == s->slot && !p11_session_rw(o))
                return CKR_SESSION_READ_ONLY_EXISTS;
    if (pin_len_ok(len) != CKR_OK)
        return CKR_PIN_INCORRECT;
    rv = check_pin(s->slot, who, pin, len, key);
    if (rv == CKR_OK) {
        memcpy(t->key, key, sizeof key);
        t->have_key = true;
        t->login = who;
        t->gen = 0; /* reload: the sealed parts can be opened now */
        rv = p11_token_sync(s->slot);
    }
    gost_wipe(key, sizeof key);
    return rv;
}

CK_RV p11_l_logout(CK_SESSION_HANDLE h)
{
    struct p11_session *s;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if (s->slot->tok.login == P11_NOBODY)
        return CKR_USER_NOT_LOGGED_IN;
    token_forget_key(&s->slot->tok);
    /* Drop the opened secrets of token objects (they are re-read without them)
     * and end operations that used private keys. */
    for (struct p11_session *o = p11_g.sessions; o; o = o->next)
        if (o->slot == s->slot)
            for (int op = 0; op < P11_OP_COUNT; op++)
                if (op != P11_OP_DIGEST)
                    p11_session_end_op(o, op);
    s->slot->tok.gen = 0;
    return p11_token_sync(s->slot);
}

CK_RV p11_l_init_pin(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    struct p11_session *s;
    struct p11_token *t;
    CK_RV rv = p11_session_get(h, &s);
    int fd;
    if (rv != CKR_OK)
        return rv;
    t = &s->slot->tok;
    if (p11_session_state(s) != CKS_RW_SO_FUNCTIONS)
        return CKR_USER_NOT_LOGGED_IN;
    if ((rv = pin_len_ok(len)) != CKR_OK)
        return rv;
    fd = p11_file_lock(t->dir, true);
    if (fd < 0)
        return CKR_DEVICE_ERROR;
    rv = p11_store_read_meta(t->dir, &t->meta, &(uint64_t){0});
    if (rv == CKR_OK)
        rv = p11_seal_wrap_key(&t->meta.user, pin, len, t->key);
    if (rv == CKR_OK) {
        t->meta.user_failures = 0;
        rv = p11_store_write_meta(t->dir, &t->meta, false);
    }
    p11_token_remember_meta(t);
    p11_file_unlock(fd);
    return rv;
}

CK_RV p11_l_set_pin(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR old, CK_ULONG old_len,
                       CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    struct p11_session *s;
    struct p11_token *t;
    uint8_t key[P11_TOKEN_KEY_SIZE];
    CK_USER_TYPE who;
    CK_RV rv = p11_session_get(h, &s);
    int fd;
    if (rv != CKR_OK)
        return rv;
    t = &s->slot->tok;
    if (!p11_session_rw(s))
        return CKR_SESSION_READ_ONLY;
    /* v2.40 s.5.6: the SO's PIN in an SO session, else the user's. */
    who = t->login == CKU_SO ? CKU_SO : CKU_USER;
    if ((rv = pin_len_ok(len)) != CKR_OK)
        return rv;
    if (pin_len_ok(old_len) != CKR_OK)
        return CKR_PIN_INCORRECT;
    rv = check_pin(s->slot, who, old, old_len, key);
    if (rv != CKR_OK)
        return rv == CKR_USER_PIN_NOT_INITIALIZED ? CKR_PIN_INCORRECT : rv;
    fd = p11_file_lock(t->dir, true);
    if (fd < 0) {
        rv = CKR_DEVICE_ERROR;
    } else {
        rv = p11_store_read_meta(t->dir, &t->meta, &(uint64_t){0});
        if (rv == CKR_OK)
            rv = p11_seal_wrap_key(who == CKU_SO ? &t->meta.so : &t->meta.user, pin, len, key);
        if (rv == CKR_OK)
            rv = p11_store_write_meta(t->dir, &t->meta, false);
        p11_token_remember_meta(t);
        p11_file_unlock(fd);
    }
    gost_wipe(key, sizeof key);
    return rv;
}

/* ---- information -------------------------------------------------------- */
CK_RV p11_l_get_slot_list(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    CK_ULONG n = 0;
    CK_RV rv;
    (void)present; /* every slot always holds its (possibly uninitialised) token */
    if (list == NULL && (rv = p11_slots_scan()) != CKR_OK) /* a size query refreshes */
        return rv;
    for (struct p11_slot *s = p11_g.slots; s; s = s->next)
        n++;
    if (list == NULL) {
        *count = n;
        return CKR_OK;
    }
    if (*count < n) {
        *count = n;
        return CKR_BUFFER_TOO_SMALL;
    }
    n = 0;
    for (struct p11_slot *s = p11_g.slots; s; s = s->next)
        list[n++] = s->id;
    *count = n;
    return CKR_OK;
}

static void pad(CK_UTF8CHAR *dst, size_t n, const char *src)
{
    size_t l = strlen(src);
    memset(dst, ' ', n);
    memcpy(dst, src, l < n ? l : n);
}

CK_RV p11_l_get_slot_info(CK_SLOT_ID id, CK_SLOT_INFO_PTR info)
{
    struct p11_slot *slot = p11_slot_find(id);
    char desc[64];
    if (slot == NULL)
        return CKR_SLOT_ID_INVALID;
    memset(info, 0, sizeof *info);
    snprintf(desc, sizeof desc, "libgost soft token slot %lu", (unsigned long)id);
    pad(info->slotDescription, sizeof info->slotDescription, desc);
    pad(info->manufacturerID, sizeof info->manufacturerID, P11_MANUFACTURER);
    info->flags = CKF_TOKEN_PRESENT;
    info->hardwareVersion.major = 0;
    info->firmwareVersion.major = 0;
    info->firmwareVersion.minor = 1;
    return CKR_OK;
}

static CK_FLAGS pin_flags(uint32_t fails, CK_FLAGS low, CK_FLAGS final, CK_FLAGS locked)
{
    if (fails >= P11_MAX_PIN_TRIES)
        return locked;
    if (fails == P11_MAX_PIN_TRIES - 1)
        return low | final;
    return fails ? low : 0;
}

CK_RV p11_l_get_token_info(CK_SLOT_ID id, CK_TOKEN_INFO_PTR info)
{
    struct p11_slot *slot = p11_slot_find(id);
    struct p11_token *t;
    CK_ULONG sessions = 0, rw = 0;
    CK_RV rv;
    if (slot == NULL)
        return CKR_SLOT_ID_INVALID;
    t = &slot->tok;
    if ((rv = p11_token_sync(slot)) != CKR_OK)
        return rv;
    memset(info, 0, sizeof *info);
    pad(info->manufacturerID, sizeof info->manufacturerID, P11_MANUFACTURER);
    pad(info->model, sizeof info->model, P11_MODEL);
    pad(info->label, sizeof info->label, "");
    pad(info->serialNumber, sizeof info->serialNumber, "");
    info->flags = CKF_RNG | CKF_LOGIN_REQUIRED | CKF_RESTORE_KEY_NOT_NEEDED;
    if (p11_token_initialized(slot)) {
        memcpy(info->label, t->meta.label, sizeof info->label);
        memcpy(info->serialNumber, t->meta.serial, sizeof info->serialNumber);
        info->flags |= CKF_TOKEN_INITIALIZED;
        if (t->meta.user.wrapped_len)
            info->flags |= CKF_USER_PIN_INITIALIZED;
        info->flags |= pin_flags(t->meta.user_failures, CKF_USER_PIN_COUNT_LOW,
                                 CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED);
        info->flags |= pin_flags(t->meta.so_failures, CKF_SO_PIN_COUNT_LOW, CKF_SO_PIN_FINAL_TRY,
                                 CKF_SO_PIN_LOCKED);
    }
    for (struct p11_session *s = p11_g.sessions; s; s = s->next)
        if (s->slot == slot) {
            sessions++;
            rw += p11_session_rw(s);
        }
    info->ulMaxSessionCount = P11_MAX_SESSIONS;
    info->ulSessionCount = sessions;
    info->ulMaxRwSessionCount = P11_MAX_SESSIONS;
    info->ulRwSessionCount = rw;
    info->ulMaxPinLen = P11_MAX_PIN;
    info->ulMinPinLen = P11_MIN_PIN;
    info->ulTotalPublicMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulTotalPrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info->firmwareVersion.minor = 1;
    memset(info->utcTime, ' ', sizeof info->utcTime); /* no CKF_CLOCK_ON_TOKEN */
    return CKR_OK;
}

CK_RV p11_l_get_mechanism_list(CK_SLOT_ID id, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count)
{
    CK_ULONG n;
    if (p11_slot_find(id) == NULL)
        return CKR_SLOT_ID_INVALID;
    n = p11_mech_list(NULL, 0);
    if (list != NULL && *count < n) {
        *count = n;
        return CKR_BUFFER_TOO_SMALL;
    }
    if (list != NULL)
        p11_mech_list(list, n);
    *count = n;
    return CKR_OK;
}

CK_RV p11_l_get_mechanism_info(CK_SLOT_ID id, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info)
{
    const struct p11_mech *m;
    if (p11_slot_find(id) == NULL)
        return CKR_SLOT_ID_INVALID;
    m = p11_mech_find(type);
    if (m == NULL)
        return CKR_MECHANISM_INVALID;
    *info = m->info;
    return CKR_OK;
}
