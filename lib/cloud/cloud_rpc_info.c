/* CK_*_INFO structures on the wire: fixed-size character fields as raw bytes,
 * every CK_ULONG as a u64, versions as two bytes. */
#include <string.h>

#include "cloud_rpc_codec.h"

static void put_ver(struct rpc_out *w, CK_VERSION v)
{
    uint8_t b[2] = {v.major, v.minor};
    rpc_put_raw(w, b, 2);
}

static CK_VERSION get_ver(struct rpc_in *r)
{
    CK_VERSION v = {0, 0};
    const uint8_t *b = rpc_get_raw(r, 2);
    if (b != NULL) {
        v.major = b[0];
        v.minor = b[1];
    }
    return v;
}

static void get_chars(struct rpc_in *r, void *dst, size_t n)
{
    const uint8_t *b = rpc_get_raw(r, n);
    if (b != NULL)
        memcpy(dst, b, n);
}

void rpc_put_slot_info(struct rpc_out *w, const CK_SLOT_INFO *i)
{
    rpc_put_raw(w, i->slotDescription, sizeof i->slotDescription);
    rpc_put_raw(w, i->manufacturerID, sizeof i->manufacturerID);
    rpc_put_u64(w, i->flags);
    put_ver(w, i->hardwareVersion);
    put_ver(w, i->firmwareVersion);
}

void rpc_get_slot_info(struct rpc_in *r, CK_SLOT_INFO *i)
{
    memset(i, 0, sizeof *i);
    get_chars(r, i->slotDescription, sizeof i->slotDescription);
    get_chars(r, i->manufacturerID, sizeof i->manufacturerID);
    i->flags = rpc_get_ulong(r);
    i->hardwareVersion = get_ver(r);
    i->firmwareVersion = get_ver(r);
}

void rpc_put_token_info(struct rpc_out *w, const CK_TOKEN_INFO *i)
{
    rpc_put_raw(w, i->label, sizeof i->label);
    rpc_put_raw(w, i->manufacturerID, sizeof i->manufacturerID);
    rpc_put_raw(w, i->model, sizeof i->model);
    rpc_put_raw(w, i->serialNumber, sizeof i->serialNumber);
    const CK_ULONG v[] = {i->flags, i->ulMaxSessionCount, i->ulSessionCount,
                          i->ulMaxRwSessionCount, i->ulRwSessionCount, i->ulMaxPinLen,
                          i->ulMinPinLen, i->ulTotalPublicMemory, i->ulFreePublicMemory,
                          i->ulTotalPrivateMemory, i->ulFreePrivateMemory};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        rpc_put_u64(w, v[k]);
    put_ver(w, i->hardwareVersion);
    put_ver(w, i->firmwareVersion);
    rpc_put_raw(w, i->utcTime, sizeof i->utcTime);
}

void rpc_get_token_info(struct rpc_in *r, CK_TOKEN_INFO *i)
{
    memset(i, 0, sizeof *i);
    get_chars(r, i->label, sizeof i->label);
    get_chars(r, i->manufacturerID, sizeof i->manufacturerID);
    get_chars(r, i->model, sizeof i->model);
    get_chars(r, i->serialNumber, sizeof i->serialNumber);
    CK_ULONG *const v[] = {&i->flags, &i->ulMaxSessionCount, &i->ulSessionCount,
                           &i->ulMaxRwSessionCount, &i->ulRwSessionCount, &i->ulMaxPinLen,
                           &i->ulMinPinLen, &i->ulTotalPublicMemory, &i->ulFreePublicMemory,
                           &i->ulTotalPrivateMemory, &i->ulFreePrivateMemory};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        *v[k] = rpc_get_ulong(r);
    i->hardwareVersion = get_ver(r);
    i->firmwareVersion = get_ver(r);
    get_chars(r, i->utcTime, sizeof i->utcTime);
}

void rpc_put_session_info(struct rpc_out *w, const CK_SESSION_INFO *i)
{
    rpc_put_u64(w, i->slotID);
    rpc_put_u64(w, i->state);
    rpc_put_u64(w, i->flags);
    rpc_put_u64(w, i->ulDeviceError);
}

void rpc_get_session_info(struct rpc_in *r, CK_SESSION_INFO *i)
{
    i->slotID = rpc_get_ulong(r);
    i->state = rpc_get_ulong(r);
    i->flags = rpc_get_ulong(r);
    i->ulDeviceError = rpc_get_ulong(r);
}

void rpc_put_mech_info(struct rpc_out *w, const CK_MECHANISM_INFO *i)
{
    rpc_put_u64(w, i->ulMinKeySize);
    rpc_put_u64(w, i->ulMaxKeySize);
    rpc_put_u64(w, i->flags);
}

void rpc_get_mech_info(struct rpc_in *r, CK_MECHANISM_INFO *i)
{
    i->ulMinKeySize = rpc_get_ulong(r);
    i->ulMaxKeySize = rpc_get_ulong(r);
    i->flags = rpc_get_ulong(r);
}
