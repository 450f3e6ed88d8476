package net.iotgw.protocols.eap.psk;

import java.util.Arrays;
import net.iotgw.protocols.eap.EapKeys;

/**
 * The per-session keys derived from KDK and RAND_P (RFC 4764 §3.2): TEK (16 octets) protects the
 * PCHANNEL; MSK and EMSK (64 octets each) are exported. Zero them with {@link #destroy()}.
 */
public record SessionKeys(byte[] tek, byte[] msk, byte[] emsk) {

  public SessionKeys {
    if (tek.length != 16 || msk.length != 64 || emsk.length != 64) {
      throw new IllegalArgumentException("TEK is 16 octets, MSK and EMSK 64");
    }
    tek = tek.clone();
    msk = msk.clone();
    emsk = emsk.clone();
  }

  /** A copy of MSK and EMSK, independent of this record's lifetime. */
  public EapKeys exported() {
    return new EapKeys(msk, emsk);
  }

  public void destroy() {
    Arrays.fill(tek, (byte) 0);
    Arrays.fill(msk, (byte) 0);
    Arrays.fill(emsk, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeys k
        && Arrays.equals(k.tek, tek)
        && Arrays.equals(k.msk, msk)
        && Arrays.equals(k.emsk, emsk);
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "SessionKeys[TEK, MSK, EMSK redacted]";
  }
}
