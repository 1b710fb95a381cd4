/* The token store under stress, through PKCS#11: a change made by one
 * process is seen by another, a process killed with SIGKILL in the middle of
 * writes leaves every object whole (old or new), and threads hammering one
 * token get no error. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"

#define PIN(p) (CK_UTF8CHAR_PTR)(p), strlen(p)

static CK_OBJECT_CLASS data_cls = CKO_DATA;
static CK_BBOOL yes = CK_TRUE;

static CK_RV put_object(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_BBOOL priv, unsigned n,
                        CK_OBJECT_HANDLE *h)
{
    char label[32], value[64];
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &data_cls, sizeof data_cls},
                        {CKA_TOKEN, &yes, 1},
                        {CKA_PRIVATE, &priv, 1},
                        {CKA_LABEL, label, 0},
                        {CKA_VALUE, value, 0}};
    t[3].ulValueLen = (CK_ULONG)snprintf(label, sizeof label, "obj-%u", n);
    t[4].ulValueLen = (CK_ULONG)snprintf(value, sizeof value, "value-of-%u-%u", n, n * 7919u);
    return f->C_CreateObject(s, t, 5, h);
}

/* The labels (obj-K) seen by the last check_objects, for "none lost". */
static unsigned seen[512];
static CK_ULONG nseen;

/* The rotating object's labels: obj-(round * 100000 + 50000 + i). */
static bool is_rotating_label(unsigned k)
{
    return k % 100000 >= 50000;
}

static bool was_seen(const unsigned *set, CK_ULONG n, unsigned k)
{
    for (CK_ULONG i = 0; i < n; i++)
        if (set[i] == k)
            return true;
    return false;
}

/* Every visible object is whole: its value matches its label. */
static CK_ULONG check_objects(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s)
{
    CK_OBJECT_HANDLE h[512];
    CK_ULONG n = 0;
    P11_OK(f->C_FindObjectsInit(s, NULL, 0));
    P11_OK(f->C_FindObjects(s, h, 512, &n));
    P11_OK(f->C_FindObjectsFinal(s));
    for (CK_ULONG i = 0; i < n; i++) {
        char label[32] = {0}, value[64] = {0}, want[64];
        unsigned k;
        CK_ATTRIBUTE a[] = {{CKA_LABEL, label, sizeof label - 1},
                            {CKA_VALUE, value, sizeof value - 1}};
        P11_OK(f->C_GetAttributeValue(s, h[i], a, 2));
        cr_assert_eq(sscanf(label, "obj-%u", &k), 1, "label '%s'", label);
        snprintf(want, sizeof want, "value-of-%u-%u", k, k * 7919u);
        cr_assert_str_eq(value, want);
        seen[i] = k;
    }
    nseen = n;
    return n;
}

/* In a forked child: the module initialised afresh and a logged-in user
 * R/W session on slot; 1 when all of it succeeded. */
static int child_user_session(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot, CK_SESSION_HANDLE *cs)
{
    return f->C_Initialize(NULL) == CKR_OK &&
           f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, cs) == CKR_OK &&
           f->C_Login(*cs, CKU_USER, PIN(P11_USER_PIN)) == CKR_OK;
}

Test(p11_store, change_seen_by_other_process)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot);
    CK_OBJECT_HANDLE h;
    int status;
    pid_t pid;
    P11_OK(put_object(f, s, CK_TRUE, 1, &h));
    cr_assert_eq(check_objects(f, s), 1);
    pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        CK_SESSION_HANDLE cs;
        CK_OBJECT_HANDLE ch;
        int ok = child_user_session(f, slot, &cs) &&
                 put_object(f, cs, CK_TRUE, 2, &ch) == CKR_OK &&
                 put_object(f, cs, CK_FALSE, 3, &ch) == CKR_OK;
        _exit(ok ? 0 : 1);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    cr_assert_eq(check_objects(f, s), 3, "the parent sees the child's objects");
    /* and a destruction here is seen after a restart */
    P11_OK(f->C_DestroyObject(s, h));
    P11_OK(f->C_Finalize(NULL));
    P11_OK(f->C_Initialize(NULL));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
    cr_assert_eq(check_objects(f, s), 2);
    P11_OK(f->C_Finalize(NULL));
}

