package net.iotgw.protocols.ike.keys;

import java.util.Arrays;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * The IKEv2 key schedule over plain byte arrays: SKEYSEED and the IKE SA keys (RFC 7296 §2.14),
 * CHILD_SA keying material (§2.17) and the keys of a rekeyed IKE SA (§2.18).
 *
 * <p>SKEYSEED = prf(Ni | Nr, g^ir) takes the whole nonces as the key: §2.14's rule for PRFs with a
 * fixed key size (half of the key from each nonce) concerns AES-XCBC/CMAC, and every PRF supported
 * here is an HMAC, which takes keys of any length.
 */
public final class KeySchedule {
  private KeySchedule() {}

  /** SKEYSEED = prf(Ni | Nr, g^ir) (RFC 7296 §2.14). */
  public static byte[] skeyseed(PrfAlgorithm prf, byte[] gir, byte[] ni, byte[] nr) {
    byte[] key = concat(ni, nr);
    byte[] skeyseed = Prf.of(prf).prf(key, gir);
    Arrays.fill(key, (byte) 0);
    return skeyseed;
  }

  /**
   * SKEYSEED and {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr |
   * SPIi | SPIr) for a new IKE SA (RFC 7296 §2.14).
   *
   * @param gir the shared secret from {@code KeyExchange.agree}
   * @param spiI the initiator's SPI as on the wire (big-endian)
   */
  public static IkeSaKeys derive(
      Suite suite, byte[] gir, byte[] ni, byte[] nr, long spiI, long spiR) {
    return fromSkeyseed(suite, skeyseed(suite.prf(), gir, ni, nr), ni, nr, spiI, spiR);
  }

  /**
   * The IKE SA keys from a known SKEYSEED (which the returned record takes over), e.g. on the
   * constrained device that received SKEYSEED from the gateway.
   */
  public static IkeSaKeys fromSkeyseed(
      Suite suite, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
    byte[] seed = ikeSeed(ni, nr, spiI, spiR);
    byte[] km = Prf.of(suite.prf()).prfPlus(skeyseed, seed, suite.keyMaterialLength());
    Splitter s = new Splitter(km);
    int p = suite.prfKeyLength();
    int a = suite.integrityKeyLength();
    int e = suite.encryptionKeyLength();
    IkeSaKeys keys =
        new IkeSaKeys(
            suite, skeyseed, s.take(p), s.take(a), s.take(a), s.take(e), s.take(e), s.take(p),
            s.take(p));
    Arrays.fill(km, (byte) 0);
    return keys;
  }

  /**
   * SK_d alone, the first PRF-key-length bytes of prf+(SKEYSEED, Ni | Nr | SPIi | SPIr): all a
   * party that received SKEYSEED needs for CHILD_SA keys (§2.17), and independent of the IKE SA's
   * encryption and integrity transforms. One PRF call for the SHA-2 PRFs.
   */
  public static byte[] skD(
      PrfAlgorithm prf, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
    Prf f = Prf.of(prf);
    return f.prfPlus(skeyseed, ikeSeed(ni, nr, spiI, spiR), f.keyLength());
  }

  /**
   * SKEYSEED of an IKE SA rekeyed by CREATE_CHILD_SA: prf(SK_d (old), g^ir (new) | Ni | Nr), with
   * the old IKE SA's PRF (RFC 7296 §2.18).
   */
  public static byte[] rekeySkeyseed(
      PrfAlgorithm oldPrf, byte[] oldSkD, byte[] girNew, byte[] ni, byte[] nr) {
    byte[] data = concat(girNew, ni, nr);
    byte[] skeyseed = Prf.of(oldPrf).prf(oldSkD, data);
    Arrays.fill(data, (byte) 0);
    return skeyseed;
  }

  /**
   * The keys of the new IKE SA of a rekey (RFC 7296 §2.18): SKEYSEED from the old SA's SK_d and
   * PRF, then §2.14 with the new SA's suite, the rekey exchange's nonces and the new SPIs.
   */
  public static IkeSaKeys rekey(
      Suite newSuite,
      PrfAlgorithm oldPrf,
      byte[] oldSkD,
      byte[] girNew,
      byte[] ni,
      byte[] nr,
      long newSpiI,
      long newSpiR) {
    byte[] skeyseed = rekeySkeyseed(oldPrf, oldSkD, girNew, ni, nr);
    return fromSkeyseed(newSuite, skeyseed, ni, nr, newSpiI, newSpiR);
  }

  /** KEYMAT = prf+(SK_d, Ni | Nr) for a CHILD_SA without PFS (RFC 7296 §2.17). */
  public static ChildSaKeys childSa(
      PrfAlgorithm prf, byte[] skD, PacketProtection esp, byte[] ni, byte[] nr) {
    return childSaFromSeed(prf, skD, esp, concat(ni, nr));
  }

  /**
   * KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr) for a CHILD_SA created with a fresh Diffie-Hellman
   * exchange (RFC 7296 §2.17).
   */
  public static ChildSaKeys childSa(
      PrfAlgorithm prf, byte[] skD, PacketProtection esp, byte[] girNew, byte[] ni, byte[] nr) {
    return childSaFromSeed(prf, skD, esp, concat(girNew, ni, nr));
  }

  /** Bytes of KEYMAT one CHILD_SA pair takes with {@code esp}: one slice per direction. */
  public static int childKeyMaterialLength(PacketProtection esp) {
    return 2 * esp.keyingMaterialLength();
  }

  private static ChildSaKeys childSaFromSeed(
      PrfAlgorithm prf, byte[] skD, PacketProtection esp, byte[] seed) {
    byte[] keymat = Prf.of(prf).prfPlus(skD, seed, childKeyMaterialLength(esp));
    Arrays.fill(seed, (byte) 0);
    // RFC 7296 §2.17: the initiator-to-responder SA first. Within a direction's slice the keys lie
    // as PacketProtection lays them out (encryption, then integrity), so a slice handed to
    // PacketProtection.cipher(byte[]) gives the same cipher as the ChildSaKeys of this split.
    Splitter s = new Splitter(keymat);
    byte[] i2r = s.take(esp.keyingMaterialLength());
    byte[] r2i = s.take(esp.keyingMaterialLength());
    ChildSaKeys keys =
        new ChildSaKeys(
            esp, esp.encryptionKey(i2r), esp.integrityKey(i2r), esp.encryptionKey(r2i),
            esp.integrityKey(r2i));
    for (byte[] b : new byte[][] {keymat, i2r, r2i}) {
      Arrays.fill(b, (byte) 0);
    }
    return keys;
  }

  /** Ni | Nr | SPIi | SPIr, the prf+ seed of RFC 7296 §2.14. */
  private static byte[] ikeSeed(byte[] ni, byte[] nr, long spiI, long spiR) {
    byte[] seed = new byte[ni.length + nr.length + 16];
    System.arraycopy(ni, 0, seed, 0, ni.length);
    System.arraycopy(nr, 0, seed, ni.length, nr.length);
    putLong(seed, ni.length + nr.length, spiI);
    putLong(seed, ni.length + nr.length + 8, spiR);
    return seed;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** Consecutive slices of keying material. */
  private static final class Splitter {
    private final byte[] km;
    private int off;

    Splitter(byte[] km) {
      this.km = km;
    }

    byte[] take(int n) {
      byte[] out = Arrays.copyOfRange(km, off, off + n);
      off += n;
      return out;
    }
  }
}
