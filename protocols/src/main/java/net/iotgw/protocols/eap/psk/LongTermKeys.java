package net.iotgw.protocols.eap.psk;

import java.util.Arrays;

/**
 * AK (authentication key, for MAC_P and MAC_S) and KDK (key-derivation key), both derived once
 * from the PSK (RFC 4764 §3.1). Zero them with {@link #destroy()}.
 */
public record LongTermKeys(byte[] ak, byte[] kdk) {

  public LongTermKeys {
    if (ak.length != 16 || kdk.length != 16) {
      throw new IllegalArgumentException("AK and KDK are 16 octets");
    }
    ak = ak.clone();
    kdk = kdk.clone();
  }

  public void destroy() {
    Arrays.fill(ak, (byte) 0);
    Arrays.fill(kdk, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LongTermKeys k && Arrays.equals(k.ak, ak) && Arrays.equals(k.kdk, kdk);
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "LongTermKeys[AK, KDK redacted]";
  }
}