/* A writer that never stops: creates, relabels and destroys token objects. */
static void writer(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot, unsigned base, int ready_fd)
{
    CK_SESSION_HANDLE s;
    if (f->C_Initialize(NULL) != CKR_OK ||
        f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s) != CKR_OK ||
        f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)) != CKR_OK)
        _exit(2);
    CK_OBJECT_HANDLE rot;
    CK_ATTRIBUTE find[] = {{CKA_APPLICATION, "rotating", 8}};
    CK_ULONG n = 0;
    if (f->C_FindObjectsInit(s, find, 1) != CKR_OK || f->C_FindObjects(s, &rot, 1, &n) != CKR_OK ||
        f->C_FindObjectsFinal(s) != CKR_OK || n != 1)
        _exit(5);
    for (unsigned i = 0;; i++) {
        CK_OBJECT_HANDLE h;
        char label[32], value[64];
        CK_ATTRIBUTE pair[] = {{CKA_LABEL, label, 0}, {CKA_VALUE, value, 0}};
        if (put_object(f, s, (CK_BBOOL)(i & 1), base + i, &h) != CKR_OK)
            _exit(3);
        if (i % 3 == 2 && f->C_DestroyObject(s, h) != CKR_OK)
            _exit(4);
        /* the rotating object: label and value change together, old or new */
        pair[0].ulValueLen = (CK_ULONG)snprintf(label, sizeof label, "obj-%u", base + 50000 + i);
        pair[1].ulValueLen = (CK_ULONG)snprintf(value, sizeof value, "value-of-%u-%u",
                                                base + 50000 + i, (base + 50000 + i) * 7919u);
        if (f->C_SetAttributeValue(s, rot, pair, 2) != CKR_OK)
            _exit(6);
        /* one object written and kept (login is slow under sanitizers): the
         * kill may come from now on */
        if (i == 0 && write(ready_fd, "r", 1) != 1)
            _exit(7);
    }
}

Test(p11_store, sigkill_during_writes, .timeout = 180)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot);
    CK_ULONG prev = 0;
    unsigned before[512];
    CK_OBJECT_HANDLE rot;
    CK_ATTRIBUTE rotating[] = {{CKA_CLASS, &data_cls, sizeof data_cls},
                               {CKA_TOKEN, &yes, 1},
                               {CKA_APPLICATION, "rotating", 8},
                               {CKA_LABEL, "obj-50000", 9},
                               {CKA_VALUE, "value-of-50000-395950000", 24}};
    P11_OK(f->C_CreateObject(s, rotating, 5, &rot));
    P11_OK(f->C_Finalize(NULL));
    for (unsigned round = 0; round < 20; round++) {
        struct timespec ts = {0, (long)(5 + (round * 37) % 60) * 1000000L};
        int status, ready[2];
        char byte;
        pid_t pid;
        cr_assert_eq(pipe(ready), 0);
        pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            close(ready[0]);
            writer(f, slot, round * 100000u, ready[1]);
        }
        close(ready[1]);
        cr_assert_eq(read(ready[0], &byte, 1), 1, "the writer died before writing");
        close(ready[0]);
        nanosleep(&ts, NULL); /* 5..65 ms further into the writes */
        kill(pid, SIGKILL);
        cr_assert_eq(waitpid(pid, &status, 0), pid);
        cr_assert(WIFSIGNALED(status), "writer failed on its own: %d", WEXITSTATUS(status));
        P11_OK(f->C_Initialize(NULL));
        P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
        P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
        memcpy(before, seen, prev * sizeof seen[0]);
        {
            CK_ATTRIBUTE find[] = {{CKA_APPLICATION, "rotating", 8}};
            CK_ULONG now = check_objects(f, s);
            cr_assert_geq(now, prev, "objects lost after round %u", round);
            /* every object of the last round is still there (the writers
             * never destroy what an earlier writer left, and the rotating
             * object changes its label: it is counted apart) */
            for (CK_ULONG i = 0; i < prev; i++)
                cr_assert(is_rotating_label(before[i]) || was_seen(seen, nseen, before[i]),
                          "object obj-%u lost after round %u", before[i], round);
            cr_assert_eq(p11t_count(f, s, find, 1), 1, "rotating object lost, round %u", round);
            prev = now;
        }
        P11_OK(f->C_Finalize(NULL));
    }
    /* each writer kept its first object: 20 rounds, 20 objects and the rotating one */
    cr_assert_geq(prev, 21, "the writers wrote only %lu objects", (unsigned long)prev);
}

struct worker {
    CK_FUNCTION_LIST_PTR f;
    CK_SLOT_ID slot;
    unsigned id;
    int failures;
    CK_OBJECT_HANDLE pub, priv, secret; /* shared token keys */
};

