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
 * <p>A CHILD_SA of a CREATE_CHILD_SA exchange (a rekey or an additional one) has its own nonces,
 * and with PFS a fresh Diffie-Hellman secret: KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296
 * §2.17). SK_d still comes from SKEYSEED with the nonces of the exchange that keyed the IKE SA
 * ({@code ikeNi}, {@code ikeNr}: IKE_SA_INIT, or the IKE SA's own rekey). Decision: with PFS the
 * delivery carries g^ir (new) itself, so that the CD runs the same two steps as for the first
 * CHILD_SA; it is as secret as SK_d and sent the same way.
 *
 * <p>{@link #toString()} shows no secret; {@link #destroy()} zeroes it (the engine does so when the
 * delivery is settled or the SA dies).
 *
 * @param mode which secret {@code secret} is
 * @param secret SKEYSEED or SK_d
 * @param ikeNi Ni of the exchange that keyed the IKE SA (SK_d = prf+(SKEYSEED, Ni | Nr | SPIi |
 *     SPIr))
 * @param ikeNr Nr of that exchange
 * @param spiI the IKE SA's SPIi
 * @param spiR the IKE SA's SPIr
 * @param ni Ni of the exchange that created the CHILD_SA
 * @param nr Nr of that exchange
 * @param pfsSecret g^ir of that exchange's own Diffie-Hellman (PFS), empty without
 * @param cdRole the CD's role in the exchange: the initiator's SA comes first in KEYMAT
 */
public record KeyDelivery(
    EngineConfig.KeyDeliveryMode mode,
    byte[] secret,
    PrfAlgorithm prf,
    byte[] ikeNi,
    byte[] ikeNr,
    long spiI,
    long spiR,
    byte[] ni,
    byte[] nr,
    byte[] pfsSecret,
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
    ikeNi = ikeNi.clone();
    ikeNr = ikeNr.clone();
    ni = ni.clone();
    nr = nr.clone();
    pfsSecret = pfsSecret.clone();
    cdSelectors = List.copyOf(cdSelectors);
    peerSelectors = List.copyOf(peerSelectors);
  }

  /**
   * A delivery for IKE_AUTH's CHILD_SA, whose nonces are the IKE SA's and which has no PFS (the
   * form before CREATE_CHILD_SA, kept for decoders of it).
   */
  public KeyDelivery(
      EngineConfig.KeyDeliveryMode mode, byte[] secret, PrfAlgorithm prf, byte[] ni, byte[] nr,
      long spiI, long spiR, PacketProtection esp, ChildSa.Mode childMode, int cdInboundSpi,
      int cdOutboundSpi, List<TrafficSelector> cdSelectors, List<TrafficSelector> peerSelectors,
      Role cdRole, InetSocketAddress peer, boolean udpEncapsulation, long lifetimeMillis) {
    this(mode, secret, prf, ni, nr, spiI, spiR, ni, nr, new byte[0], esp, childMode, cdInboundSpi,
        cdOutboundSpi, cdSelectors, peerSelectors, cdRole, peer, udpEncapsulation,
        lifetimeMillis);
  }

  /** What to deliver for {@code child}, created in IKE_AUTH with its nonces {@code ni}, {@code nr}. */
  static KeyDelivery of(IkeSa sa, ChildSa child, byte[] ni, byte[] nr) {
    return of(sa, child, ni, nr, new byte[0]);
  }

  /**
   * What to deliver for {@code child}, created with the nonces {@code ni} and {@code nr} and, with
   * PFS, the shared secret {@code pfsSecret} (empty without).
   */
  static KeyDelivery of(IkeSa sa, ChildSa child, byte[] ni, byte[] nr, byte[] pfsSecret) {
    EngineConfig.KeyDeliveryMode mode = sa.config().keyDelivery();
    byte[] secret =
        mode == EngineConfig.KeyDeliveryMode.SKEYSEED ? sa.keys().skeyseed().clone()
            : sa.keys().skD().clone();
    return new KeyDelivery(
        mode, secret, sa.suite().prf(), sa.nonces().ni(), sa.nonces().nr(), sa.spiI(), sa.spiR(),
        ni, nr, pfsSecret, child.esp(), child.mode(), child.inboundSpi(), child.outboundSpi(),
        child.cdSelectors(), child.peerSelectors(), child.cdRole(), child.peer(),
        child.udpEncapsulation(), child.lifetimeMillis());
  }

  @Override
  public byte[] ikeNi() {
    return ikeNi.clone();
  }

  @Override
  public byte[] ikeNr() {
    return ikeNr.clone();
  }

  /** A copy of g^ir (new), for encoding it into the delivery message; empty without PFS. */
  @Override
  public byte[] pfsSecret() {
    return pfsSecret.clone();
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
   * The CD's computation: SK_d from SKEYSEED if that is what was sent (RFC 7296 §2.14, with the
   * IKE SA's nonces and SPIs), then KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) with the CHILD_SA's
   * nonces (§2.17).
   */
  public ChildSaKeys deriveChildKeys() {
    byte[] skD =
        mode == EngineConfig.KeyDeliveryMode.SKEYSEED
            ? KeySchedule.skD(prf, secret, ikeNi, ikeNr, spiI, spiR)
            : secret.clone();
    try {
      return pfsSecret.length == 0
          ? KeySchedule.childSa(prf, skD, esp, ni, nr)
          : KeySchedule.childSa(prf, skD, esp, pfsSecret, ni, nr);
    } finally {
      Arrays.fill(skD, (byte) 0);
    }
  }

  /** Whether the CHILD_SA took a fresh Diffie-Hellman exchange. */
  public boolean pfs() {
    return pfsSecret.length > 0;
  }

  public void destroy() {
    Arrays.fill(secret, (byte) 0);
    Arrays.fill(pfsSecret, (byte) 0);
  }

  @Override
  public String toString() {
    return "KeyDelivery["
        + mode
        + " redacted, "
        + (pfsSecret.length > 0 ? "PFS secret redacted, " : "")
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
