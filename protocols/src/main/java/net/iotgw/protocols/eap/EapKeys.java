package net.iotgw.protocols.eap;

import java.util.Arrays;

/**
 * What a key-generating EAP method exports (RFC 3748 §7.10, RFC 5247 §2): the MSK, which keys
 * PANA (RFC 5191 §5.3) and is sent to a RADIUS client as MS-MPPE keys, and the EMSK. Both are at
 * least 64 octets. The arrays are this record's own: {@link #destroy()} zeroes them.
 */
public record EapKeys(byte[] msk, byte[] emsk) {

  public static final int MIN_LENGTH = 64;

  public EapKeys {
    if (msk.length < MIN_LENGTH || emsk.length < MIN_LENGTH) {
      throw new IllegalArgumentException("MSK and EMSK are at least 64 octets (RFC 3748 §7.10)");
    }
    msk = msk.clone();
    emsk = emsk.clone();
  }

  public void destroy() {
    Arrays.fill(msk, (byte) 0);
    Arrays.fill(emsk, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EapKeys k && Arrays.equals(k.msk, msk) && Arrays.equals(k.emsk, emsk);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(msk);
  }

  @Override
  public String toString() {
    return "EapKeys[MSK " + msk.length + " octets, EMSK " + emsk.length + " octets, redacted]";
  }
}