/* A signature made and checked, and a CTR round trip, in this thread's session. */
static int crypto_round(const struct worker *w, CK_SESSION_HANDLE s, unsigned i)
{
    CK_FUNCTION_LIST_PTR f = w->f;
    CK_MECHANISM sig = {CKM_GOSTR3410_WITH_GOSTR3411_12_256, NULL, 0};
    CK_BYTE iv[8] = {(CK_BYTE)w->id, (CK_BYTE)i};
    CK_MECHANISM ctr = {CKM_LIBGOST_KUZNYECHIK_CTR, iv, sizeof iv};
    CK_BYTE msg[40], out[64], back[40];
    CK_ULONG len = sizeof out, blen = sizeof back;
    memset(msg, (int)(w->id * 31 + i), sizeof msg);
    if (f->C_SignInit(s, &sig, w->priv) != CKR_OK || f->C_Sign(s, msg, 40, out, &len) != CKR_OK ||
        f->C_VerifyInit(s, &sig, w->pub) != CKR_OK || f->C_Verify(s, msg, 40, out, len) != CKR_OK)
        return 1;
    len = sizeof out;
    if (f->C_EncryptInit(s, &ctr, w->secret) != CKR_OK ||
        f->C_Encrypt(s, msg, 40, out, &len) != CKR_OK || len != 40 ||
        f->C_DecryptInit(s, &ctr, w->secret) != CKR_OK ||
        f->C_Decrypt(s, out, len, back, &blen) != CKR_OK || blen != 40 || memcmp(back, msg, 40))
        return 1;
    return 0;
}

static void *hammer(void *arg)
{
    struct worker *w = arg;
    CK_FUNCTION_LIST_PTR f = w->f;
    CK_SESSION_HANDLE s;
    if (f->C_OpenSession(w->slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s) != CKR_OK)
        return w->failures++, NULL;
    for (unsigned i = 0; i < 40; i++) {
        CK_OBJECT_HANDLE h;
        CK_BYTE rnd[16];
        CK_SESSION_INFO si;
        if (put_object(f, s, CK_TRUE, w->id * 1000 + i, &h) != CKR_OK)
            w->failures++;
        if (f->C_GenerateRandom(s, rnd, sizeof rnd) != CKR_OK)
            w->failures++;
        if (f->C_GetSessionInfo(s, &si) != CKR_OK || si.state != CKS_RW_USER_FUNCTIONS)
            w->failures++;
        if (i % 2 && f->C_DestroyObject(s, h) != CKR_OK)
            w->failures++;
        w->failures += crypto_round(w, s, i);
    }
    f->C_CloseSession(s);
    return NULL;
}

Test(p11_store, threads_hammer_one_token, .timeout = 180)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    CK_C_INITIALIZE_ARGS a = {NULL, NULL, NULL, NULL, CKF_OS_LOCKING_OK, NULL};
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s;
    pthread_t t[4];
    struct worker w[4];
    CK_MECHANISM pair = {CKM_GOSTR3410_KEY_PAIR_GEN, NULL, 0};
    CK_MECHANISM kgen = {CKM_KUZNYECHIK_KEY_GEN, NULL, 0};
    static const CK_BYTE oid_256a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x01};
    CK_ATTRIBUTE pt[] = {{CKA_TOKEN, &yes, 1}, {CKA_VERIFY, &yes, 1},
                         {CKA_GOSTR3410_PARAMS, (void *)oid_256a, sizeof oid_256a}};
    CK_ATTRIBUTE kt[] = {{CKA_TOKEN, &yes, 1}, {CKA_SIGN, &yes, 1}};
    CK_ATTRIBUTE st[] = {{CKA_TOKEN, &yes, 1}, {CKA_ENCRYPT, &yes, 1}, {CKA_DECRYPT, &yes, 1}};
    CK_OBJECT_HANDLE pub, priv, secret;
    CK_OBJECT_CLASS key_classes[] = {CKO_PUBLIC_KEY, CKO_PRIVATE_KEY, CKO_SECRET_KEY};
    P11_OK(f->C_Initialize(&a));
    s = p11t_user_session(f, &slot);
    P11_OK(f->C_GenerateKeyPair(s, &pair, pt, 3, kt, 2, &pub, &priv));
    P11_OK(f->C_GenerateKey(s, &kgen, st, 3, &secret));
    for (unsigned i = 0; i < 4; i++) {
        w[i] = (struct worker){f, slot, i + 1, 0, pub, priv, secret};
        cr_assert_eq(pthread_create(&t[i], NULL, hammer, &w[i]), 0);
    }
    for (unsigned i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        cr_assert_eq(w[i].failures, 0, "thread %u", i);
    }
    /* the three keys are no data objects: count the data objects alone */
    for (unsigned i = 0; i < 3; i++) {
        CK_ATTRIBUTE c = {CKA_CLASS, &key_classes[i], sizeof key_classes[i]};
        cr_assert_eq(p11t_count(f, s, &c, 1), 1);
    }
    {
        CK_ATTRIBUTE c = {CKA_CLASS, &data_cls, sizeof data_cls};
        cr_assert_eq(p11t_count(f, s, &c, 1), 4 * 20);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_store, set_attribute_persists)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot);
    CK_OBJECT_HANDLE h;
    char label[32] = {0};
    CK_ATTRIBUTE relabel[] = {{CKA_LABEL, "obj-77", 6}};
    CK_ATTRIBUTE find[] = {{CKA_LABEL, "obj-77", 6}};
    CK_ATTRIBUTE get[] = {{CKA_LABEL, label, sizeof label}};
    P11_OK(put_object(f, s, CK_TRUE, 5, &h));
    P11_RV(f->C_SetAttributeValue(s, h, relabel, 1), CKR_OK);
    P11_OK(f->C_Finalize(NULL));
    P11_OK(f->C_Initialize(NULL));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
    cr_assert_eq(p11t_count(f, s, find, 1), 1);
    P11_OK(f->C_FindObjectsInit(s, find, 1));
    P11_OK(f->C_FindObjects(s, &h, 1, &(CK_ULONG){0}));
    P11_OK(f->C_FindObjectsFinal(s));
    P11_OK(f->C_GetAttributeValue(s, h, get, 1));
    cr_assert_str_eq(label, "obj-77");
    P11_OK(f->C_Finalize(NULL));
}

