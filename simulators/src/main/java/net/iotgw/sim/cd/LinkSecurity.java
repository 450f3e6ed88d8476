package net.iotgw.sim.cd;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.FrameProtection;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.OutgoingFrameCounter;
import net.iotgw.protocols.ieee802154.security.PeerKey;
import net.iotgw.protocols.ieee802154.security.Pemk;
import net.iotgw.protocols.ieee802154.security.ReplayState;
import net.iotgw.protocols.ieee802154.security.Unprotected;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * A CD's 802.15.4 link security with the gateway under one key (IEEE 802.15.4-2006 §7.5.8): the
 * key, the counter its next secured frame carries and the highest counter accepted from the
 * gateway, both fresh with every key. The key comes from the PANA session by the network-entry
 * contract: {@code Pemk.derive(prf, MSK, session id, Key-Id, EPID of the gateway's
 * EUI-64).linkKey()} (RFC 5807 §3). Key Id Mode 0: the key is implied by the CD-gateway pair.
 *
 * <p>Mutable and confined to its CD's thread; {@link #destroy} zeroes the key.
 */
final class LinkSecurity {
  private final LinkKey key;
  private final SecurityLevel level;
  private final Address.Extended self;
  private final Address.Extended gateway;
  private OutgoingFrameCounter counter = OutgoingFrameCounter.initial();
  private ReplayState replay = ReplayState.fresh();

  private LinkSecurity(
      LinkKey key, SecurityLevel level, Address.Extended self, Address.Extended gateway) {
    this.key = key;
    this.level = level;
    this.self = self;
    this.gateway = gateway;
  }

  /** The key of an open PANA session, derived as the gateway derives it. */
  static LinkSecurity fromSession(
      PrfAlgorithm prf, byte[] msk, long sessionId, long keyId, long selfEui64,
      long gatewayEui64, SecurityLevel level) {
    Address.Extended gateway = new Address.Extended(gatewayEui64);
    Pemk pemk = Pemk.derive(Prf.of(prf), msk, sessionId, keyId, Pemk.epIdOf(gateway));
    try {
      return new LinkSecurity(
          pemk.linkKey(), level, new Address.Extended(selfEui64), gateway);
    } finally {
      pemk.destroy();
    }
  }

  /** A key the CD made up: what a forging CD secures its frames with. */
  static LinkSecurity madeUp(
      RandomGenerator random, long selfEui64, long gatewayEui64, SecurityLevel level) {
    byte[] k = new byte[LinkKey.LENGTH];
    random.nextBytes(k);
    try {
      return new LinkSecurity(LinkKey.of(k), level, new Address.Extended(selfEui64),
          new Address.Extended(gatewayEui64));
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  SecurityLevel level() {
    return level;
  }

  /** The header {@code unsecured} gets when secured: what the frame's room is computed from. */
  MacHeader securedHeader(MacHeader unsecured) {
    return unsecured.withSecurity(AuxSecurityHeader.implicitKey(level, counter.value()));
  }

  /** Whether {@code frames} more frames can be secured before the counter runs out. */
  boolean canProtect(int frames) {
    return OutgoingFrameCounter.EXHAUSTED - counter.value() >= frames;
  }

  /** Secures {@code unsecured} with the next counter; check {@link #canProtect} first. */
  byte[] protect(MacFrame unsecured) {
    FrameProtection.Protected p = FrameProtection.protect(unsecured, self, key, counter, level);
    counter = p.counter();
    return p.psdu();
  }

  /**
   * Verifies a secured frame: from the gateway's extended address, at this level, with a counter
   * above the last accepted, and a MIC that verifies. Accepting it advances the replay state.
   */
  Unprotected unprotect(byte[] psdu) {
    Unprotected u = FrameProtection.unprotect(psdu, true, level, this::peer);
    if (u instanceof Unprotected.Accepted a) {
      replay = a.replay();
    }
    return u;
  }

  private Optional<PeerKey> peer(MacHeader header) {
    return header.source().equals(gateway)
        ? Optional.of(new PeerKey(gateway, key, replay))
        : Optional.empty();
  }

  /** The key, for tests that compare it with the gateway's. */
  LinkKey key() {
    return key;
  }

  OutgoingFrameCounter counter() {
    return counter;
  }

  void destroy() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "LinkSecurity[" + level + ", counter " + counter.value() + ", key redacted]";
  }
}
