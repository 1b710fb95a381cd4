/* -i library info, -s slot info, -t token info, -m mechanism list. */
#include <stdio.h>
#include <string.h>

#include "p11conf.h"

struct flag_name {
    unsigned long bit;
    const char *name;
};

/* PKCS#11 text fields are blank-padded, not NUL-terminated. */
static void print_padded(const char *label, const CK_UTF8CHAR *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    printf("  %-22s%.*s\n", label, (int)n, (const char *)s);
}

static void print_flags(unsigned long flags, const struct flag_name *t, size_t n)
{
    printf("  %-22s0x%lx", "Flags:", flags);
    const char *sep = " (";
    for (size_t i = 0; i < n; i++)
        if (flags & t[i].bit) {
            printf("%s%s", sep, t[i].name);
            sep = "|";
        }
    printf("%s\n", sep[0] == '|' ? ")" : "");
}

#define FLAG(x) {x, #x}

int p11c_cmd_library_info(p11c *c)
{
    CK_INFO info;
    CK_RV rv = c->f->C_GetInfo(&info);
    if (rv != CKR_OK)
        return p11c_fail("C_GetInfo", rv);
    printf("Library %s\n", c->library);
    printf("  %-22s%u.%u\n", "Cryptoki version:", info.cryptokiVersion.major,
           info.cryptokiVersion.minor);
    print_padded("Manufacturer:", info.manufacturerID, sizeof info.manufacturerID);
    print_padded("Description:", info.libraryDescription, sizeof info.libraryDescription);
    printf("  %-22s%u.%u\n", "Library version:", info.libraryVersion.major,
           info.libraryVersion.minor);
    return P11C_EXIT_OK;
}

/* The slots to report: the one given with -c, or all. */
static int slot_list(p11c *c, CK_BBOOL tokens_only, CK_SLOT_ID *slots, CK_ULONG *n)
{
    if (c->have_slot) {
        slots[0] = c->slot;
        *n = 1;
        return P11C_EXIT_OK;
    }
    CK_RV rv = c->f->C_GetSlotList(tokens_only, slots, n);
    return rv == CKR_OK ? P11C_EXIT_OK : p11c_fail("C_GetSlotList", rv);
}

int p11c_cmd_slot_info(p11c *c)
{
    static const struct flag_name flags[] = {
        FLAG(CKF_TOKEN_PRESENT), FLAG(CKF_REMOVABLE_DEVICE), FLAG(CKF_HW_SLOT)};
    CK_SLOT_ID slots[64];
    CK_ULONG n = 64;
    int rc = slot_list(c, CK_FALSE, slots, &n);
    for (CK_ULONG i = 0; rc == P11C_EXIT_OK && i < n; i++) {
        CK_SLOT_INFO si;
        CK_RV rv = c->f->C_GetSlotInfo(slots[i], &si);
        if (rv != CKR_OK)
            return p11c_fail("C_GetSlotInfo", rv);
        printf("Slot %lu\n", (unsigned long)slots[i]);
        print_padded("Description:", si.slotDescription, sizeof si.slotDescription);
        print_padded("Manufacturer:", si.manufacturerID, sizeof si.manufacturerID);
        print_flags(si.flags, flags, sizeof flags / sizeof flags[0]);
        printf("  %-22s%u.%u\n", "Hardware version:", si.hardwareVersion.major,
               si.hardwareVersion.minor);
        printf("  %-22s%u.%u\n", "Firmware version:", si.firmwareVersion.major,
               si.firmwareVersion.minor);
    }
    return rc;
}

static void print_count(const char *label, CK_ULONG have, CK_ULONG max)
{
    printf("  %-22s", label);
    if (have == CK_UNAVAILABLE_INFORMATION)
        printf("unavailable");
    else
        printf("%lu", (unsigned long)have);
    if (max == CK_EFFECTIVELY_INFINITE)
        printf(" / unlimited\n");
    else if (max == CK_UNAVAILABLE_INFORMATION)
        printf(" / unavailable\n");
    else
        printf(" / %lu\n", (unsigned long)max);
}

