/* Locking and fork detection for the entry layer.
 *
 * One module-wide lock serialises the calls (simple and enough: the work done
 * under it is short, and it makes every manager below single-threaded). It is
 * a pthread mutex (CKF_OS_LOCKING_OK or no arguments) or the application's
 * callbacks when it gives them without CKF_OS_LOCKING_OK (v2.40 s.6.7.2).
 * A fork child must call C_Initialize again; until then every call returns
 * CKR_CRYPTOKI_NOT_INITIALIZED (v2.40 s.6.7.1). */
#include <pthread.h>
#include <unistd.h>

#include "p11.h"

static pthread_mutex_t os_mutex = PTHREAD_MUTEX_INITIALIZER;
static CK_C_INITIALIZE_ARGS app;   /* the application's callbacks, if used */
static void *app_mutex;
static int use_app;
static pid_t init_pid;

CK_RV p11_lock_setup(const CK_C_INITIALIZE_ARGS *a)
{
    use_app = 0;
    /* A fresh mutex: after fork the parent's one may be held by a thread that
     * does not exist in the child. */
    pthread_mutex_init(&os_mutex, NULL);
    if (a != NULL && a->CreateMutex != NULL && !(a->flags & CKF_OS_LOCKING_OK)) {
        CK_RV rv;
        app = *a;
        rv = app.CreateMutex(&app_mutex);
        if (rv != CKR_OK)
            return rv;
        use_app = 1;
    }
    return CKR_OK;
}

void p11_lock_teardown(void)
{
    if (use_app && app.DestroyMutex != NULL)
        app.DestroyMutex(app_mutex);
    use_app = 0;
    app_mutex = NULL;
    init_pid = 0;
}

void p11_lock(void)
{
    if (use_app)
        app.LockMutex(app_mutex);
    else
        pthread_mutex_lock(&os_mutex);
}

void p11_unlock(void)
{
    if (use_app)
        app.UnlockMutex(app_mutex);
    else
        pthread_mutex_unlock(&os_mutex);
}

/* Set in a fork child (pthread_atfork), so that the check made on every
 * call costs no getpid() system call. A child made without the fork
 * handlers (a raw clone system call) is not detected, as with any
 * atfork-based library. glibc unregisters the handler when the module is
 * dlclose'd (pthread_atfork passes the module's __dso_handle). */
static volatile int forked_flag;
static int atfork_registered;

static void in_child(void)
{
    forked_flag = 1;
}

void p11_mark_initialized(void)
{
    if (!atfork_registered) /* C_Initialize runs before any other thread may enter */
        atfork_registered = pthread_atfork(NULL, NULL, in_child) == 0;
    forked_flag = 0;
    init_pid = getpid();
}

int p11_forked(void)
{
    if (init_pid == 0 || (atfork_registered && !forked_flag))
        return 0;
    return init_pid != getpid();
}