/* The change counter of the one token under the test's GOST_TOKEN_DIR. */
static FILE *counter_file(void)
{
    char path[512];
    DIR *d = opendir(p11t_token_dir());
    struct dirent *e;
    FILE *fp = NULL;
    cr_assert_not_null(d);
    while ((e = readdir(d)) != NULL && fp == NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/.lock", p11t_token_dir(), e->d_name);
        fp = fopen(path, "r+");
    }
    closedir(d);
    cr_assert_not_null(fp, "no token lock file");
    return fp;
}

static uint64_t counter_get(void)
{
    FILE *fp = counter_file();
    uint64_t v;
    cr_assert_eq(fread(&v, sizeof v, 1, fp), 1);
    fclose(fp);
    return v;
}

static void counter_set(uint64_t v)
{
    FILE *fp = counter_file();
    cr_assert_eq(fwrite(&v, sizeof v, 1, fp), 1);
    fclose(fp);
}

/* Another process adds token object obj-n. */
static void other_process_adds(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot, unsigned n)
{
    int status;
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        CK_SESSION_HANDLE cs;
        CK_OBJECT_HANDLE ch;
        int ok = child_user_session(f, slot, &cs) && put_object(f, cs, CK_TRUE, n, &ch) == CKR_OK;
        _exit(ok ? 0 : 1);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A process keeping one view of the token (the change counter lets it skip
 * the stat of token.meta) sees what other processes wrote, also when a writer
 * died in the middle and left the counter odd. */
Test(p11_store, long_lived_view_follows_other_writers)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot);
    CK_OBJECT_HANDLE h;
    uint64_t before, after, odd;
    P11_OK(put_object(f, s, CK_TRUE, 1, &h));
    cr_assert_eq(check_objects(f, s), 1); /* this view is current */
    /* a writer that finishes: the counter moves to a larger even value */
    before = counter_get();
    cr_assert_eq(before & 1, 0, "no writer inside");
    other_process_adds(f, slot, 10);
    after = counter_get();
    cr_assert(after > before && !(after & 1), "counter %llu -> %llu",
              (unsigned long long)before, (unsigned long long)after);
    cr_assert_eq(check_objects(f, s), 2, "the other writer's object");
    /* a writer that dies inside: it made the counter odd, this process looked
     * then, the writer's changes landed and it died before the counter moved
     * again (simulated: the counter is put back to the odd value) */
    odd = after | 1;
    counter_set(odd);
    cr_assert_eq(check_objects(f, s), 2);
    other_process_adds(f, slot, 11);
    counter_set(odd);
    cr_assert_eq(check_objects(f, s), 3, "an odd counter must not be trusted");
    P11_OK(f->C_Finalize(NULL));
}