int p11c_cmd_token_info(p11c *c)
{
    static const struct flag_name flags[] = {
        FLAG(CKF_RNG), FLAG(CKF_WRITE_PROTECTED), FLAG(CKF_LOGIN_REQUIRED),
        FLAG(CKF_USER_PIN_INITIALIZED), FLAG(CKF_RESTORE_KEY_NOT_NEEDED),
        FLAG(CKF_CLOCK_ON_TOKEN), FLAG(CKF_PROTECTED_AUTHENTICATION_PATH),
        FLAG(CKF_DUAL_CRYPTO_OPERATIONS), FLAG(CKF_TOKEN_INITIALIZED),
        FLAG(CKF_SECONDARY_AUTHENTICATION), FLAG(CKF_USER_PIN_COUNT_LOW),
        FLAG(CKF_USER_PIN_FINAL_TRY), FLAG(CKF_USER_PIN_LOCKED), FLAG(CKF_USER_PIN_TO_BE_CHANGED),
        FLAG(CKF_SO_PIN_COUNT_LOW), FLAG(CKF_SO_PIN_FINAL_TRY), FLAG(CKF_SO_PIN_LOCKED),
        FLAG(CKF_SO_PIN_TO_BE_CHANGED)};
    CK_SLOT_ID slots[64];
    CK_ULONG n = 64;
    int rc = slot_list(c, CK_TRUE, slots, &n);
    for (CK_ULONG i = 0; rc == P11C_EXIT_OK && i < n; i++) {
        CK_TOKEN_INFO ti;
        CK_RV rv = c->f->C_GetTokenInfo(slots[i], &ti);
        if (rv != CKR_OK)
            return p11c_fail("C_GetTokenInfo", rv);
        printf("Token in slot %lu\n", (unsigned long)slots[i]);
        print_padded("Label:", ti.label, sizeof ti.label);
        print_padded("Manufacturer:", ti.manufacturerID, sizeof ti.manufacturerID);
        print_padded("Model:", ti.model, sizeof ti.model);
        print_padded("Serial number:", ti.serialNumber, sizeof ti.serialNumber);
        print_flags(ti.flags, flags, sizeof flags / sizeof flags[0]);
        print_count("Sessions:", ti.ulSessionCount, ti.ulMaxSessionCount);
        print_count("R/W sessions:", ti.ulRwSessionCount, ti.ulMaxRwSessionCount);
        printf("  %-22s%lu-%lu\n", "PIN length:", (unsigned long)ti.ulMinPinLen,
               (unsigned long)ti.ulMaxPinLen);
        print_count("Public memory free:", ti.ulFreePublicMemory, ti.ulTotalPublicMemory);
        print_count("Private memory free:", ti.ulFreePrivateMemory, ti.ulTotalPrivateMemory);
        printf("  %-22s%u.%u\n", "Hardware version:", ti.hardwareVersion.major,
               ti.hardwareVersion.minor);
        printf("  %-22s%u.%u\n", "Firmware version:", ti.firmwareVersion.major,
               ti.firmwareVersion.minor);
        if (ti.flags & CKF_CLOCK_ON_TOKEN)
            print_padded("Time:", ti.utcTime, sizeof ti.utcTime);
    }
    return rc;
}

int p11c_cmd_mechanisms(p11c *c)
{
    static const struct flag_name flags[] = {
        {CKF_HW, "hw"}, {CKF_ENCRYPT, "encrypt"}, {CKF_DECRYPT, "decrypt"},
        {CKF_DIGEST, "digest"}, {CKF_SIGN, "sign"}, {CKF_SIGN_RECOVER, "sign_recover"},
        {CKF_VERIFY, "verify"}, {CKF_VERIFY_RECOVER, "verify_recover"},
        {CKF_GENERATE, "generate"}, {CKF_GENERATE_KEY_PAIR, "generate_key_pair"},
        {CKF_WRAP, "wrap"}, {CKF_UNWRAP, "unwrap"}, {CKF_DERIVE, "derive"}};
    int rc = p11c_pick_slot(c, false);
    if (rc != P11C_EXIT_OK)
        return rc;
    CK_ULONG n = 0;
    CK_RV rv = c->f->C_GetMechanismList(c->slot, NULL, &n);
    if (rv != CKR_OK)
        return p11c_fail("C_GetMechanismList", rv);
    CK_MECHANISM_TYPE list[512];
    if (n > 512)
        n = 512;
    rv = c->f->C_GetMechanismList(c->slot, list, &n);
    if (rv != CKR_OK)
        return p11c_fail("C_GetMechanismList", rv);
    printf("Mechanisms of slot %lu\n", (unsigned long)c->slot);
    for (CK_ULONG i = 0; i < n; i++) {
        CK_MECHANISM_INFO mi;
        rv = c->f->C_GetMechanismInfo(c->slot, list[i], &mi);
        if (rv != CKR_OK)
            return p11c_fail("C_GetMechanismInfo", rv);
        const char *name = p11c_mech_name(list[i]);
        printf("  0x%08lx %-38s", (unsigned long)list[i], name != NULL ? name : "(vendor)");
        if (mi.ulMinKeySize || mi.ulMaxKeySize)
            printf(" keysize %lu-%lu", (unsigned long)mi.ulMinKeySize,
                   (unsigned long)mi.ulMaxKeySize);
        const char *sep = " ";
        for (size_t j = 0; j < sizeof flags / sizeof flags[0]; j++)
            if (mi.flags & flags[j].bit) {
                printf("%s%s", sep, flags[j].name);
                sep = ",";
            }
        printf("\n");
    }
    return P11C_EXIT_OK;
}
