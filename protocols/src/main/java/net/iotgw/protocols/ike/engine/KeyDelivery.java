package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;

/**
 * What the constrained device needs to derive and use its ESP keys (paper Sec. III-D): the
 * paper's SKEYSEED, or SK_d alone (least privilege: the CD cannot derive the IKE SA's own keys),
 * with the nonces, IKE SPIs and PRF they are expanded with, and the CHILD_SA's terms. The owner
 * sends it over the PANA session and answers {@code KeysDelivered} once the CD acknowledged it.
 *
 * <p>{@link #toString()} shows no secret; {@link #destroy()} zeroes it (the engine does so when the
 * delivery is settled or the SA dies).
 *
 * @param mode which secret {@code secret} is
 * @param secret SKEYSEED or SK_d
 * @param cdRole the CD's role in the exchange: the initiator's SA comes first in KEYMAT
 */
public record KeyDelivery(
    EngineConfig.KeyDeliveryMode mode,
    byte[] secret,
    PrfAlgorithm prf,
    byte[] ni,
    byte[] nr,
    long spiI,
    long spiR,
    PacketProtection esp,
    ChildSa.Mode childMode,
    int cdInboundSpi,
    int cdOutboundSpi,
    List<TrafficSelector> cdSelectors,
    List<TrafficSelector> peerSelectors,
    Role cdRole,
    InetSocketAddress peer,
    boolean udpEncapsulation,
    long lifetimeMillis) {

  public KeyDelivery {
    ni = ni.clone();
    nr = nr.clone();
    cdSelectors = List.copyOf(cdSelectors);
    peerSelectors = List.copyOf(peerSelectors);
  }

  /** What to deliver for {@code child}, created with the nonces {@code ni} and {@code nr}. */
  static KeyDelivery of(IkeSa sa, ChildSa child, byte[] ni, byte[] nr) {
    EngineConfig.KeyDeliveryMode mode = sa.config().keyDelivery();
    byte[] secret =
        mode == EngineConfig.KeyDeliveryMode.SKEYSEED ? sa.keys().skeyseed().clone()
            : sa.keys().skD().clone();
    return new KeyDelivery(
        mode, secret, sa.suite().prf(), ni, nr, sa.spiI(), sa.spiR(), child.esp(), child.mode(),
        child.inboundSpi(), child.outboundSpi(), child.cdSelectors(), child.peerSelectors(),
        child.cdRole(), child.peer(), child.udpEncapsulation(), child.lifetimeMillis());
  }

  @Override
  public byte[] ni() {
    return ni.clone();
  }

  @Override
  public byte[] nr() {
    return nr.clone();
  }

  /** A copy of the secret, for encoding it into the delivery message. */
  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /**
   * The CD's computation: SK_d from SKEYSEED if that is what was sent (RFC 7296 §2.14), then
   * KEYMAT = prf+(SK_d, Ni | Nr) (§2.17, no PFS in IKE_AUTH).
   */
  public ChildSaKeys deriveChildKeys() {
    byte[] skD =
        mode == EngineConfig.KeyDeliveryMode.SKEYSEED
            ? KeySchedule.skD(prf, secret, ni, nr, spiI, spiR)
            : secret.clone();
    try {
      return KeySchedule.childSa(prf, skD, esp, ni, nr);
    } finally {
      Arrays.fill(skD, (byte) 0);
    }
  }

  public void destroy() {
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public String toString() {
    return "KeyDelivery["
        + mode
        + " redacted, "
        + prf
        + ", SPIs "
        + Long.toHexString(spiI)
        + "/"
        + Long.toHexString(spiR)
        + ", "
        + esp
        + " "
        + childMode
        + ", ESP in "
        + String.format("%08x", cdInboundSpi)
        + " out "
        + String.format("%08x", cdOutboundSpi)
        + ", CD "
        + cdRole
        + ", peer "
        + peer
        + (udpEncapsulation ? " (UDP)" : "")
        + "]";
  }
}
