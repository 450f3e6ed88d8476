package net.iotgw.sim.cd;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * What a CD needs to enter the network (paper Fig. 3/4): its EAP-PSK identity (ID_P, RFC 4764
 * §3.1) and 16-octet pre-shared key, and, when the device store pins it, the EUI-64 the identity
 * belongs to. One entry of the device store ({@link DeviceStoreFile}).
 *
 * <p>Holds key material: {@link #toString} never shows the PSK and {@link #destroy} zeroes it.
 */
public final class CdCredentials {
  private final String identity;
  private final Psk psk;
  private final OptionalLong eui64;

  /**
   * @param identity ID_P, sent as UTF-8
   * @param psk the 16-octet key; copied
   * @param eui64 the CD's EUI-64 when the store names it
   */
  public CdCredentials(String identity, byte[] psk, OptionalLong eui64) {
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("empty identity");
    }
    this.identity = identity;
    this.psk = new Psk(psk);
    this.eui64 = eui64;
  }

  public String identity() {
    return identity;
  }

  /** ID_P as it goes into EAP-PSK message 2. */
  byte[] identityBytes() {
    return identity.getBytes(StandardCharsets.UTF_8);
  }

  /** The key itself, for the EAP-PSK peer; not a copy: the owner destroys it. */
  public Psk psk() {
    return psk;
  }

  public OptionalLong eui64() {
    return eui64;
  }

  /** The same identity with another PSK: a device whose key does not match the store. */
  public CdCredentials withPsk(byte[] otherPsk) {
    return new CdCredentials(identity, otherPsk, eui64);
  }

  /** Zeroes the PSK; the CD holding it can no longer authenticate. */
  public void destroy() {
    psk.destroy();
  }

  @Override
  public String toString() {
    return "CdCredentials[" + identity
        + (eui64.isPresent() ? ", " + new LinkAddress.Extended(eui64.getAsLong()) : "")
        + ", PSK redacted]";
  }
}
