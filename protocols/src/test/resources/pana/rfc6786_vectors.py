#!/usr/bin/env python3
"""Independent computation of the RFC 6786 values pinned in PanaEncryptionTest.

Written from the RFC text only: prf+ of RFC 7296 §2.13 over HMAC-SHA-256 (hashlib/hmac), the
labels and inputs of RFC 6786 §3, and AES-128-CTR from the `cryptography` module started at the
counter block of RFC 6786 §4.1 (0x02 | Key-Id | Session ID | Sequence Number | 0x000001).
Inputs are those of PanaAuthTest/PanaCodecTest.
"""
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

MSK = bytes(range(64))
I_PAR = bytes.fromhex("00000028c0000002112233440102030400060000000400000000000500030000"
                      "00040000000000" "0c")
I_PAN = bytes.fromhex("0000003840000002112233440102030400020000000500000201000501000000"
                      "0005000000100000" "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")
PAC_NONCE = bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")
PAA_NONCE = bytes.fromhex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf")
KEY_ID = 1


def prf_plus(key, seed, length):
    out, t, n = b"", b"", 1
    while len(out) < length:
        t = hmac.new(key, t + seed + bytes([n]), hashlib.sha256).digest()
        out += t
        n += 1
    return out[:length]


def encr_key(label):
    seed = label + I_PAR + I_PAN + PAC_NONCE + PAA_NONCE + struct.pack("!I", KEY_ID)
    return prf_plus(MSK, seed, 16)


def avp(code, value, flags=0, vendor=None):
    head = struct.pack("!HHHH", code, flags, len(value), 0)
    if vendor is not None:
        head += struct.pack("!I", vendor)
    return head + value + bytes((4 - len(value) % 4) % 4)


pac = encr_key(b"IETF PANA PaC Encr")
paa = encr_key(b"IETF PANA PAA Encr")
print("PANA_PAC_ENCR_KEY", pac.hex())
print("PANA_PAA_ENCR_KEY", paa.hex())

# Session-Lifetime 3600 and a vendor AVP (V flag, Vendor-Id 32473) with 21 opaque octets.
plain = avp(8, struct.pack("!I", 3600)) + avp(1, bytes(range(0x40, 0x55)), 0x8000, 32473)
session, seq = 0x11223344, 0x01020305
ctr1 = bytes([2]) + struct.pack("!III", KEY_ID, session, seq) + bytes([0, 0, 1])
enc = Cipher(algorithms.AES(paa), modes.CTR(ctr1)).encryptor()
print("plaintext", plain.hex())
print("Ctr_1", ctr1.hex())
print("Encryption-Encap value (PAA)", (enc.update(plain) + enc.finalize()).hex())
