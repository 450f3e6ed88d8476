package net.iotgw.protocols.eap.psk;

import java.util.Arrays;

/** The 16-octet pre-shared key of an EAP-PSK peer (RFC 4764 §3.1). Zero it with {@link #destroy()}. */
public record Psk(byte[] key) {

  public static final int LENGTH = 16;

  public Psk {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("EAP-PSK keys are 16 octets (RFC 4764 §3.1)");
    }
    key = key.clone();
  }

  public void destroy() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Psk p && Arrays.equals(p.key, key);
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "Psk[redacted]";
  }
}
