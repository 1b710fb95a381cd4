#!/usr/bin/env python3
# Regenerates the expected values of tests/unit/test_otp.c (run: python3 tests/unit/gen_otp_vectors.py;
# needs openssl with the gost provider, Debian libengine-gost-openssl).
# Expected HOTP/TOTP values with HMAC-Streebog computed by OpenSSL's GOST
# provider (openssl mac ... HMAC) and RFC 4226 s.5.3 truncation in Python.
import subprocess, struct
def hmac(dig, key, msg):
    open('/tmp/otpmsg','wb').write(msg)
    out = subprocess.check_output(['openssl','mac','-provider','gostprov','-provider','default',
        '-macopt','digest:'+dig,'-macopt','hexkey:'+key.hex(),'-in','/tmp/otpmsg','HMAC'])
    return bytes.fromhex(out.decode().strip())
def hotp(dig, key, c, digits):
    m = hmac(dig, key, struct.pack('>Q', c))
    o = m[-1] & 15
    return (struct.unpack('>I', m[o:o+4])[0] & 0x7fffffff) % 10**digits
k20 = b'12345678901234567890'
print('hotp256', [hotp('md_gost12_256', k20, c, 6) for c in range(10)])
k32 = b'12345678901234567890123456789012'
k64 = k32*2
for t in [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]:
    print('totp', t, hotp('md_gost12_256', k32, t//30, 8), hotp('md_gost12_512', k64, t//30, 8))
